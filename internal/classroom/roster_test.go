package classroom

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestExampleRosterIsValid(t *testing.T) {
	r, err := ParseRoster("class.yaml", []byte(ExampleRoster))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Learners) != 2 || r.Learners[0].Projects[0].Folder == "" || r.AllowExec {
		t.Fatalf("%+v", r)
	}
}

func TestRosterProblemsArePositioned(t *testing.T) {
	data := "format: 2\ncurriculum: builtin\nlearners:\n  - id: a\n    name: A\n    progress: {git: nope}\n    projects:\n      - {project: tasks, stack: go, git: 'file:///x', path: ../up}\n  - {id: a, name: ''}\n"
	_, err := ParseRoster("c.yaml", []byte(data))
	want := []string{
		"c.yaml:1:9: format must be 1",
		`c.yaml:6:21: git "nope" is not a Git URL`,
		`c.yaml:8:61: path "../up" must be a clean relative path`,
		`c.yaml:9:10: id "a" is already learner 1's`,
		"c.yaml:9:5: name is required",
	}
	for _, w := range want {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in:\n%v", w, err)
		}
	}
}

// TestAddLearnerKeepsTheFile: the learner is appended as text, so every
// byte of the file before it, comments and alignment included, stays.
func TestAddLearnerKeepsTheFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "class.yaml")
	if err := WriteExample(file); err != nil {
		t.Fatal(err)
	}
	if err := WriteExample(file); err == nil {
		t.Fatal("init replaced a roster")
	}
	m := &Member{ID: "lin", Name: "Lin", Projects: []*Repo{{Project: "tasks", Stack: "go", Git: "https://example.com/l.git"}}}
	if err := AddLearner(file, m); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	if !bytes.HasPrefix(data, []byte(ExampleRoster)) {
		t.Fatalf("the file changed before the new learner:\n%s", data)
	}
	r, err := LoadRoster(file)
	if err != nil || r.Learner("lin") == nil || r.Learner("lin").Projects[0].Git != "https://example.com/l.git" {
		t.Fatalf("%v %+v", err, r)
	}
	if err := AddLearner(file, m); err == nil || !strings.Contains(err.Error(), `already has a learner with id "lin"`) {
		t.Fatalf("a second lin: %v", err)
	}
}

// TestAddLearnerConcurrently: additions at once all land.
func TestAddLearnerConcurrently(t *testing.T) {
	file := filepath.Join(t.TempDir(), "class.yaml")
	if err := os.WriteFile(file, []byte("format: 1\ncurriculum: builtin\nlearners: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, id := range []string{"a", "b", "c", "d", "e", "f"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := AddLearner(file, &Member{ID: id, Name: strings.ToUpper(id)}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	r, err := LoadRoster(file)
	if err != nil || len(r.Learners) != 6 {
		t.Fatalf("%v: %d learners", err, len(r.Learners))
	}
}
