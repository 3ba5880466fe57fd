package roadmap

import (
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// TestPilotExercises holds the built-in exercises to what the roadmap
// promises: each practises a topic of the step it is listed under, as a
// server or a program, in Go, Node and Python, with at least three hints
// and a prompt that follows the lessons' Markdown rules.
func TestPilotExercises(t *testing.T) {
	c, err := curriculum.Load(FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		step   string
		server bool
	}{
		"word-count": {"languages", false},
		// web
		"status-codes": {"web", true}, "raw-http-request": {"web", false},
		"cors-preflight": {"web", true}, "secure-headers": {"web", true},
		"session-cookie": {"web", true},
		// apis
		"etag": {"apis", true}, "rest-resource": {"apis", true},
		"pagination": {"apis", true}, "jwt-verify": {"apis", true},
		"idempotency-key": {"apis", true}, "rate-limit": {"apis", true},
		// projects
		"middleware-chain": {"projects", true}, "openapi-doc": {"projects", true},
		"tests-catch-bugs": {"projects", false}, "endpoint-tests": {"projects", false},
	}
	for id, w := range want {
		ex := c.Exercise(id)
		if ex == nil {
			t.Errorf("exercise %s is missing", id)
			continue
		}
		if step := c.Topic(ex.Topic).Step; step != w.step {
			t.Errorf("%s practises %s, a topic of step %s; want step %s", id, ex.Topic, step, w.step)
		}
		if got := strings.Join(ex.StackNames(), ","); got != "go,node,python" {
			t.Errorf("%s has stacks %s, want go, node and python", id, got)
		}
		for name, st := range ex.Stacks {
			if st.Server() != w.server {
				t.Errorf("%s/%s: server is %v, want %v", id, name, st.Server(), w.server)
			}
		}
		if len(ex.Hints) < 3 {
			t.Errorf("%s has %d hints; give learners at least three steps", id, len(ex.Hints))
		}
		if _, untagged := splitLesson(ex.Prompt); len(untagged) > 0 {
			t.Errorf("%s/prompt.md: code blocks at lines %v name no language", id, untagged)
		}
	}
	pilots := 0
	for _, ex := range c.Exercises() {
		if !isKata(ex.ID) { // TestKatas holds the katas
			pilots++
		}
	}
	if pilots != len(want)+len(dataExercises) {
		t.Errorf("%d exercises besides the katas; this test and TestDataExercises know %d: add the new ones to them", pilots, len(want)+len(dataExercises))
	}
}

// TestExercisesNeedOnlyTheStandardLibrary: an exercise must run with
// nothing but its language's toolchain, so no stack declares a
// dependency, and the Go ones build with this module's Go version.
func TestExercisesNeedOnlyTheStandardLibrary(t *testing.T) {
	root, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	rootMod, err := modfile.Parse("go.mod", root, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = fs.WalkDir(FS, curriculum.ExercisesDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch path.Base(p) {
		case "package.json", "package-lock.json", "requirements.txt", "pyproject.toml", "go.sum", "go.mod":
			t.Errorf("%s: exercises use the standard library only, with nothing to install", p)
		case "go.mod.tmpl":
			data, err := fs.ReadFile(FS, p)
			if err != nil {
				return err
			}
			f, err := modfile.Parse(p, []byte(strings.ReplaceAll(string(data), "[[.Module]]", "example.com/x")), nil)
			if err != nil {
				t.Errorf("%s: %v", p, err)
				return nil
			}
			if len(f.Require) > 0 {
				t.Errorf("%s requires modules; use the standard library", p)
			}
			if f.Go == nil || f.Go.Version != rootMod.Go.Version {
				t.Errorf("%s: go directive %v, want %s as this module", p, f.Go, rootMod.Go.Version)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
