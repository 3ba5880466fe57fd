package roadmap

import (
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// dataExercises are the built-in exercises that need no language
// toolchain: SQL queries checked on fixtures (step databases) and Git
// repositories checked as the learner leaves them (step git), by id → the
// stack they have.
var dataExercises = map[string]string{
	"sql-upsert-stock":         "sql",
	"git-branch-merge":         "git",
	"git-ignore-tag":           "git",
	"git-revert":               "git",
	"git-rebase-linear":        "git",
	"git-merge-conflict":       "git",
	"git-commit":               "git",
	"sql-migration-backfill":   "sql",
	"sql-constraints":          "sql",
	"sql-n-plus-one":           "sql",
	"sql-transaction-transfer": "sql",
	"sql-index-plan":           "sql",
	"sql-window-rank":          "sql",
	"sql-group-having":         "sql",
	"sql-left-join":            "sql",
	"sql-filter-sort":          "sql",
}

// TestDataExercises holds the SQL and Git exercises to their shape: one
// stack that runs nothing, on a topic of the right step, with checks of
// that kind only, a reference that is a query file (SQL), and prompts that
// follow the lessons' Markdown rules.
func TestDataExercises(t *testing.T) {
	c, err := curriculum.Load(FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	steps := map[string]string{"sql": "databases", "git": "git"}
	for id, stack := range dataExercises {
		ex := c.Exercise(id)
		if ex == nil {
			t.Errorf("exercise %s is missing", id)
			continue
		}
		if step := c.Topic(ex.Topic).Step; step != steps[stack] {
			t.Errorf("%s practises %s, a topic of step %s; want step %s", id, ex.Topic, step, steps[stack])
		}
		if got := strings.Join(ex.StackNames(), ","); got != stack || !ex.Stacks[stack].RunsNothing() {
			t.Errorf("%s has stacks %s, want only %s, which runs nothing", id, got, stack)
		}
		if len(ex.Hints) < 3 {
			t.Errorf("%s has %d hints; give learners at least three steps", id, len(ex.Hints))
		}
		if _, untagged := splitLesson(ex.Prompt); len(untagged) > 0 {
			t.Errorf("%s/prompt.md: code blocks at lines %v name no language", id, untagged)
		}
		checks, err := fs.ReadFile(FS, path.Join(curriculum.ExercisesDir, id, "checks", "solve.yaml"))
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		if kind := stack + ":"; !strings.Contains(string(checks), kind) {
			t.Errorf("%s: its checks have no %s step", id, stack)
		}
		if stack == "sql" {
			if _, err := fs.Stat(FS, path.Join(curriculum.ExercisesDir, id, "sql", "query.sql")); err != nil {
				t.Errorf("%s: the reference is not sql/query.sql: %v", id, err)
			}
		}
	}
}
