package check

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// programSession opens a program-mode session over a folder holding
// script, run as `sh prog.sh`.
func programSession(t *testing.T, script string) *Session {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "prog.sh"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), Target{Program: &ProgramConfig{Dir: dir, Run: "sh prog.sh",
		CheckEnv: map[string]string{"SCRATCH": "${tmpdir}/x"}}}, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

var solvePlan = []Milestone{{ID: "solve", Title: "Count words", Hint: "split on whitespace"}}

// TestProgramMode: an exercise without a server. Nothing is started, a
// suite of exec steps is not skipped for want of a server, and a step
// without a command runs the workspace's program with its stdin and args.
func TestProgramMode(t *testing.T) {
	s := programSession(t, `read line; echo "$line" "$@" "$SCRATCH" | tr a-z A-Z`)
	if s.Mode() != "program" || len(s.URLs()) != 0 {
		t.Fatalf("mode %s, urls %v", s.Mode(), s.URLs())
	}
	suite := mustDecode(t, `
format: 1
milestone: solve
steps:
  - name: stdin in, stdout out
    exec: { stdin: "hello\n", args: [x], expect: { stdout: { matches: "^HELLO X /.*/X\n$" } } }
  - name: another command still runs
    exec: { command: [sh, -c, "exit 0"] }
`)
	rep := s.Run(context.Background(), &Plan{Project: "wc", Milestones: solvePlan, Suites: []*Suite{suite}})
	if rep.Status != Passed || rep.Mode != "program" {
		t.Fatalf("report %s (%s): %+v", rep.Status, rep.Mode, firstFailure(rep))
	}
}

// TestProgramStubIsNotImplemented: a starter's stub (a Go panic, a thrown
// error) is diagnosed as the milestone's job, with its hint.
func TestProgramStubIsNotImplemented(t *testing.T) {
	for _, script := range []string{
		`echo 'panic: TODO(solve): not implemented yet' >&2; exit 2`,
		`echo 'Error: TODO(solve): not implemented yet'; exit 0`, // exits 0 but prints the wrong thing
	} {
		s := programSession(t, script)
		suite := mustDecode(t, `
format: 1
milestone: solve
steps:
  - { name: counts, exec: { stdin: "a b\n", expect: { stdout: { eq: "2\n" } } } }
`)
		rep := s.Run(context.Background(), &Plan{Project: "wc", Milestones: solvePlan, Suites: []*Suite{suite}})
		f := firstFailure(rep)
		if f == nil || f.Diagnosis != "not implemented yet — this is milestone solve's job: split on whitespace" {
			t.Errorf("%s: failure %+v", script, f)
		}
		if f != nil && !strings.HasSuffix(f.Curl, ") printf %s 'a b\n' | sh prog.sh") {
			t.Errorf("the command to try does not show the input: %q", f.Curl)
		}
	}
}

// TestProgramStepOutsideAWorkspace: a step that runs the workspace's
// program is skipped where there is none (a server's start mode, attach
// mode), never passed.
func TestProgramStepOutsideAWorkspace(t *testing.T) {
	suite := mustDecode(t, `
format: 1
milestone: boot
steps:
  - { name: runs the program, exec: { stdin: "x" } }
`)
	r := &Runner{URLs: []string{"http://127.0.0.1:1"}, Dir: t.TempDir()}
	rep := r.Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones[:1], Suites: []*Suite{suite}})
	if st := rep.Milestones[0].Steps[0]; st.Status != Skipped || !strings.Contains(st.Message, "exercise workspace") {
		t.Errorf("step %+v", st)
	}
}

func TestExecDecodeProblems(t *testing.T) {
	for _, tt := range []struct{ yaml, want string }{
		{`{ name: x, exec: { command: [ls], args: [-l] } }`, "args go with the workspace's own program"},
		{`{ name: x, exec: { stdin: "${nope}" } }`, "${nope} is not captured"},
		{`{ name: x, exec: { stdin: [a, b] } }`, "test.yaml:4:"},
	} {
		_, err := Decode("test.yaml", []byte("format: 1\nmilestone: solve\nsteps:\n  - "+tt.yaml+"\n"))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.yaml, err, tt.want)
		}
	}
}

func TestOpenNeedsOneTarget(t *testing.T) {
	for _, tg := range []Target{{}, {URLs: []string{"http://127.0.0.1:1"}, Program: &ProgramConfig{Run: "x"}}} {
		if _, err := Open(context.Background(), tg, Options{}); err == nil {
			t.Errorf("Open(%+v) accepted", tg)
		}
	}
}

// TestProgramWithoutRun: a workspace whose stack runs nothing (a SQL or Git
// exercise) opens in program mode; its sql steps run, and a step that
// would run its program fails as a problem with the exercise instead of
// running the step's arguments as a command.
func TestProgramWithoutRun(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"query.sql": "SELECT 1 AS one;"})
	s, err := Open(context.Background(), Target{Program: &ProgramConfig{Dir: dir}}, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	if s.Mode() != "program" {
		t.Fatalf("mode %s", s.Mode())
	}
	suite := mustDecode(t, `
format: 1
milestone: solve
steps:
  - { name: the query, sql: { file: query.sql, expect: { columns: [one], rows: [[1]] } } }
`)
	if rep := s.Run(context.Background(), &Plan{Project: "q", Milestones: solvePlan, Suites: []*Suite{suite}}); rep.Status != Passed {
		t.Fatalf("sql step in a workspace without run: %+v", firstFailure(rep))
	}
	for _, step := range []string{
		`{ name: runs it, exec: { args: [touch, ran] } }`,
		`{ name: judges it, judge: { cases: cases.json } }`,
	} {
		suite := mustDecode(t, "format: 1\nmilestone: solve\nsteps:\n  - "+step+"\n")
		rep := s.Run(context.Background(), &Plan{Project: "q", Milestones: solvePlan, Suites: []*Suite{suite},
			Exercise: &Exercise{Files: fstest.MapFS{"cases.json": {Data: []byte(`[{"args": [1], "want": 1}]`)}}}})
		f := firstFailure(rep)
		if f == nil || !strings.Contains(f.Message, "has no run command") || !strings.Contains(f.Diagnosis, "problem with the exercise") {
			t.Errorf("%s: failure %+v", step, f)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "ran")); err == nil {
		t.Error("an exec step's args ran as a command")
	}
}
