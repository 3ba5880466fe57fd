package curriculum

import (
	"strings"
	"testing"
	"testing/fstest"
)

// exerciseYAML is a valid exercise of topic a in the base curriculum.
const exerciseYAML = `format: 1
id: %s
title: Count words
topic: a
difficulty: beginner
summary: Read text on stdin and count it.
hints:
  - Split on whitespace.
  - Count runes, not bytes.
stacks:
  go: { run: go run . }
  python: { run: python3 main.py }
`

const solveChecks = "format: 1\nmilestone: solve\nsteps:\n  - name: counts\n    exec: { expect: { stdout: { eq: \"1\" } } }\n"

// exerciseFS is the base curriculum with the exercises given as id →
// manifest; each gets a prompt, checks and stack folders unless the test
// removes them.
func exerciseFS(manifests map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{File: {Data: []byte(base)}}
	for dir, m := range manifests {
		p := ExercisesDir + "/" + dir + "/"
		fsys[p+ExerciseFile] = &fstest.MapFile{Data: []byte(strings.Replace(exerciseYAML, "%s", dir, 1) + m)}
		if m != "" && !strings.HasPrefix(m, "\n") {
			fsys[p+ExerciseFile] = &fstest.MapFile{Data: []byte(m)}
		}
		fsys[p+PromptFile] = &fstest.MapFile{Data: []byte("# Count words\n\nRead stdin.\n")}
		fsys[p+"checks/solve.yaml"] = &fstest.MapFile{Data: []byte(solveChecks)}
		fsys[p+"go/main.go"] = &fstest.MapFile{Data: []byte("package main\n")}
		fsys[p+"python/main.py"] = &fstest.MapFile{Data: []byte("print(1)\n")}
	}
	return fsys
}

func TestExercisesLoad(t *testing.T) {
	fsys := exerciseFS(map[string]string{"word-count": "", "line-count": ""})
	fsys["exercises/README.md"] = &fstest.MapFile{Data: []byte("Exercises of this course.\n")}
	c, err := Load(fsys, nil)
	if err != nil {
		t.Fatalf("valid exercises refused:\n%v", err)
	}
	if got := strings.Join(c.ExerciseIDs(), ","); got != "line-count,word-count" {
		t.Errorf("exercises are %s, want them by id", got)
	}
	ex := c.Exercise("word-count")
	if ex == nil || !strings.Contains(ex.Prompt, "Read stdin.") || ex.Stacks["go"].Run != "go run ." {
		t.Fatalf("word-count loaded as %+v", ex)
	}
	if c.Exercise("nope") != nil {
		t.Error("an unknown id finds an exercise")
	}
	if got := len(c.TopicExercises("a")); got != 2 {
		t.Errorf("topic a has %d exercises, want 2", got)
	}
	if got := len(c.StepExercises("one")); got != 2 {
		t.Errorf("step one has %d exercises, want 2", got)
	}
	p := ex.Project()
	if len(p.Milestones) != 1 || p.Milestones[0].ID != SolveMilestone || p.Milestones[0].Hint != "Split on whitespace." || p.ID != "word-count" {
		t.Errorf("as a project: %+v", p)
	}
	if ex.Stacks["go"].Server() {
		t.Error("a stack without health is not a server")
	}
}

func TestExercisesNone(t *testing.T) {
	c, err := Load(fstest.MapFS{File: {Data: []byte(base)}}, nil)
	if err != nil || len(c.Exercises()) != 0 {
		t.Fatalf("a curriculum without exercises/: %v, %d exercises", err, len(c.Exercises()))
	}
}

func TestExerciseProblems(t *testing.T) {
	mf := func(id string) string { return strings.Replace(exerciseYAML, "%s", id, 1) }
	tests := []struct {
		name  string
		fsys  func() fstest.MapFS
		wants []string
	}{
		{"unknown topic", func() fstest.MapFS {
			return exerciseFS(map[string]string{"wc": strings.Replace(mf("wc"), "topic: a", "topic: b", 1)})
		}, []string{`exercises/wc/exercise.yaml:4:8: topic "b" is not a topic of this curriculum (did you mean "a"?)`}},
		{"folder and id differ", func() fstest.MapFS {
			return exerciseFS(map[string]string{"wc": mf("word-count")})
		}, []string{`exercises/wc/exercise.yaml:2:5: id "word-count" must match its folder name "wc"`}},
		{"missing prompt", func() fstest.MapFS {
			fsys := exerciseFS(map[string]string{"wc": ""})
			delete(fsys, "exercises/wc/prompt.md")
			return fsys
		}, []string{"exercises/wc/prompt.md: the prompt is missing"}},
		{"empty prompt", func() fstest.MapFS {
			fsys := exerciseFS(map[string]string{"wc": ""})
			fsys["exercises/wc/prompt.md"] = &fstest.MapFile{Data: []byte("\n  \n")}
			return fsys
		}, []string{"exercises/wc/prompt.md:1: the prompt is empty"}},
		{"missing stack folder", func() fstest.MapFS {
			fsys := exerciseFS(map[string]string{"wc": ""})
			delete(fsys, "exercises/wc/python/main.py")
			return fsys
		}, []string{`exercises/wc/exercise.yaml:12:11: stack "python" has no folder exercises/wc/python`}},
		{"unknown milestone in checks", func() fstest.MapFS {
			fsys := exerciseFS(map[string]string{"wc": ""})
			fsys["exercises/wc/checks/solve.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(solveChecks, "milestone: solve", "milestone: boot", 1))}
			return fsys
		}, []string{`exercises/wc/checks/solve.yaml:2:12: unknown milestone "boot": an exercise has one, solve`}},
		{"no checks", func() fstest.MapFS {
			fsys := exerciseFS(map[string]string{"wc": ""})
			delete(fsys, "exercises/wc/checks/solve.yaml")
			return fsys
		}, []string{"exercises/wc/checks: the exercise has no checks"}},
		{"not an exercise", func() fstest.MapFS {
			fsys := exerciseFS(map[string]string{"wc": ""})
			fsys["exercises/notes/todo.md"] = &fstest.MapFile{Data: []byte("later\n")}
			return fsys
		}, []string{"exercises/notes/exercise.yaml: exercises/notes/ is not an exercise: it has no exercise.yaml"}},
		{"misnamed manifest", func() fstest.MapFS {
			fsys := exerciseFS(map[string]string{"wc": ""})
			fsys["exercises/wc/exercise.yml"] = fsys["exercises/wc/exercise.yaml"]
			delete(fsys, "exercises/wc/exercise.yaml")
			return fsys
		}, []string{"it has no exercise.yaml (did you mean to name exercise.yml exercise.yaml?)"}},
		{"fields", func() fstest.MapFS {
			bad := strings.NewReplacer("format: 1", "format: 2", "difficulty: beginner", "difficulty: easy",
				"summary: Read text on stdin and count it.", "summary: \"\"",
				"  - Count runes, not bytes.\n", "  - \"\"\n",
				"go: { run: go run . }", "go: { run: go run ., port_env: PORT, solution_only: { x.go: boot }, hints: { boot: h } }").Replace(mf("wc"))
			return exerciseFS(map[string]string{"wc": bad})
		}, []string{
			"exercise.yaml:1:9: format must be 1",
			"exercise.yaml:5:13: difficulty must be beginner, intermediate or advanced",
			"exercise.yaml:6:10: summary is required",
			"exercise.yaml:9:5: hint 2 is empty",
			"exercise.yaml:11:7: port_env and health go together",
			`exercise.yaml:11:63: unknown milestone "boot": an exercise has one, solve`,
			`exercise.yaml:11:86: hint for unknown milestone "boot"`,
		}},
		{"no hints, no stacks", func() fstest.MapFS {
			return exerciseFS(map[string]string{"wc": "format: 1\nid: wc\ntitle: T\ntopic: a\ndifficulty: beginner\nsummary: S\nhints: []\nstacks: {}\n"})
		}, []string{"exercise.yaml:7:8: an exercise needs at least one hint", "exercise.yaml:8:9: an exercise needs at least one stack"}},
		{"reserved id", func() fstest.MapFS {
			return exerciseFS(map[string]string{"hint": ""})
		}, []string{`exercise id "hint" is a word`}},
		{"id of a topic", func() fstest.MapFS {
			return exerciseFS(map[string]string{"a": ""})
		}, []string{`exercise id "a" is also a step or topic id`}},
		{"unknown key", func() fstest.MapFS {
			return exerciseFS(map[string]string{"wc": mf("wc") + "level: 3\n"})
		}, []string{`exercises/wc/exercise.yaml:13:1: unknown key "level"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.fsys(), nil)
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("problems do not name %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestExerciseDuplicateID(t *testing.T) {
	// Folder names are unique, so a duplicate is a second folder whose
	// manifest repeats an id: both the mismatch and the duplicate are said.
	fsys := exerciseFS(map[string]string{"wc": "", "wc-copy": ""})
	fsys["exercises/wc-copy/exercise.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(exerciseYAML, "%s", "wc", 1))}
	_, err := LoadExercises(fsys, nil)
	if err == nil {
		t.Fatal("accepted")
	}
	for _, w := range []string{
		`exercises/wc-copy/exercise.yaml:2:5: id "wc" must match its folder name "wc-copy"`,
		`exercises/wc-copy/exercise.yaml: duplicate exercise id "wc": exercises/wc declares it too`,
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("problems do not name %q:\n%v", w, err)
		}
	}
}

// FuzzExercise feeds exercise.yaml any bytes: loading never panics, and an
// accepted exercise is whole (its id the folder's, a topic, a hint, a
// server stack with a run command, a setup whose steps each do one thing,
// starting with a commit).
func FuzzExercise(f *testing.F) {
	f.Add([]byte(strings.Replace(exerciseYAML, "%s", "wc", 1)))
	f.Add([]byte(strings.Replace(exerciseYAML, "%s", "wc", 1) + "setup:\n  steps:\n    - commit: a\n      files: {a: b}\n    - branch: f\n  solution:\n    - merge: f\n"))
	f.Add([]byte("format: 1\nid: wc\nstacks: {git: {}}\nsetup: {steps: [{tag: v1}, {write: true}], solution: []}\n"))
	f.Add([]byte("format: 1\nid: wc\nstacks: {go: }\nhints: [\"\"]\n"))
	f.Add([]byte("id: [wc]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := exerciseFS(map[string]string{"wc": ""})
		fsys["exercises/wc/exercise.yaml"] = &fstest.MapFile{Data: data}
		c, err := Load(fsys, nil)
		if err != nil {
			return
		}
		ex := c.Exercise("wc")
		if ex == nil || c.Topic(ex.Topic) == nil || len(ex.Hints) == 0 || len(ex.Stacks) == 0 {
			t.Fatalf("accepted an incomplete exercise: %+v", ex)
		}
		for name, s := range ex.Stacks {
			if s == nil || s.Server() && strings.TrimSpace(s.Run) == "" {
				t.Fatalf("accepted server stack %q without a run command", name)
			}
		}
		if ex.Setup != nil {
			steps := append(append([]*SetupStep(nil), ex.Setup.Steps...), ex.Setup.Solution...)
			if len(ex.Setup.Steps) == 0 || len(ex.Setup.Solution) == 0 || ex.Setup.Steps[0].Commit == "" {
				t.Fatalf("accepted a setup that does not start with a commit or has no solution: %+v", ex.Setup)
			}
			for _, st := range steps {
				if kind, _ := st.Action(); kind == "" {
					t.Fatalf("accepted a setup step without an action: %+v", st)
				}
			}
		}
	})
}

// TestExerciseStackThatRunsNothing: a SQL or Git exercise's stack has no
// command (`sql: {}`), since its checks only read the workspace's files; a
// server still needs one, and a stack written as nothing at all is refused.
func TestExerciseStackThatRunsNothing(t *testing.T) {
	mf := strings.Replace(exerciseYAML, "%s", "q", 1)
	ok := strings.Replace(mf, "  python: { run: python3 main.py }\n", "  sql: {}\n", 1)
	fsys := exerciseFS(map[string]string{"q": ok})
	fsys["exercises/q/sql/query.sql"] = &fstest.MapFile{Data: []byte("SELECT 1;\n")}
	c, err := Load(fsys, nil)
	if err != nil {
		t.Fatalf("a stack without run refused:\n%v", err)
	}
	ex := c.Exercise("q")
	if st := ex.Stacks["sql"]; !st.RunsNothing() || st.Server() || ex.Stacks["go"].RunsNothing() {
		t.Errorf("sql runs nothing: %v; go runs nothing: %v", st.RunsNothing(), ex.Stacks["go"].RunsNothing())
	}
	for bad, want := range map[string]string{
		"  sql:\n": "exercise.yaml:12:7: a value is required here, not null",
		"  sql: { port_env: PORT, health: /health }\n": "exercise.yaml:12:8: run is required for a server",
	} {
		fsys := exerciseFS(map[string]string{"q": strings.Replace(mf, "  python: { run: python3 main.py }\n", bad, 1)})
		fsys["exercises/q/sql/query.sql"] = &fstest.MapFile{Data: []byte("SELECT 1;\n")}
		_, err := Load(fsys, nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", bad, err, want)
		}
	}
}
