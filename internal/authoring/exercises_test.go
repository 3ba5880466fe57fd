package authoring

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/scaffold"
)

// exerciseCourse writes a curriculum folder whose one exercise, shout, is a
// shell program: the reference upper-cases stdin, the starter's stub says
// it is not implemented. files replace or add files.
func exerciseCourse(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{
		"curriculum.yaml": "format: 1\nid: c\ntitle: C\nsteps:\n  - id: s\n    title: S\n    summary: S.\n    topics:\n" +
			"      - { id: text, title: Text, summary: T., resources: [], skills: [], hours: 1 }\n",
		"exercises/shout/exercise.yaml": "format: 1\nid: shout\ntitle: Shout\ntopic: text\ndifficulty: beginner\nsummary: S.\n" +
			"hints: [Use tr.]\nstacks:\n  sh: { run: sh main.sh }\n",
		"exercises/shout/prompt.md":         "Shout.\n",
		"exercises/shout/checks/solve.yaml": "format: 1\nmilestone: solve\nsteps:\n  - { name: shouts, exec: { stdin: \"hi\\n\", expect: { stdout: { eq: \"HI\\n\" } } } }\n",
		"exercises/shout/sh/main.sh":        "# waymark:begin solution solve\ntr a-z A-Z\n# waymark:stub\n# echo 'TODO(solve): not implemented yet' >&2\n# exit 1\n# waymark:end\n",
	}
	for k, v := range files {
		all[k] = v
	}
	for name, body := range all {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestValidateExercises(t *testing.T) {
	res, err := Validate(context.Background(), exerciseCourse(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	if len(res.Problems) > 0 || len(res.Exercises) != 1 || res.ExerciseFiles == nil {
		t.Fatalf("problems %v, exercises %d", res.Problems, len(res.Exercises))
	}
	ex := res.Exercises[0]
	ref := Run(context.Background(), res.ExerciseFiles, ex.Project(), scaffold.KindExercise, "sh", scaffold.Solution(), time.Minute)
	if !ref.Passed() || ref.Report.Mode != "program" {
		t.Errorf("reference: err=%v report=%+v", ref.Err, ref.Report)
	}
	st := Run(context.Background(), res.ExerciseFiles, ex.Project(), scaffold.KindExercise, "sh", scaffold.Starter(), time.Minute)
	if st.Err != nil || st.Passed() {
		t.Errorf("starter: err=%v passed=%v", st.Err, st.PassedIDs())
	}
}

func TestValidateExerciseProblems(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"check file", map[string]string{"exercises/shout/checks/solve.yaml": "format: 1\nmilestone: solve\nsteps:\n  - { name: x, shell: {} }\n"},
			`exercises/shout/checks/solve.yaml:4:16: unknown key "shell"`},
		{"marker", map[string]string{"exercises/shout/sh/main.sh": "# waymark:begin solution solve\ntr a-z A-Z\n"},
			"exercises/shout/sh/main.sh:1: waymark:begin is never closed"},
		{"manifest", map[string]string{"exercises/shout/exercise.yaml": "format: 1\nid: shout\ntitle: Shout\ntopic: txt\ndifficulty: beginner\nsummary: S.\nhints: [h]\nstacks:\n  sh: { run: sh main.sh }\n"},
			`exercises/shout/exercise.yaml:4:8: topic "txt" is not a topic of this curriculum (did you mean "text"?)`},
		{"a step that runs a stack with nothing to run", map[string]string{
			"exercises/shout/exercise.yaml": "format: 1\nid: shout\ntitle: Shout\ntopic: text\ndifficulty: beginner\nsummary: S.\nhints: [h]\nstacks:\n  sh: {}\n"},
			`exercises/shout/checks/solve.yaml:4:5: step "shouts" (exec) needs a program or server, but stack sh has no run command`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Validate(context.Background(), exerciseCourse(t, tt.files))
			if err != nil {
				t.Fatal(err)
			}
			defer res.Close()
			if !strings.Contains(res.Problems.Error(), tt.want) {
				t.Errorf("problems do not say %q:\n%v", tt.want, res.Problems)
			}
		})
	}
}
