package curriculum

import (
	"slices"
	"strings"
)

// The layout of a curriculum's exercises (see docs/curriculum.md).
const (
	// ExercisesDir is the folder beside curriculum.yaml holding one folder
	// per exercise.
	ExercisesDir = "exercises"
	// ExerciseFile is an exercise's manifest, in exercises/<id>/.
	ExerciseFile = "exercise.yaml"
	// PromptFile is an exercise's prompt (Markdown), in exercises/<id>/.
	PromptFile = "prompt.md"
	// SolveMilestone is the one milestone of an exercise, checked as a
	// project's milestones are.
	SolveMilestone = "solve"
)

// Exercise is a small, self-contained task that practises one topic, read
// from exercises/<id>/exercise.yaml. Like a project template, each stack
// folder beside the manifest holds a runnable reference solution with
// solution markers, from which the learner's starter is derived; unlike a
// project, it has one milestone, solve, whose checks are in checks/.
type Exercise struct {
	Format     int    `yaml:"format"`
	ID         string `yaml:"id"`
	Title      string `yaml:"title"`
	Topic      string `yaml:"topic"`
	Difficulty string `yaml:"difficulty"` // beginner, intermediate or advanced
	Summary    string `yaml:"summary"`
	// Hints are shown one at a time, in order; the first is also the solve
	// milestone's hint, which a failing check prints.
	Hints  []string          `yaml:"hints"`
	Stacks map[string]*Stack `yaml:"stacks"`
	// Setup, for a Git exercise, is the repository `waymark practice`
	// builds in the workspace's repo/ folder; nil for any other exercise.
	Setup *Setup `yaml:"setup"`

	// Prompt is prompt.md: what to build and why.
	Prompt string `yaml:"-"`
}

// Project is the exercise as a one-milestone project, which is how the
// scaffold engine generates it and the check engine checks it. Its
// templates folder is the curriculum's exercises/ folder.
func (e *Exercise) Project() *Project {
	hint := ""
	if len(e.Hints) > 0 {
		hint = e.Hints[0]
	}
	return &Project{
		Format: 1, ID: e.ID, Title: e.Title, Summary: e.Summary, Difficulty: e.Difficulty,
		Stacks:     e.Stacks,
		Setup:      e.Setup,
		Milestones: []Milestone{{ID: SolveMilestone, Title: e.Title, Hint: hint}},
	}
}

// StackNames lists the exercise's stacks, sorted.
func (e *Exercise) StackNames() []string { return keys(e.Stacks) }

// Server reports whether the stack runs a server that checks talk to over
// HTTP (it names a health path), rather than a program that they run.
func (s *Stack) Server() bool { return s != nil && s.Health != "" }

// RunsNothing reports whether the stack has no command: its checks only
// read the workspace's files (sql and git steps), as for a SQL or Git
// exercise, which needs no language toolchain.
func (s *Stack) RunsNothing() bool { return s != nil && strings.TrimSpace(s.Run) == "" }

// Exercises returns every exercise of the curriculum, by id.
func (c *Curriculum) Exercises() []*Exercise { return c.exercises }

// Exercise returns the exercise with id, or nil.
func (c *Curriculum) Exercise(id string) *Exercise {
	i, ok := slices.BinarySearchFunc(c.exercises, id, func(e *Exercise, id string) int {
		switch {
		case e.ID < id:
			return -1
		case e.ID > id:
			return 1
		}
		return 0
	})
	if !ok {
		return nil
	}
	return c.exercises[i]
}

// TopicExercises returns the exercises that practise topic id, by id.
func (c *Curriculum) TopicExercises(id string) []*Exercise {
	var out []*Exercise
	for _, e := range c.exercises {
		if e.Topic == id {
			out = append(out, e)
		}
	}
	return out
}

// StepExercises returns the exercises of the topics of step id, in the
// step's topic order.
func (c *Curriculum) StepExercises(id string) []*Exercise {
	s := c.Step(id)
	if s == nil {
		return nil
	}
	var out []*Exercise
	for _, t := range s.Topics {
		out = append(out, c.TopicExercises(t.ID)...)
	}
	return out
}

// ExerciseIDs lists the exercise ids, sorted.
func (c *Curriculum) ExerciseIDs() []string {
	ids := make([]string, len(c.exercises))
	for i, e := range c.exercises {
		ids[i] = e.ID
	}
	return ids
}
