package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/quiz"
)

func TestDashboardOpensReview(t *testing.T) {
	d := newDashboard(comFor(t))
	d.SetSize(80, 20)
	if got := emitted(t, d.com, d.Update(keyMsg("v"))); got != (openReviewMsg{}) {
		t.Fatalf("v: %#v", got)
	}
	if v := ansi.Strip(d.View()); !strings.Contains(v, "↺ 2 questions to review: press v") {
		t.Fatalf("the dashboard does not count the questions due:\n%s", v)
	}
}

// The review asks what is due, most overdue first, saves each answer as
// it is given, and ends with what comes next.
func TestReviewUpdate(t *testing.T) {
	com := comFor(t)
	r := newReview(com)
	if len(r.asked) != 2 || r.asked[0].Key != "web/49e73566" || r.asked[1].Key != "web/fa8c6be7" {
		t.Fatalf("asked %+v, want the overdue box-3 question, then today's", r.asked)
	}
	first := r.asked[0]
	if !slices.Equal(first.Order, quiz.Order(quiz.NewSeed(clock), first.Key, 3)) {
		t.Fatalf("order %v is not the clock's seed's", first.Order)
	}
	// Applied to the learner's file, as the router's save does.
	onFile := func(msg tea.Msg) *progress.Progress {
		t.Helper()
		p, err := com.opts.Store.Load()
		if err != nil {
			t.Fatal(err)
		}
		msg.(changeMsg).Fn(p, clock)
		return p
	}
	p := onFile(emitted(t, com, r.Update(keyMsg(fmt.Sprint(first.Answer()+1)))))
	if c := p.Review[first.Key]; c.Box != 4 || c.Due != "2026-12-02" {
		t.Fatalf("right when due: %+v, want box 4 due in 8 days", c)
	}
	if !strings.Contains(r.View(), "The status code on the first line") {
		t.Fatal("no explanation after answering")
	}
	r.Update(keyMsg("enter"))
	if r.i != 1 || r.ask.answered() {
		t.Fatalf("enter should move on: i %d", r.i)
	}
	second := r.asked[1]
	wrong := (second.Answer() + 1) % len(second.Order)
	p = onFile(emitted(t, com, r.Update(keyMsg(fmt.Sprint(wrong+1)))))
	if c := p.Review[second.Key]; c.Box != 1 || c.Due != "2026-11-25" {
		t.Fatalf("wrong: %+v", c)
	}
	r.Update(keyMsg("enter"))
	if !r.finished || !strings.Contains(r.View(), "1 of 2 right.") {
		t.Fatalf("not finished:\n%s", r.View())
	}
	if got := emitted(t, com, r.Update(keyMsg("enter"))); got != (backMsg{}) {
		t.Fatalf("enter at the end: %#v", got)
	}
	if r.Update(keyMsg("esc")) != nil || len(com.requests) != 0 {
		t.Fatal("esc should leave quietly: the answers are saved")
	}
}

func TestReviewWithNothingDue(t *testing.T) {
	com := comFor(t)
	p := progress.New("fixture")
	p.Review = map[string]progress.ReviewCard{"web/fa8c6be7": {Box: 2, Due: "2026-11-27"}}
	com.setProgress(p)
	r := newReview(com)
	r.SetSize(80, 20)
	if v := ansi.Strip(r.View()); !r.finished || !strings.Contains(v, "Nothing to review now. Next: 1 question due in 3 days (Fri 27 Nov).") {
		t.Fatalf("view:\n%s", v)
	}
	com.setProgress(progress.New("fixture"))
	if v := ansi.Strip(newReview(com).View()); !strings.Contains(v, "Nothing to review yet") {
		t.Fatalf("view:\n%s", v)
	}
}
