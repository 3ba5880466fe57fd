package check

import (
	"os"
	"testing"
)

// TestTasksSuiteDecodes keeps the built-in tasks suite valid.
func TestTasksSuiteDecodes(t *testing.T) {
	suites, err := LoadSuites(os.DirFS("../../templates/tasks"), "checks")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"auth", "boot", "hardening", "isolation", "performance", "query", "tasks"}
	if len(suites) != len(want) {
		t.Fatalf("%d suites", len(suites))
	}
	for i, s := range suites {
		if s.Milestone != want[i] {
			t.Errorf("suite %d is %s, want %s", i, s.Milestone, want[i])
		}
	}
}
