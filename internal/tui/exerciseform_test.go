package tui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// The topic screen lists the topic's exercises with their marks, and p
// opens the form; without the practice operation neither the key nor the
// form exists.
func TestTopicListsExercisesAndPractises(t *testing.T) {
	com := comFor(t)
	s := newTopic(com, com.c.Topic("internet"))
	s.SetSize(80, 20)
	content := ansi.Strip(s.content())
	if !strings.Contains(content, "✓ Answer a ping with a pong (go, node)") || !strings.Contains(content, "○ Count the hops of a traceroute (go)") {
		t.Fatalf("the exercises and their marks are missing:\n%s", content)
	}
	if got := emitted(t, s.com, s.Update(keyMsg("p"))); got != (openExerciseFormMsg{TopicID: "internet"}) {
		t.Fatalf("p: %#v", got)
	}
	com.opts.Practice = nil
	if got := s.Update(keyMsg("p")); got != nil || len(com.requests) != 0 {
		t.Fatalf("p without the practice operation asked %v", com.requests)
	}
	if dns := newTopic(com, com.c.Topic("dns")); strings.Contains(ansi.Strip(dns.content()), "Exercises") {
		t.Error("a topic without exercises lists some")
	}
}

// The form runs the same operation as `waymark practice` with the
// learner's answers: the exercise, its stack, the folder, the mode.
func TestExerciseFormRunsThePracticeOperation(t *testing.T) {
	opts := fixtureOptions(t, true)
	var got PracticeRequest
	opts.Practice = func(_ context.Context, req PracticeRequest) (*ScaffoldResult, error) {
		got = req
		return &ScaffoldResult{Dir: "/home/ada/code/" + req.Dir, Files: 3}, nil
	}
	m := newModel(t, opts, 80, 24)
	press(t, m, "enter", "enter", "p")
	f, ok := m.top().(*exerciseForm)
	if !ok {
		t.Fatalf("top is %T", m.top())
	}
	press(t, m, "right", "enter", "enter")
	for _, r := range "hops" {
		press(t, m, string(r))
	}
	press(t, m, "enter", "right", "enter")
	if f.stage != stageDone {
		t.Fatalf("stage %d, err %v", f.stage, f.err)
	}
	if got.Exercise == nil || got.Exercise.ID != "trace-hops" || got.Stack != "go" || got.Dir != "hops" || !got.Solution {
		t.Fatalf("request %+v", got)
	}
	view := ansi.Strip(f.View())
	if !strings.Contains(view, "printf 'one two\\n' | go run .") || !strings.Contains(view, "waymark practice hint trace-hops") {
		t.Errorf("next steps of a program exercise:\n%s", view)
	}
	if !strings.Contains(m.status, "exercise trace-hops written to /home/ada/code/hops") {
		t.Errorf("status %q", m.status)
	}
	press(t, m, "esc")
	if _, ok := m.top().(*topicScreen); !ok {
		t.Fatalf("esc after the next steps: top is %T", m.top())
	}
}

func TestExerciseFormFailure(t *testing.T) {
	opts := fixtureOptions(t, true)
	opts.Practice = fakePractice(errors.New("boom"))
	m := newModel(t, opts, 80, 24)
	press(t, m, "enter", "enter", "p", "enter", "enter", "enter", "enter")
	f := m.top().(*exerciseForm)
	if f.stage != stageFailed || !strings.Contains(f.View(), "boom") {
		t.Fatalf("stage %d:\n%s", f.stage, f.View())
	}
	press(t, m, "enter")
	if f.stage != stageForm || f.exercise != "ping-pong" {
		t.Fatalf("enter should reopen the form with its answers: stage %d exercise %q", f.stage, f.exercise)
	}
	// Another form's outcome is not this one's.
	f.stage = stageRunning
	f.Update(practiceDoneMsg{form: &exerciseForm{}, res: &ScaffoldResult{}})
	if f.stage != stageRunning {
		t.Error("a form took another form's result")
	}
}

// The next steps offer a command to run only when the stack has one, and
// send a Git exercise's learner into its repository.
func TestExerciseRunSteps(t *testing.T) {
	ex := &curriculum.Exercise{ID: "x", Stacks: map[string]*curriculum.Stack{
		"go": {Run: "go run ."}, "srv": {Run: "node main.js", PortEnv: "PORT", Health: "/health"}, "sql": {}}}
	for stack, want := range map[string]string{"go": "printf 'one two\\n' | go run .", "srv": "node main.js", "sql": ""} {
		got := ""
		for _, s := range exerciseRunSteps(ex, stack) {
			got += s[0]
		}
		if got != want {
			t.Errorf("%s: %q, want %q", stack, got, want)
		}
	}
	ex.Setup = &curriculum.Setup{}
	if got := exerciseRunSteps(ex, "sql"); len(got) != 1 || got[0][0] != "cd repo" {
		t.Errorf("a Git exercise: %v", got)
	}
}
