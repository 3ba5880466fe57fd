// Package bench holds the scripts that measure the stacks and the solutions
// (stacks.sh, solutions.sh) and the minimal handlers they compare with
// (minimal/). They run by hand, for minutes; these tests only keep them from
// rotting: the scripts parse, the Node and Python handlers parse, and the
// Python handler answers the tasks list on the solutions' SQLite schema. The
// Go handler is part of the module and has its own tests.
package bench

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("no %s here", name)
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestScriptsParse(t *testing.T) {
	run(t, "bash", "-n", "stacks.sh")
	run(t, "bash", "-n", "solutions.sh")
	run(t, "bash", "-n", "lib.sh")
	if got := run(t, "bash", "-c", ". ./lib.sh && echo 3 1 2 | median"); strings.TrimSpace(got) != "2" {
		t.Errorf("lib.sh median of 3 1 2 = %q, want 2", got)
	}
}

func TestNodeHandlerParses(t *testing.T) {
	run(t, "node", "--check", "minimal/node/server.mjs")
	run(t, "node", "--check", "minimal/node/loopback.cjs")
}

// compile, not py_compile: nothing is written next to the sources.
func TestPythonFilesParse(t *testing.T) {
	run(t, "python3", "-c", "import sys\nfor f in sys.argv[1:]: compile(open(f).read(), f, 'exec')",
		"minimal/python/minimal.py", "minimal/python/gunicorn.conf.py", "minimal/seed.py")
}

// The Python handler with the standard library's sqlite3 on the tasks
// schema: the owner's "todo" tasks by due date, counted, with labels.
func TestPythonHandlerListsTasks(t *testing.T) {
	migrations, _ := filepath.Glob("../templates/tasks/go/internal/store/migrations/sqlite/*.sql")
	if len(migrations) == 0 {
		t.Fatal("no tasks migrations")
	}
	db := filepath.Join(t.TempDir(), "bench.db")
	t.Setenv("DATABASE_URL", "sqlite://"+db)
	t.Setenv("PYTHONDONTWRITEBYTECODE", "1")
	const script = `
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
for f in sorted(sys.argv[2:]):
    conn.executescript(open(f).read())
now = "2026-12-01T10:00:00.000000Z"
conn.execute("INSERT INTO users (id, email, password_hash, created_at) VALUES (1, 'a@example.com', 'x', ?)", (now,))
for id, status, due in ((1, "todo", None), (2, "todo", "2027-02-01"), (3, "done", None), (4, "todo", "2027-01-01")):
    conn.execute("INSERT INTO tasks (id, owner_id, title, status, priority, due_date, created_at, updated_at)"
                 " VALUES (?, 1, 'a task', ?, 'low', ?, ?, ?)", (id, status, due, now, now))
conn.execute("INSERT INTO task_labels (task_id, label, position) VALUES (2, 'b', 1), (2, 'a', 0)")
sys.path.insert(0, "minimal/python")
import minimal
answer = {}
body = minimal.app({"REQUEST_METHOD": "GET", "PATH_INFO": "/api/tasks",
                    "QUERY_STRING": "owner=1&status=todo&limit=2"}, lambda s, h: answer.update(status=s))
page = json.loads(b"".join(body))
print(answer["status"], page["total"], [(t["id"], t["labels"]) for t in page["data"]])
`
	got := strings.TrimSpace(run(t, "python3", append([]string{"-c", script, db}, migrations...)...))
	if want := "200 OK 3 [(4, []), (2, ['a', 'b'])]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := os.Stat("minimal/python/__pycache__"); err == nil {
		t.Error("the test left minimal/python/__pycache__ behind")
	}
}
