package check

import (
	"context"
	"strings"
	"testing"
	"time"
)

// mustDecode decodes a suite from YAML text, failing the test on error.
func mustDecode(t *testing.T, text string) *Suite {
	t.Helper()
	s, err := Decode("test.yaml", []byte(strings.TrimLeft(text, "\n")))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return s
}

var testMilestones = []Milestone{
	{ID: "boot", Title: "It boots", Hint: "answer /healthz"},
	{ID: "auth", Title: "Accounts", Hint: "register and log in"},
	{ID: "tasks", Title: "Tasks", Hint: "CRUD"},
}

// runOne runs suites (for milestone "boot" unless they say otherwise)
// against url and returns the report.
func runOne(t *testing.T, url string, suites ...*Suite) *Report {
	t.Helper()
	r := &Runner{URLs: []string{url}, Seed: 7, Timeout: 2 * time.Second}
	return r.Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones, Suites: suites, Upto: "boot", All: true})
}

// firstStep returns the first step result of the report's first milestone
// with steps.
func firstFailure(rep *Report) *StepResult {
	for _, m := range rep.Milestones {
		for _, s := range m.Steps {
			if s.Status == Failed {
				return s
			}
		}
	}
	return nil
}
