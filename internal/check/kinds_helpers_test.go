package check

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// solveMilestones is an exercise's plan: one milestone, solve.
var solveMilestones = []Milestone{{ID: "solve", Title: "Two sum", Hint: "remember what you have seen"}}

// runExercise decodes suite (steps only; the header is added) and runs it
// with r in the exercise ex, returning the report.
func runExercise(t *testing.T, r *Runner, ex *Exercise, steps string) *Report {
	t.Helper()
	s := mustDecode(t, "format: 1\nmilestone: solve\nsteps:\n"+strings.TrimLeft(steps, "\n"))
	return r.Run(context.Background(), &Plan{Project: "kata", Milestones: solveMilestones, Suites: []*Suite{s}, Exercise: ex})
}

// onlyStep returns the report's only step result.
func onlyStep(t *testing.T, rep *Report) *StepResult {
	t.Helper()
	if len(rep.Milestones) != 1 || len(rep.Milestones[0].Steps) == 0 {
		t.Fatalf("report has no step: %+v", rep)
	}
	return rep.Milestones[0].Steps[0]
}

// writeFiles writes name → content files under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// mustContain fails unless every want is in got.
func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s = %q\nwant it to contain %q", what, got, w)
		}
	}
}
