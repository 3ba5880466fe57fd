package progress

import (
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// exerciseCurriculum has topic "http" with exercises a and b, and topic
// "html" with exercise c.
func exerciseCurriculum(t *testing.T) *curriculum.Curriculum {
	t.Helper()
	fsys := fstest.MapFS{"curriculum.yaml": {Data: []byte(`format: 1
id: backend
title: Backend
steps:
  - id: web
    title: The web
    summary: S.
    topics:
      - { id: http, title: HTTP, summary: S., resources: [], skills: [], hours: 1 }
      - { id: html, title: HTML, summary: S., resources: [], skills: [], hours: 1 }
`)}}
	for id, topic := range map[string]string{"a": "http", "b": "http", "c": "html"} {
		d := "exercises/" + id + "/"
		fsys[d+"exercise.yaml"] = &fstest.MapFile{Data: []byte("format: 1\nid: " + id + "\ntitle: T\ntopic: " + topic +
			"\ndifficulty: beginner\nsummary: S.\nhints: [one, two]\nstacks: { go: { run: go run . } }\n")}
		fsys[d+"prompt.md"] = &fstest.MapFile{Data: []byte("Do it.\n")}
		fsys[d+"checks/solve.yaml"] = &fstest.MapFile{Data: []byte("format: 1\nmilestone: solve\n")}
		fsys[d+"go/main.go"] = &fstest.MapFile{Data: []byte("package main\n")}
	}
	c, err := curriculum.Load(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

func TestPassExerciseFinishesTheTopicWhenAllPass(t *testing.T) {
	c := exerciseCurriculum(t)
	p := New("backend")
	if got := p.PassExercise(c, c.Exercise("a"), "go", sha, t0); got != "" || p.TopicStatus("http") != StatusTodo {
		t.Fatalf("one of two exercises passed marked %q", got)
	}
	if got := p.PassExercise(c, c.Exercise("b"), "node", sha, t0.Add(1)); got != "http" || p.TopicStatus("http") != StatusDone {
		t.Fatalf("both passed: marked %q, topic is %s", got, p.TopicStatus("http"))
	}
	if p.PassedExercises(c) != 2 || !p.ExercisePassed("a") || p.ExercisePassed("c") {
		t.Errorf("passed: %v", p.Exercises)
	}
	// Passing again marks nothing more, keeps the first time, follows the
	// latest stack and checks.
	if got := p.PassExercise(c, c.Exercise("a"), "python", "ab"+sha[2:], t0.AddDate(0, 0, 1)); got != "" {
		t.Errorf("a second pass marked %q", got)
	}
	if e := p.Exercises["a"]; !e.Passed.Equal(t0) || e.Stack != "python" || e.ChecksSHA256 != "ab"+sha[2:] {
		t.Errorf("a after a second pass: %+v", e)
	}
}

func TestPassExerciseRespectsTheSetting(t *testing.T) {
	c := exerciseCurriculum(t)
	p := New("backend")
	off := false
	p.Settings = &Settings{ExercisesFinishTopics: &off}
	if p.FinishesTopics() {
		t.Fatal("the setting is off")
	}
	if got := p.PassExercise(c, c.Exercise("c"), "go", sha, t0); got != "" || p.TopicStatus("html") != StatusTodo {
		t.Errorf("marked %q with the setting off", got)
	}
	if !p.ExercisePassed("c") {
		t.Error("the pass itself is recorded either way")
	}
	if !New("x").FinishesTopics() || !(&Progress{Settings: &Settings{}}).FinishesTopics() {
		t.Error("the setting is on by default")
	}
}

func TestHintsAreCountedUpToTheirNumber(t *testing.T) {
	p := New("backend")
	for i, want := range []int{1, 2, 2} {
		if got := p.NextHint("a", 2); got != want {
			t.Errorf("hint call %d: %d seen, want %d", i+1, got, want)
		}
	}
	p.SeeAllHints("b", 3)
	p.SeeAllHints("a", 1) // never fewer than already seen
	if p.Exercises["b"].Hints != 3 || p.Exercises["a"].Hints != 2 || p.ExercisePassed("b") {
		t.Errorf("exercises: %+v", p.Exercises)
	}
}
