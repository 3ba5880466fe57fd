package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/iostreams"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/scaffold"
	"github.com/waymark-dev/waymark/internal/tui"
)

// practiceFixture is a curriculum folder with one program exercise, shout,
// whose only stack runs a shell script (so that checking it builds
// nothing): the reference upper-cases its input, the starter's stub says
// it is not implemented.
func practiceFixture(t *testing.T) (f *Factory, root string, out, errOut *bytes.Buffer) {
	t.Helper()
	root = t.TempDir()
	files := map[string]string{
		"curriculum.yaml": `format: 1
id: tiny
title: Tiny
steps:
  - id: basics
    title: Basics
    summary: The basics.
    topics:
      - { id: text, title: Text, summary: "Text in, text out.", resources: [], skills: [], hours: 1 }
      - { id: other, title: Other, summary: Something else., resources: [], skills: [], hours: 1 }
`,
		"exercises/shout/exercise.yaml": `format: 1
id: shout
title: Shout
topic: text
difficulty: beginner
summary: Upper-case what comes in.
hints: [Read standard input., Use tr.]
stacks:
  sh: { run: sh main.sh }
`,
		"exercises/shout/prompt.md":         "# Shout\n\nPrint standard input in capitals.\n",
		"exercises/shout/checks/solve.yaml": "format: 1\nmilestone: solve\nsteps:\n  - { name: shouts, exec: { stdin: \"hi\\n\", expect: { stdout: { eq: \"HI\\n\" } } } }\n",
		"exercises/shout/sh/main.sh":        "# waymark:begin solution solve\ntr a-z A-Z\n# waymark:stub\n# echo 'TODO(solve): not implemented yet' >&2\n# exit 1\n# waymark:end\n",
	}
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		mustT(t, os.MkdirAll(filepath.Dir(p), 0o755))
		mustT(t, os.WriteFile(p, []byte(body), 0o644))
	}
	io, _, out, errOut := iostreams.Test()
	env := map[string]string{"HOME": filepath.Join(root, "home")}
	f = NewFactory(io, func(k string) string { return env[k] }, func() time.Time { return time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC) })
	f.CurriculumFlag = root
	f.ProgressFlag = filepath.Join(root, "progress.yaml")
	return f, root, out, errOut
}

func loadProgress(t *testing.T, f *Factory) *progress.Progress {
	t.Helper()
	store, err := f.ProgressStore()
	mustT(t, err)
	p, err := store.Load()
	mustT(t, err)
	return p
}

func TestPracticeFlags(t *testing.T) {
	io, _, _, _ := iostreams.Test()
	f := NewFactory(io, func(string) string { return "" }, time.Now)
	var got *PracticeOptions
	cmd := NewCmdPractice(f, func(o *PracticeOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"etag", "ws", "--stack", "node", "--solution", "--no-git", "--force", "--dry-run", "--json"})
	mustT(t, cmd.Execute())
	if got.Target != "etag" || got.Dir != "ws" || got.Stack != "node" || !got.Solution || !got.NoGit || !got.Force || !got.DryRun || !got.JSON {
		t.Errorf("options %+v", got)
	}
	var hint *PracticeHintOptions
	cmd = NewCmdPractice(f, nil)
	cmd.RemoveCommand(cmd.Commands()...)
	cmd.AddCommand(NewCmdPracticeHint(f, func(o *PracticeHintOptions) error { hint = o; return nil }))
	cmd.SetArgs([]string{"hint", "etag", "--all"})
	mustT(t, cmd.Execute())
	if hint == nil || hint.Exercise != "etag" || !hint.All {
		t.Errorf("hint options %+v", hint)
	}
}

// TestPracticeWritesTheWorkspace: the workspace is the starter, through
// the same operation as waymark new, with the prompt as its README and its
// kind in .waymark.yaml; nothing is recorded until its checks pass.
func TestPracticeWritesTheWorkspace(t *testing.T) {
	f, root, out, _ := practiceFixture(t)
	dir := filepath.Join(root, "ws")
	mustT(t, practiceRun(&PracticeOptions{F: f, Target: "shout", Dir: dir, Stack: "sh"}))
	prov, err := scaffold.ReadProvenance(dir)
	mustT(t, err)
	if prov.Kind != scaffold.KindExercise || prov.Project != "shout" || prov.Mode != "starter" || prov.Run != "sh main.sh" {
		t.Errorf("provenance %+v", prov)
	}
	script, err := os.ReadFile(filepath.Join(dir, "main.sh"))
	mustT(t, err)
	if strings.Contains(string(script), "tr a-z") || !strings.Contains(string(script), "TODO(solve)") {
		t.Errorf("the starter holds the solution:\n%s", script)
	}
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	mustT(t, err)
	for _, want := range []string{"Print standard input in capitals.", "waymark check", "waymark practice hint shout", "printf 'one two\\n' | sh main.sh"} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README lacks %q:\n%s", want, readme)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
		t.Error("the workspace is not a Git repository")
	}
	for _, want := range []string{"✓ Wrote shout (sh, starter), 3 files, first commit", "cd " + dir, "waymark practice hint shout"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if p := loadProgress(t, f); len(p.Exercises) != 0 || len(p.Projects) != 0 {
		t.Errorf("writing a workspace recorded %+v %+v", p.Exercises, p.Projects)
	}
	// A second time into the same folder is refused, as waymark new does.
	err = practiceRun(&PracticeOptions{F: f, Target: "shout", Dir: dir, Stack: "sh"})
	var ue *UsageError
	if !errors.As(err, &ue) || !errors.Is(err, scaffold.ErrNotEmpty) {
		t.Errorf("a non-empty folder: %v", err)
	}
}

func TestPracticeErrors(t *testing.T) {
	f, root, _, _ := practiceFixture(t)
	for _, tt := range []struct {
		opts PracticeOptions
		want string
	}{
		{PracticeOptions{Target: "shuot"}, `no exercise, step or topic "shuot" — did you mean "shout"?`},
		{PracticeOptions{Target: "zzz"}, "no exercise \"zzz\": `waymark practice` lists them (shout)"},
		{PracticeOptions{Target: "shout", Stack: "go"}, `exercise shout has no stack "go": choose --stack sh`},
		{PracticeOptions{Target: "basics", Stack: "sh"}, "listing the exercises of basics writes nothing"},
		{PracticeOptions{Dir: filepath.Join(root, "x")}, "listing all exercises writes nothing"},
	} {
		tt.opts.F = f
		err := practiceRun(&tt.opts)
		var ue *UsageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: err = %v, want a usage error with %q", tt.opts, err, tt.want)
		}
	}
}

func TestPracticeListJSON(t *testing.T) {
	f, _, out, _ := practiceFixture(t)
	store, err := f.ProgressStore()
	mustT(t, err)
	_, err = store.Update(func(p *progress.Progress) error {
		p.RecordExercise("shout", "sh", strings.Repeat("a", 64), time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
		p.NextHint("shout", 2)
		return nil
	})
	mustT(t, err)
	for _, target := range []string{"", "basics", "text"} {
		out.Reset()
		mustT(t, practiceRun(&PracticeOptions{F: f, Target: target, JSON: true}))
		var list []exerciseJSON
		mustT(t, json.Unmarshal(out.Bytes(), &list))
		if len(list) != 1 || list[0].ID != "shout" || !list[0].Passed || list[0].PassedWith != "sh" || list[0].Kind != "program" ||
			list[0].Step != "basics" || list[0].HintsSeen != 1 || list[0].Hints != 2 || strings.Join(list[0].Stacks, ",") != "sh" {
			t.Errorf("practice %q --json: %s", target, out)
		}
	}
	out.Reset()
	mustT(t, practiceRun(&PracticeOptions{F: f, Target: "other"}))
	if !strings.Contains(out.String(), "other has no exercises") {
		t.Errorf("a topic without exercises: %s", out)
	}
}

// TestPracticeHintsOneAtATime: each run shows one more hint, the count is
// kept in progress, and --all shows them all.
func TestPracticeHintsOneAtATime(t *testing.T) {
	f, _, out, _ := practiceFixture(t)
	run := func(all bool) string {
		out.Reset()
		mustT(t, practiceHintRun(&PracticeHintOptions{F: f, Exercise: "shout", All: all}))
		return out.String()
	}
	if o := run(false); !strings.Contains(o, "Hint 1 of 2  Read standard input.") || strings.Contains(o, "Use tr.") || !strings.Contains(o, "Run it again for hint 2") {
		t.Errorf("first run:\n%s", o)
	}
	if o := run(false); !strings.Contains(o, "Hint 2 of 2  Use tr.") || !strings.Contains(o, "That was the last hint") {
		t.Errorf("second run:\n%s", o)
	}
	if got := loadProgress(t, f).Exercises["shout"].Hints; got != 2 {
		t.Errorf("hints seen = %d, want 2", got)
	}
	if o := run(true); !strings.Contains(o, "Read standard input.") || !strings.Contains(o, "Use tr.") {
		t.Errorf("--all:\n%s", o)
	}
	err := practiceHintRun(&PracticeHintOptions{F: f, Exercise: "shuot"})
	if err == nil || !strings.Contains(err.Error(), `did you mean "shout"?`) {
		t.Errorf("unknown exercise: %v", err)
	}
}

// TestCheckRecordsAnExercise: waymark check inside a workspace checks the
// exercise as a project (program mode here), records the learner's own
// pass under exercises, marks the topic done (its only exercise), and
// records nothing for a reference or a failure.
func TestCheckRecordsAnExercise(t *testing.T) {
	f, root, out, errOut := practiceFixture(t)
	mine, ref := filepath.Join(root, "mine"), filepath.Join(root, "ref")
	mustT(t, practiceRun(&PracticeOptions{F: f, Target: "shout", Dir: mine, Stack: "sh", NoGit: true}))
	mustT(t, practiceRun(&PracticeOptions{F: f, Target: "shout", Dir: ref, Stack: "sh", NoGit: true, Solution: true}))

	check := func(dir string) error {
		out.Reset()
		errOut.Reset()
		return checkRun(context.Background(), &CheckOptions{F: f, Dir: dir, Timeout: time.Second})
	}
	var se *SilentError
	if err := check(mine); !errors.As(err, &se) || !strings.Contains(out.String(), "not implemented yet — this is milestone solve's job: Read") {
		t.Fatalf("the starter: %v\n%s", err, out)
	}
	mustT(t, check(ref))
	if !strings.Contains(out.String(), "program mode") || !strings.Contains(errOut.String(), "Not recorded as yours: this folder holds the reference solution of shout") {
		t.Errorf("the reference:\n%s\n%s", out, errOut)
	}
	if p := loadProgress(t, f); p.ExercisePassed("shout") {
		t.Fatal("the reference's pass was recorded as the learner's")
	}
	mustT(t, os.WriteFile(filepath.Join(mine, "main.sh"), []byte("tr a-z A-Z\n"), 0o644))
	mustT(t, check(mine))
	p := loadProgress(t, f)
	if e := p.Exercises["shout"]; !p.ExercisePassed("shout") || e.Stack != "sh" || len(e.ChecksSHA256) != 64 {
		t.Errorf("recorded %+v", e)
	}
	if p.TopicStatus("text") != progress.StatusDone || !strings.Contains(errOut.String(), "Topic text is done: all of its exercises pass.") {
		t.Errorf("topic text is %s:\n%s", p.TopicStatus("text"), errOut)
	}
	if len(p.Projects) != 0 {
		t.Errorf("an exercise was recorded as a project: %+v", p.Projects)
	}
}

// TestCheckExerciseRespectsTheSetting: with exercises_finish_topics off,
// the pass is recorded and the topic left alone.
func TestCheckExerciseRespectsTheSetting(t *testing.T) {
	f, root, _, errOut := practiceFixture(t)
	mustT(t, os.WriteFile(f.ProgressFlag, []byte("format: 2\ncurriculum: tiny\nsettings:\n  exercises_finish_topics: false\n"), 0o644))
	dir := filepath.Join(root, "mine")
	mustT(t, practiceRun(&PracticeOptions{F: f, Target: "shout", Dir: dir, Stack: "sh", NoGit: true}))
	mustT(t, os.WriteFile(filepath.Join(dir, "main.sh"), []byte("tr a-z A-Z\n"), 0o644))
	mustT(t, checkRun(context.Background(), &CheckOptions{F: f, Dir: dir, Timeout: time.Second}))
	p := loadProgress(t, f)
	if !p.ExercisePassed("shout") || p.TopicStatus("text") != progress.StatusTodo || strings.Contains(errOut.String(), "Topic text is done") {
		t.Errorf("passed %v, topic %s:\n%s", p.ExercisePassed("shout"), p.TopicStatus("text"), errOut)
	}
}

// TestExerciseReference: the hook the engine's judge, sql and git steps
// use builds the reference of the stack checked, and its cleanup removes it.
func TestExerciseReference(t *testing.T) {
	f, root, _, _ := practiceFixture(t)
	dir := filepath.Join(root, "mine")
	mustT(t, practiceRun(&PracticeOptions{F: f, Target: "shout", Dir: dir, Stack: "sh", NoGit: true}))
	tg, err := resolveCheckTarget(&CheckOptions{F: f, Dir: dir})
	mustT(t, err)
	ex := tg.plan.Exercise
	if ex == nil || ex.Files == nil || ex.Reference == nil {
		t.Fatal("no exercise hooks in the plan")
	}
	if data, err := ex.Files.Open("checks/solve.yaml"); err != nil {
		t.Errorf("the exercise's files: %v", err)
	} else {
		data.Close()
	}
	ref, cleanup, err := ex.Reference(context.Background())
	mustT(t, err)
	script, err := os.ReadFile(filepath.Join(ref, "main.sh"))
	mustT(t, err)
	if string(script) != "tr a-z A-Z\n" {
		t.Errorf("reference %s:\n%s", ref, script)
	}
	cleanup()
	if _, err := os.Stat(ref); !os.IsNotExist(err) {
		t.Errorf("the reference is still there: %v", err)
	}
}

// TestTUIPracticeIsThePracticeOperation: the TUI's exercise form writes the
// workspace with createProject, as `waymark practice` does.
func TestTUIPracticeIsThePracticeOperation(t *testing.T) {
	f, root, _, _ := practiceFixture(t)
	c, err := f.Curriculum()
	mustT(t, err)
	ex, err := f.Exercises()
	mustT(t, err)
	dir := filepath.Join(root, "from-tui")
	res, err := practiceFunc(f, ex)(context.Background(), tui.PracticeRequest{Exercise: c.Exercise("shout"), Stack: "sh", Dir: dir, Solution: true})
	mustT(t, err)
	prov, err := scaffold.ReadProvenance(dir)
	mustT(t, err)
	if res.Dir != dir || res.Files != 3 || len(res.Commit) != 40 || prov.Kind != scaffold.KindExercise || prov.Mode != "solution" {
		t.Errorf("result %+v, provenance %+v", res, prov)
	}
	if len(res.Notes) == 0 || !strings.Contains(res.Notes[len(res.Notes)-1], "reference solution") {
		t.Errorf("notes %q", res.Notes)
	}
}

// TestPracticeSQLExercise: an exercise whose one stack runs nothing (sql)
// is written without --stack, its README offers no command to run, and
// waymark check proves it in program mode without starting anything.
func TestPracticeSQLExercise(t *testing.T) {
	f, root, out, _ := practiceFixture(t)
	for name, body := range map[string]string{
		"exercises/count-rows/exercise.yaml": "format: 1\nid: count-rows\ntitle: Count rows\ntopic: other\ndifficulty: beginner\n" +
			"summary: Count the rows.\nhints: [COUNT(*) counts rows.]\nstacks:\n  sql: {}\n",
		"exercises/count-rows/prompt.md":         "# Count rows\n\nCount the rows of t in query.sql.\n",
		"exercises/count-rows/fixtures/t.sql":    "CREATE TABLE t (x INTEGER);\nINSERT INTO t VALUES (1), (2);\n",
		"exercises/count-rows/checks/solve.yaml": "format: 1\nmilestone: solve\nsteps:\n  - { name: counts, sql: { fixture: fixtures/t.sql, file: query.sql, expect: { columns: [n], rows: reference } } }\n",
		"exercises/count-rows/sql/query.sql": "-- waymark:begin solution solve\nSELECT COUNT(*) AS n FROM t;\n-- waymark:stub\n" +
			"-- SELECT 'not implemented' AS error, 'solve' AS milestone;\n-- waymark:end\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		mustT(t, os.MkdirAll(filepath.Dir(p), 0o755))
		mustT(t, os.WriteFile(p, []byte(body), 0o644))
	}
	c, err := f.Curriculum()
	mustT(t, err)
	if k := exerciseKind(c.Exercise("count-rows")); k != "query" {
		t.Errorf("an exercise whose stacks run nothing is listed as a %s", k)
	}
	mine, ref := filepath.Join(root, "mine"), filepath.Join(root, "ref")
	mustT(t, practiceRun(&PracticeOptions{F: f, Target: "count-rows", Dir: mine, NoGit: true}))
	if !strings.Contains(out.String(), "Wrote count-rows (sql, starter)") || strings.Contains(out.String(), "printf") {
		t.Errorf("output:\n%s", out)
	}
	readme, err := os.ReadFile(filepath.Join(mine, "README.md"))
	mustT(t, err)
	if strings.Contains(string(readme), "printf") || !strings.Contains(string(readme), "waymark check") {
		t.Errorf("README:\n%s", readme)
	}
	mustT(t, practiceRun(&PracticeOptions{F: f, Target: "count-rows", Dir: ref, NoGit: true, Solution: true}))
	out.Reset()
	var se *SilentError
	if err := checkRun(context.Background(), &CheckOptions{F: f, Dir: mine, Timeout: time.Second}); !errors.As(err, &se) ||
		!strings.Contains(out.String(), "not implemented yet — this is milestone solve's job") {
		t.Errorf("the starter: %v\n%s", err, out)
	}
	out.Reset()
	if err := checkRun(context.Background(), &CheckOptions{F: f, Dir: ref, Timeout: time.Second}); err != nil || !strings.Contains(out.String(), "program mode") {
		t.Errorf("the reference: %v\n%s", err, out)
	}
}
