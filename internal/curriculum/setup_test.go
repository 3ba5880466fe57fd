package curriculum

import (
	"strings"
	"testing"
	"testing/fstest"
)

const gitExercise = `format: 1
id: g
title: Merge it
topic: a
difficulty: beginner
summary: Merge a branch.
hints: [git merge]
stacks:
  git: {}
setup:
  steps:
%s
  solution:
    - merge: feature
`

func gitFS(steps string) fstest.MapFS {
	fsys := exerciseFS(map[string]string{"g": strings.Replace(gitExercise, "%s", steps, 1)})
	delete(fsys, "exercises/g/go/main.go")
	delete(fsys, "exercises/g/python/main.py")
	return fsys
}

// TestSetupLoads: a Git exercise declares its repository; its stack needs
// no folder, since the setup is the workspace.
func TestSetupLoads(t *testing.T) {
	c, err := Load(gitFS("    - commit: First\n      files: { a.txt: \"a\\n\" }\n    - branch: feature\n    - commit: Second\n      files: { b.txt: b }\n    - checkout: main\n"), nil)
	if err != nil {
		t.Fatalf("a valid setup refused:\n%v", err)
	}
	ex := c.Exercise("g")
	if ex.Setup == nil || len(ex.Setup.Steps) != 4 || ex.Project().Setup != ex.Setup {
		t.Fatalf("setup %+v", ex.Setup)
	}
	if k, a := ex.Setup.Steps[1].Action(); k != "branch" || a != "feature" {
		t.Errorf("action %s %s", k, a)
	}
}

// TestSetupProblems: every mistake in a setup is reported at its
// file:line:col.
func TestSetupProblems(t *testing.T) {
	for _, tt := range []struct{ steps, want string }{
		{"    - branch: feature", "exercise.yaml:12:15: the first setup step must be a commit"},
		{"    - commit: First\n      branch: x\n      files: { a: a }", "exercise.yaml:12:7: a setup step does exactly one of commit, branch, checkout, merge, reset, tag and write; this one has commit and branch"},
		{"    - commit: First", "exercise.yaml:12:15: a commit step needs files (or delete) to change"},
		{"    - commit: First\n      files: { ../x: a }", `exercise.yaml:13:14: path "../x" must be a relative path inside the repository`},
		{"    - commit: First\n      files: { a: a }\n    - checkout: featur", `exercise.yaml:14:17: there is no branch "featur" at this step`},
		{"    - commit: First\n      files: { a: a }\n    - branch: \"bad name\"", `exercise.yaml:14:15: "bad name" is not a name Git accepts for a branch`},
		{"    - commit: First\n      files: { a: a }\n      message: hi", "exercise.yaml:14:16: message goes with merge or tag, not commit"},
		{"    - commit: First\n      files: { a: a }\n    - pull: origin", `exercise.yaml:14:7: unknown key "pull"`},
	} {
		_, err := Load(gitFS(tt.steps), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s:\n err = %v\nwant %q", tt.steps, err, tt.want)
		}
	}
	fsys := gitFS("    - commit: First\n      files: { a: a }")
	fsys["exercises/g/exercise.yaml"].Data = []byte(strings.Replace(string(fsys["exercises/g/exercise.yaml"].Data), "git: {}", "git: { run: git status }", 1))
	want := `exercise.yaml:9:8: stack "git" has a run command, but an exercise with a setup is checked on its repository`
	if _, err := Load(fsys, nil); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("a setup with a stack that runs something: err = %v, want %q", err, want)
	}
}
