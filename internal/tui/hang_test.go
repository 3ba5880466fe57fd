package tui

import (
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/quiz"
	"github.com/waymark-dev/waymark/roadmap"
	"github.com/waymark-dev/waymark/templates"
)

// deadline is how long one Update or View may take before a test calls it
// a hang. A frame takes well under a millisecond; the margin is for a
// loaded CI machine, and it still turns an endless loop into a failure
// instead of a stalled run.
const deadline = 5 * time.Second

// within runs f and fails t if it panics or does not return in time. A
// hung f keeps its goroutine spinning, but the test fails and ends.
func within(t testing.TB, what string, f func()) {
	t.Helper()
	done := make(chan any, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Sprintf("%v\n%s", p, debug.Stack())
				return
			}
			done <- nil
		}()
		f()
	}()
	select {
	case p := <-done:
		if p != nil {
			t.Fatalf("%s panicked: %v", what, p)
		}
	case <-time.After(deadline):
		t.Fatalf("%s did not return within %v: a loop that never ends?", what, deadline)
	}
}

// sizes are the windows every screen must draw in.
var sizes = []struct{ w, h int }{{80, 24}, {120, 40}, {60, 20}, {40, 15}}

// builtinOptions are Options over the built-in roadmap and templates, with
// fresh progress and no store (a save fails at once, which is a screen too).
func builtinOptions(t testing.TB) Options {
	t.Helper()
	c, err := curriculum.Load(roadmap.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := curriculum.LoadProjects(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Curriculum: c, Projects: ps, Now: fixedNow, IsDark: true, Scaffold: fakeScaffold(nil), Practice: fakePractice(nil)}
}

// openEvery opens each screen the curriculum has — every step, topic and
// quiz, every topic's exercise form, the review (empty and full), every
// pane, every project form and the help overlay — in a model
// of each size, and draws it, all under the deadline.
func openEvery(t *testing.T, opts Options) {
	c := opts.Curriculum
	for _, sz := range sizes {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			var m *Model
			within(t, "New", func() { m = newModel(t, opts, sz.w, sz.h) })
			show := func(what string, msgs ...tea.Msg) {
				t.Helper()
				within(t, what, func() {
					for _, msg := range msgs {
						m.Update(msg)
					}
					m.View()
					// Scroll to the end and back: long content is drawn too.
					m.Update(keyMsg("G"))
					m.View()
					m.Update(keyMsg("g"))
				})
				if got := strings.Count(m.View().Content, "\n") + 1; got != sz.h {
					t.Errorf("%s: %d lines in a window of %d", what, got, sz.h)
				}
				m.com.requests = nil
			}
			show("dashboard")
			for _, s := range c.Steps {
				show("step "+s.ID, openStepMsg{StepID: s.ID})
				for _, tp := range s.Topics {
					show("topic "+tp.ID, openTopicMsg{TopicID: tp.ID})
					if len(c.TopicExercises(tp.ID)) > 0 {
						show("exercise form "+tp.ID, keyMsg("p"))
						m.pop()
					}
					m.pop()
				}
				if s.Quiz != nil && len(s.Quiz.Questions) > 0 {
					show("quiz "+s.ID, openQuizMsg{StepID: s.ID})
					show("quiz "+s.ID+" answered", keyMsg("1"))
					m.pop()
				}
				m.pop()
			}
			show("all topics", openStepMsg{})
			m.pop()
			show("review", openReviewMsg{})
			m.pop()
			// Every question due: the review asks a full round.
			m.com.setProgress(allDue(c))
			show("review, all due", openReviewMsg{})
			for i := range quiz.DefaultLimit {
				show(fmt.Sprintf("review question %d answered", i+1), keyMsg("1"))
				show(fmt.Sprintf("review question %d done", i+1), keyMsg("enter"))
			}
			m.pop()
			show("help", keyMsg("?"))
			show("help closed", keyMsg("?"))
			for range paneCount {
				show(fmt.Sprintf("pane %s", paneNames[(m.pane+1)%paneCount]), keyMsg("tab"))
				if m.pane == paneProjects {
					for _, p := range opts.Projects {
						show("form "+p.ID, openFormMsg{ProjectID: p.ID})
						m.pop()
					}
				}
			}
			show("error status", statusMsg{Text: strings.Repeat("a failed save says why ", 20), Err: true})
		})
	}
}

// allDue is progress on c with every quiz question due for review.
func allDue(c *curriculum.Curriculum) *progress.Progress {
	p := progress.New(c.ID)
	for _, s := range c.Steps {
		for _, a := range quiz.Attempt(s, 0) {
			p.RecordAnswer(a.Key, false, clock.AddDate(0, 0, -1))
		}
	}
	return p
}

// TestEveryScreenDrawsAtEverySize is the test that would have caught the
// breadcrumb that never ended: every screen of the built-in roadmap, at
// every size a terminal may have.
func TestEveryScreenDrawsAtEverySize(t *testing.T) {
	opts := builtinOptions(t)
	if len(opts.Curriculum.Exercises()) == 0 {
		t.Fatal("the built-in roadmap has no exercises: the exercise form would go untested")
	}
	openEvery(t, opts)
}

// longCurriculum is a curriculum of extremes: 200-character titles at every
// level and 40 topics in one step.
func longCurriculum(t testing.TB) *curriculum.Curriculum {
	t.Helper()
	long := func(what string, i int) string {
		return strings.TrimSpace(strings.Repeat(fmt.Sprintf("%s %d wordy title ", what, i), 20))[:200]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "format: 1\nid: long\ntitle: %q\nsteps:\n", long("Curriculum", 0))
	for s := range 2 {
		fmt.Fprintf(&b, "  - id: s%d\n    title: %q\n    summary: %q\n    topics:\n", s, long("Step", s), long("Summary", s))
		for i := range 40 {
			fmt.Fprintf(&b, "      - id: s%d-t%d\n        title: %q\n        summary: %q\n        hours: 1\n", s, i, long("Topic", i), long("Topic summary", i))
		}
		fmt.Fprintf(&b, "    quiz:\n      pass: 0.5\n      questions:\n")
		for q := range 3 {
			fmt.Fprintf(&b, "        - q: %q\n          choices: [%q, %q]\n          answer: 1\n          explain: %q\n",
				long("Question", q), long("Choice a", q), long("Choice b", q), long("Because", q))
		}
	}
	c, err := curriculum.Load(fstest.MapFS{"curriculum.yaml": {Data: []byte(b.String())}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLongTitlesDrawAtEverySize(t *testing.T) {
	opts := builtinOptions(t)
	opts.Curriculum = longCurriculum(t)
	openEvery(t, opts)
}

func TestBreadcrumbKeepsTheEnd(t *testing.T) {
	opts := builtinOptions(t)
	opts.Curriculum = longCurriculum(t)
	m := newModel(t, opts, 40, 15)
	m.Update(openStepMsg{StepID: "s0"})
	m.Update(openTopicMsg{TopicID: "s0-t1"})
	var crumb string
	within(t, "breadcrumb", func() { crumb = m.breadcrumb() })
	if !strings.HasPrefix(crumb, "… › Topic 1") {
		t.Errorf("breadcrumb %q: want the leading screens folded into … and the topic kept", crumb)
	}
}

// walkKeys are the keys a random walk presses, with the text a filter may
// receive mixed in.
var walkKeys = []string{"up", "down", "enter", "esc", "tab", "shift+tab", "space", "t", "?", "/", "j", "k", "g", "G",
	"s", "x", "r", "1", "2", "3", "n", "v", "backspace", "a", "e", "h", "l", "p"}

// loop runs a Model as the Bubble Tea program would: commands run off the
// model's goroutine and their messages come back through a channel.
type loop struct {
	t       testing.TB
	m       *Model
	results chan tea.Msg
	quit    bool
}

func (l *loop) exec(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		select {
		case l.results <- cmd():
		case <-time.After(deadline):
		}
	}()
}

func (l *loop) handle(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			l.exec(c)
		}
	case tea.QuitMsg:
		l.quit = true
	default:
		var cmd tea.Cmd
		within(l.t, fmt.Sprintf("Update(%T)", msg), func() { _, cmd = l.m.Update(msg) })
		l.exec(cmd)
	}
}

// settle handles whatever commands have answered by now.
func (l *loop) settle() {
	for {
		select {
		case msg := <-l.results:
			l.handle(msg)
		default:
			return
		}
	}
}

// wait handles the commands that answer within d.
func (l *loop) wait(d time.Duration) {
	timeout := time.After(d)
	for {
		select {
		case msg := <-l.results:
			l.handle(msg)
		case <-timeout:
			return
		}
	}
}

// walk presses n random keys (and resizes now and then) from seed, drawing
// after each, then leaves whatever is open and presses q, which must quit.
func walk(t testing.TB, opts Options, seed uint64, n int) {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	m := newModel(t, opts, 80, 24)
	l := &loop{t: t, m: m, results: make(chan tea.Msg, 1024)}
	for i := range n {
		if r.IntN(40) == 0 {
			l.handle(tea.WindowSizeMsg{Width: 10 + r.IntN(160), Height: 3 + r.IntN(60)})
		} else {
			l.handle(keyMsg(walkKeys[r.IntN(len(walkKeys))]))
		}
		within(t, fmt.Sprintf("View after step %d", i), func() { m.View() })
		l.settle()
	}
	l.leaveAndQuit()
}

// leaveAndQuit closes the help, any filter or form and backs out, then
// presses q and waits (bounded) for the quit.
func (l *loop) leaveAndQuit() {
	l.t.Helper()
	for range 20 {
		l.settle()
		if f, ok := l.m.top().(*projectForm); ok && f.stage == stageRunning {
			l.wait(20 * time.Millisecond) // a scaffold behind its spinner finishes first
			continue
		}
		if f, ok := l.m.top().(*exerciseForm); ok && f.stage == stageRunning {
			l.wait(20 * time.Millisecond)
			continue
		}
		c, ok := l.m.top().(capturer)
		if capturing := ok && c.Capturing(); !capturing && !l.m.showHelp && len(l.m.panes[l.m.pane]) == 1 {
			break
		}
		l.handle(keyMsg("esc"))
	}
	l.handle(keyMsg("q"))
	for end := time.Now().Add(deadline); !l.quit && time.Now().Before(end); {
		l.wait(10 * time.Millisecond)
	}
	if !l.quit {
		l.t.Fatalf("q did not quit; the screen:\n%s", screenText(l.m))
	}
}

func TestRandomWalkNeverHangs(t *testing.T) {
	opts := builtinOptions(t)
	walk(t, opts, 22, 3000)
	opts.Curriculum = longCurriculum(t)
	walk(t, opts, 23, 1000)
}

// FuzzWalk lets the fuzzer choose the seed and the walk's length.
func FuzzWalk(f *testing.F) {
	opts := builtinOptions(f)
	f.Add(uint64(1), uint8(50))
	f.Add(uint64(22), uint8(200))
	f.Fuzz(func(t *testing.T, seed uint64, n uint8) {
		walk(t, opts, seed, int(n))
	})
}
