package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/waymark-dev/waymark/internal/quiz"
)

func TestQuizUpdate(t *testing.T) {
	com := comFor(t)
	q := newQuiz(com, com.c.Step("web"))
	if q.seed != quiz.NewSeed(clock) {
		t.Fatalf("seed %d, want the clock's %d", q.seed, quiz.NewSeed(clock))
	}
	if q.Update(keyMsg("esc")) != nil {
		t.Fatal("esc before answering should leave quietly (router pops)")
	}
	first := q.asked[0]
	for i := 0; i < first.Answer(); i++ {
		q.Update(keyMsg("down"))
	}
	q.Update(keyMsg("enter")) // the right choice, wherever the shuffle put it
	if q.score() != 1 || q.ask.answer != first.Answer() {
		t.Fatalf("score %d answer %d", q.score(), q.ask.answer)
	}
	if !strings.Contains(q.View(), "DNS resolves names") {
		t.Fatal("no explanation after answering")
	}
	q.Update(keyMsg("9")) // ignored: already answered
	q.Update(keyMsg("enter"))
	if q.i != 1 || q.ask.answered() {
		t.Fatalf("enter should move on: i %d answered %v", q.i, q.ask.answered())
	}
	q.Update(keyMsg("esc"))
	if len(com.requests) != 2 || com.requests[1] != (backMsg{}) {
		t.Fatalf("esc mid-quiz should warn and leave: %#v", com.requests)
	}
	com.requests = nil
	second := q.asked[1]
	wrong := (second.Answer() + 1) % len(second.Order)
	q.Update(keyMsg(fmt.Sprint(wrong + 1)))
	p := apply(t, emitted(t, q.com, q.Update(keyMsg("enter"))))
	if r := p.Quizzes["web"]; r.Best != 1 || r.Of != 2 || !r.Passed || r.Attempts != 1 {
		t.Fatalf("recorded %+v", r)
	}
	if !q.finished {
		t.Fatal("quiz not finished")
	}
	// The attempt feeds the review schedule.
	if c := p.Review[first.Key]; c.Box != 2 || c.Due != "2026-11-26" {
		t.Fatalf("right answer: %+v", c)
	}
	if c := p.Review[second.Key]; c.Box != 1 || c.Due != "2026-11-25" {
		t.Fatalf("wrong answer: %+v", c)
	}
}

// The quiz shows each question's choices in the attempt's shuffled order,
// and a wrong answer is told the right choice by its shown number and text.
func TestQuizShowsTheShuffledOrder(t *testing.T) {
	com := comFor(t)
	q := newQuiz(com, com.c.Step("web"))
	moved := false
	for i, a := range q.asked {
		if i > 0 {
			q.Update(keyMsg("enter"))
		}
		view := q.View()
		var want strings.Builder
		for ci, c := range a.Choices() {
			want.WriteString(fmt.Sprintf("%d) %s\n", ci+1, c))
		}
		if got := choiceLines(view); got != want.String() {
			t.Fatalf("question %d shows\n%s\nwant the attempt's order\n%s", i+1, got, want.String())
		}
		moved = moved || a.Answer() != a.Question.Answer
		wrong := (a.Answer() + 1) % len(a.Order)
		q.Update(keyMsg(fmt.Sprint(wrong + 1)))
		if v := q.View(); !strings.Contains(v, fmt.Sprintf("✗ Not quite: the answer is %d) %s.", a.Answer()+1, a.Choices()[a.Answer()])) {
			t.Fatalf("feedback does not name the right choice:\n%s", v)
		}
	}
	if !moved {
		t.Fatal("the fixture clock's seed moves no answer: the test shows nothing")
	}
}

// choiceLines are the "n) choice" lines of a view, without their marks.
func choiceLines(view string) string {
	var b strings.Builder
	for _, l := range strings.Split(ansi.Strip(view), "\n") {
		l = strings.TrimSpace(strings.TrimLeft(l, "›✓✗ "))
		if len(l) > 2 && l[0] >= '1' && l[0] <= '9' && l[1] == ')' {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}
