package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/roadmap"
)

// generated is a valid curriculum of steps × perStep topics, each requiring
// its predecessor, with a quiz per step.
func generated(tb testing.TB, steps, perStep int) *curriculum.Curriculum {
	tb.Helper()
	var b strings.Builder
	b.WriteString("format: 1\nid: big\ntitle: Big\nskills:\n  - {id: web, title: Web, group: technical}\nsteps:\n")
	for s := range steps {
		fmt.Fprintf(&b, "  - id: step-%d\n    title: Step %d of a generated roadmap\n    summary: A generated step.\n    topics:\n", s, s)
		for t := range perStep {
			fmt.Fprintf(&b, "      - id: s%d-t%d\n        title: Topic %d of step %d, with a title of a realistic length\n        summary: A generated topic.\n", s, t, t, s)
			b.WriteString("        resources:\n          - {title: MDN, url: \"https://developer.mozilla.org/\", kind: docs}\n        skills: [web]\n        hours: 2\n")
			if t > 0 {
				fmt.Fprintf(&b, "        requires: [s%d-t%d]\n", s, t-1)
			}
		}
		b.WriteString("    quiz:\n      pass: 0.7\n      questions:\n        - {q: \"Why?\", choices: [a, b], answer: 1, explain: Because.}\n")
	}
	c, err := curriculum.Parse([]byte(b.String()), "big.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func builtin(tb testing.TB) *curriculum.Curriculum {
	c, err := curriculum.Load(roadmap.FS, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// halfDone marks every other topic done, so the views have marks to draw.
func halfDone(c *curriculum.Curriculum) *progress.Progress {
	p := progress.New(c.ID)
	for i, t := range c.Topics() {
		if i%2 == 0 {
			p.SetTopic(t.ID, progress.StatusDone, clock)
		}
	}
	return p
}

func benchModel(b *testing.B, c *curriculum.Curriculum, keys ...string) *Model {
	m, err := New(context.Background(), Options{Curriculum: c, Progress: halfDone(c), Now: fixedNow, IsDark: true})
	if err != nil {
		b.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	press(b, m, keys...)
	return m
}

// BenchmarkView measures View() of the dashboard and the step screens
// (goal: ≤ 1 ms built-in, ≤ 10 ms at 5,000 topics).
func BenchmarkView(b *testing.B) {
	for _, cur := range []struct {
		name string
		c    func(testing.TB) *curriculum.Curriculum
	}{
		{"builtin", builtin},
		{"5000topics", func(tb testing.TB) *curriculum.Curriculum { return generated(tb, 50, 100) }},
	} {
		c := cur.c(b)
		for _, sc := range []struct {
			name string
			keys []string
		}{
			{"dashboard", nil},
			{"step", []string{"enter"}},
			{"alltopics", []string{"/", "t", "o", "p", "enter"}},
		} {
			b.Run(cur.name+"/"+sc.name, func(b *testing.B) {
				m := benchModel(b, c, sc.keys...)
				b.ReportAllocs()
				for b.Loop() {
					_ = m.View()
				}
			})
		}
	}
}

// BenchmarkMarkDone measures the work a key press costs besides the save:
// recomputing the summary the views draw from.
func BenchmarkMarkDone(b *testing.B) {
	c := generated(b, 50, 100)
	m := benchModel(b, c)
	p := halfDone(c)
	b.ReportAllocs()
	for b.Loop() {
		m.com.setProgress(p)
	}
}

// BenchmarkFirstFrame measures, in process, what stands between start and
// the first frame: loading the built-in roadmap, building the model and
// drawing it. The tmux test measures the whole process start.
func BenchmarkFirstFrame(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c := builtin(b)
		m, err := New(context.Background(), Options{Curriculum: c, Progress: progress.New(c.ID), Now: fixedNow})
		if err != nil {
			b.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		_ = m.View()
	}
}
