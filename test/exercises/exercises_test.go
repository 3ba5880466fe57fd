// Package exercises holds the end-to-end test of every built-in exercise:
// the real `waymark practice` writes it, the real `waymark check` proves
// it, and `waymark curriculum validate` accepts the built-in roadmap.
package exercises

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/check"
	"github.com/waymark-dev/waymark/internal/cli"
	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/iostreams"
	"github.com/waymark-dev/waymark/roadmap"
)

// waymark runs one command line with an isolated home, returning the exit
// code, stdout and stderr.
func waymark(t *testing.T, home string, args ...string) (int, string, string) {
	t.Helper()
	io, _, out, errOut := iostreams.Test()
	env := map[string]string{
		"HOME":             home,
		"XDG_DATA_HOME":    filepath.Join(home, "data"),
		"XDG_CONFIG_HOME":  filepath.Join(home, "config"),
		"WAYMARK_PROGRESS": filepath.Join(home, "progress.yaml"),
	}
	getenv := func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		return os.Getenv(k)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	code := cli.Run(ctx, cli.NewFactory(io, getenv, time.Now), args)
	return code, out.String(), errOut.String()
}

// TestExercises writes every built-in exercise × stack as the reference
// and as the starter with `waymark practice`, and checks each with
// `waymark check`: the reference passes every check (and is not recorded
// as the learner's), the starter fails with the not-implemented diagnosis.
func TestExercises(t *testing.T) {
	if testing.Short() {
		t.Skip("writes, builds and checks every exercise in every stack")
	}
	c, err := curriculum.Load(roadmap.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Exercises()) == 0 {
		t.Fatal("the built-in roadmap has no exercises")
	}
	for _, ex := range c.Exercises() {
		for _, stack := range ex.StackNames() {
			for _, solution := range []bool{true, false} {
				mode := "starter"
				if solution {
					mode = "solution"
				}
				t.Run(ex.ID+"/"+stack+"/"+mode, func(t *testing.T) {
					t.Parallel()
					checkExercise(t, ex, stack, solution)
				})
			}
		}
	}
}

func checkExercise(t *testing.T, ex *curriculum.Exercise, stack string, solution bool) {
	home := t.TempDir()
	dir := filepath.Join(t.TempDir(), ex.ID)
	args := []string{"practice", ex.ID, dir, "--stack", stack}
	if solution {
		args = append(args, "--solution")
	}
	if code, _, stderr := waymark(t, home, args...); code != 0 {
		t.Fatalf("waymark %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	code, stdout, stderr := waymark(t, home, "check", dir, "--json", "--seed", "7", "--boot-timeout", "3m")
	var rep check.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("waymark check --json: exit %d, not JSON (%v)\n%s\n%s", code, err, stdout, stderr)
	}
	if len(rep.Milestones) != 1 || rep.Milestones[0].ID != curriculum.SolveMilestone {
		t.Fatalf("report milestones %+v, want the one milestone solve", rep.Milestones)
	}
	solve := rep.Milestones[0]
	wantMode := "start"
	if !ex.Stacks[stack].Server() {
		wantMode = "program"
	}
	if rep.Mode != wantMode {
		t.Errorf("checked in %s mode, want %s", rep.Mode, wantMode)
	}
	progress, _ := os.ReadFile(filepath.Join(home, "progress.yaml"))
	if solution {
		if solve.Status != check.Passed || code != 0 {
			t.Errorf("reference: solve is %s (exit %d): %s\n%s", solve.Status, code, solve.Message, failures(solve))
		}
		if strings.Contains(string(progress), "exercises:") {
			t.Errorf("the reference's pass was recorded as the learner's:\n%s", progress)
		}
		return
	}
	if solve.Status != check.Failed || code != cli.ExitFailed {
		t.Fatalf("starter: solve is %s (exit %d), want failed", solve.Status, code)
	}
	if ex.Setup != nil {
		return // a Git exercise's starter is its setup's repository, which fails the checks as it stands
	}
	if !strings.Contains(failures(solve), "not implemented yet — this is milestone solve's job") {
		t.Errorf("starter: solve fails without the not-implemented diagnosis:\n%s", failures(solve))
	}
}

// TestValidateBuiltinRoadmap is `waymark curriculum validate --quick` on
// the built-in roadmap's folder: every manifest, prompt, check file and
// setup decodes, the markers balance and no solution line leaks into a
// starter. The full run (each reference passes, each starter fails) is
// TestExercises above, through practice and check, in parallel; running
// it again here, one after another, would double the slowest test of CI
// and prove nothing more (internal/authoring's tests cover the full run's
// own code).
func TestValidateBuiltinRoadmap(t *testing.T) {
	code, stdout, stderr := waymark(t, t.TempDir(), "curriculum", "validate", filepath.Join("..", "..", "roadmap"), "--quick", "--json")
	var res struct {
		Valid    bool `json:"valid"`
		Problems []struct {
			File, Message string
			Line          int
		} `json:"problems"`
		Runs []json.RawMessage `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("exit %d, not JSON (%v)\n%s\n%s", code, err, stdout, stderr)
	}
	if !res.Valid || code != 0 {
		t.Fatalf("the built-in roadmap is invalid (exit %d): %+v", code, res.Problems)
	}
	if len(res.Runs) != 0 {
		t.Errorf("--quick ran %d references or starters", len(res.Runs))
	}
}

// failures describes a milestone's failing steps for a test log.
func failures(m *check.MilestoneResult) string {
	var b strings.Builder
	for _, s := range m.Steps {
		if s.Status == check.Failed {
			b.WriteString("  ✗ " + s.Name + ": " + s.Message + " — " + s.Diagnosis + "\n")
			if s.Curl != "" {
				b.WriteString("    " + s.Curl + "\n")
			}
			for _, l := range s.Log {
				b.WriteString("    | " + l + "\n")
			}
		}
	}
	return b.String()
}

// TestBruteForceKataIsTooSlow tries what a large case is for: a correct
// solution of two-sum-count that compares every pair passes the examples
// and fails the 200,000 numbers, with the complexity it has in the report.
func TestBruteForceKataIsTooSlow(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a Go kata and runs a quadratic solution until its limit")
	}
	home := t.TempDir()
	dir := filepath.Join(t.TempDir(), "two-sum-count")
	if code, _, stderr := waymark(t, home, "practice", "two-sum-count", dir, "--stack", "go", "--no-git"); code != 0 {
		t.Fatalf("waymark practice: exit %d\n%s", code, stderr)
	}
	brute := `package main

func countPairs(nums []int, target int) int {
	pairs := 0
	for i := range nums {
		for j := i + 1; j < len(nums); j++ {
			if nums[i]+nums[j] == target {
				pairs++
			}
		}
	}
	return pairs
}
`
	if err := os.WriteFile(filepath.Join(dir, "solution.go"), []byte(brute), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := waymark(t, home, "check", dir, "--json", "--no-record", "--boot-timeout", "3m")
	var rep check.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("waymark check --json: exit %d, not JSON (%v)\n%s\n%s", code, err, stdout, stderr)
	}
	steps := rep.Milestones[0].Steps
	if len(steps) != 2 || steps[0].Status != check.Passed || steps[1].Status != check.Failed {
		t.Fatalf("want the examples passed and the large case failed:\n%s", failures(rep.Milestones[0]))
	}
	// Right but late, or stopped at twice its limit: either way slow, and
	// the report names the complexity.
	s := steps[1]
	if !strings.Contains(s.Message, "correct but too slow") && !strings.Contains(s.Message, "took longer than") {
		t.Errorf("the large case failed for another reason: %s — %s", s.Message, s.Diagnosis)
	}
	if !strings.Contains(s.Message+s.Diagnosis, "O(n²)?") {
		t.Errorf("the report does not name the complexity: %s — %s", s.Message, s.Diagnosis)
	}
}

// TestKataHarnessHelpers holds the judge helper's promises in each
// language: an exception or a panic is reported with the line of the
// learner's file it came from, and (Go) a nil slice is an empty list.
func TestKataHarnessHelpers(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and checks kata workspaces")
	}
	cases := []struct {
		id, stack, file, src string
		pass                 bool   // the examples step passes
		want                 string // in the first failure's message
	}{
		{"two-sum-count", "go", "solution.go", "package main\n\nfunc countPairs(nums []int, target int) int {\n\treturn nums[len(nums)]\n}\n",
			false, "panic: runtime error: index out of range [4] with length 4 (solution.go:4)"},
		{"two-sum-count", "node", "solution.js", "'use strict';\nfunction countPairs(nums) {\n  return nums.x.y;\n}\nmodule.exports = { countPairs };\n",
			false, "TypeError: Cannot read properties of undefined (reading 'y') (solution.js:3)"},
		{"two-sum-count", "python", "solution.py", "def count_pairs(nums, target):\n    return nums[len(nums)]\n",
			false, "IndexError: list index out of range (solution.py:2)"},
		// No day appended: a nil slice, which must read as [] and not null.
		{"stock-span", "go", "solution.go", `package main

func spans(prices []int) []int {
	var out []int
	for i, p := range prices {
		j := i
		for j >= 0 && prices[j] <= p {
			j--
		}
		out = append(out, i-j)
	}
	return out
}
`, true, ""},
	}
	for _, c := range cases {
		t.Run(c.id+"/"+c.stack, func(t *testing.T) {
			t.Parallel()
			home := t.TempDir()
			dir := filepath.Join(t.TempDir(), c.id)
			if code, _, stderr := waymark(t, home, "practice", c.id, dir, "--stack", c.stack, "--no-git"); code != 0 {
				t.Fatalf("waymark practice: exit %d\n%s", code, stderr)
			}
			if err := os.WriteFile(filepath.Join(dir, c.file), []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := waymark(t, home, "check", dir, "--json", "--no-record", "--boot-timeout", "3m")
			var rep check.Report
			if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
				t.Fatalf("waymark check --json: exit %d, not JSON (%v)\n%s\n%s", code, err, stdout, stderr)
			}
			first := rep.Milestones[0].Steps[0]
			if c.pass {
				if first.Status != check.Passed {
					t.Errorf("the examples failed: %s — %s", first.Message, first.Diagnosis)
				}
				return
			}
			if first.Status != check.Failed || !strings.Contains(first.Message, c.want) {
				t.Errorf("the examples: %s %q, want a failure saying %q", first.Status, first.Message, c.want)
			}
		})
	}
}
