package roadmap

import (
	"bytes"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/check"
	"github.com/waymark-dev/waymark/internal/curriculum"
)

// katas are the data structures and algorithms exercises, checked by the
// judge, with the topic each practises.
var katas = map[string]string{
	"count-islands":     "graphs-traversal",
	"rate-limiter":      "lru-cache-design",
	"lru-cache":         "lru-cache-design",
	"grid-path-cost":    "shortest-paths",
	"coin-change":       "dynamic-programming",
	"running-median":    "heaps-priority-queues",
	"bfs-hops":          "graphs-traversal",
	"bst-floor":         "trees-bst",
	"power-mod":         "recursion",
	"count-inversions":  "sorting-searching",
	"insert-positions":  "binary-search",
	"reorder-list":      "linked-lists",
	"window-maximum":    "stacks-queues",
	"two-sum-count":     "arrays-hashmaps",
	"shortest-subarray": "two-pointers-sliding-window",
	"stock-span":        "stacks-queues",
}

// harnessFiles are the judge helper's copies: one per kata and stack, the
// same bytes everywhere, since an exercise's files come from its own
// folder only (docs/templates.md, "Shared files": a templates-wide
// _shared/<stack>/ would reach every exercise, the servers too).
var harnessFiles = map[string]string{"go": "judge.go", "node": "judge.js", "python": "judge.py"}

// isKata reports whether the exercise ships the judge's harness.
func isKata(id string) bool {
	_, err := fs.Stat(FS, path.Join(curriculum.ExercisesDir, id, "go", harnessFiles["go"]))
	return err == nil
}

// TestKatas holds every kata to what the dsa step promises: a judge-checked
// function in Go, Node and Python on a topic of the step, with a case file
// of examples and a large generated case whose time limit is relative to
// the reference and whose failure names the complexity to avoid.
func TestKatas(t *testing.T) {
	c, err := curriculum.Load(FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, ex := range c.Exercises() {
		if !isKata(ex.ID) {
			continue
		}
		found[ex.ID] = true
		topic, known := katas[ex.ID]
		switch {
		case !known:
			t.Errorf("kata %s is not in this test's list: add it with its topic", ex.ID)
		case ex.Topic != topic:
			t.Errorf("kata %s practises %s, want %s", ex.ID, ex.Topic, topic)
		}
		if step := c.Topic(ex.Topic).Step; step != "dsa" {
			t.Errorf("kata %s practises %s, a topic of step %s, not dsa", ex.ID, ex.Topic, step)
		}
		if got := strings.Join(ex.StackNames(), ","); got != "go,node,python" {
			t.Errorf("kata %s has stacks %s, want go, node and python", ex.ID, got)
		}
		for stack, helper := range harnessFiles {
			for _, name := range []string{helper, "main" + path.Ext(helper), "solution" + path.Ext(helper)} {
				if _, err := fs.Stat(FS, path.Join(curriculum.ExercisesDir, ex.ID, stack, name)); err != nil {
					t.Errorf("kata %s/%s has no %s", ex.ID, stack, name)
				}
			}
		}
		if len(ex.Hints) < 3 {
			t.Errorf("kata %s has %d hints; give learners at least three steps", ex.ID, len(ex.Hints))
		}
		if _, untagged := splitLesson(ex.Prompt); len(untagged) > 0 {
			t.Errorf("%s/prompt.md: code blocks at lines %v name no language", ex.ID, untagged)
		}
		checkKataSuite(t, ex.ID)
	}
	for id := range katas {
		if !found[id] {
			t.Errorf("kata %s is missing", id)
		}
	}
}

func checkKataSuite(t *testing.T, id string) {
	t.Helper()
	suites, err := check.LoadSuites(FS, path.Join(curriculum.ExercisesDir, id, "checks"))
	if err != nil {
		t.Errorf("kata %s: %v", id, err)
		return
	}
	var examples, large bool
	for _, s := range suites {
		for _, st := range s.Steps {
			j := st.Judge
			if j == nil {
				t.Errorf("kata %s: step %q is not a judge step", id, st.Name)
				continue
			}
			examples = examples || j.Cases != nil && j.Cases.File != ""
			if j.Generate != nil {
				if j.Want == nil || j.Want.V != "reference" || j.TimeLimit.Factor == 0 || j.TooSlow == "" {
					t.Errorf("kata %s: generated step %q needs want: reference, a time_limit such as 10x and a too_slow guess", id, st.Name)
				}
				large = true
			}
		}
	}
	if !examples || !large {
		t.Errorf("kata %s: want a step with a case file of examples (%v) and a large generated case (%v)", id, examples, large)
	}
}

// TestKataHarnessCopiesAreIdentical: the judge helper is one file copied
// into every kata; change one copy, then copy it over the others.
func TestKataHarnessCopiesAreIdentical(t *testing.T) {
	entries, err := fs.ReadDir(FS, curriculum.ExercisesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, stack := range []string{"go", "node", "python"} {
		var first string
		var want []byte
		for _, e := range entries {
			name := path.Join(curriculum.ExercisesDir, e.Name(), stack, harnessFiles[stack])
			data, err := fs.ReadFile(FS, name)
			if err != nil {
				continue
			}
			if want == nil {
				first, want = name, data
				continue
			}
			if !bytes.Equal(data, want) {
				t.Errorf("%s differs from %s: the judge helper's copies must stay identical", name, first)
			}
		}
		if want == nil {
			t.Errorf("no kata has a %s judge helper", stack)
		}
	}
}
