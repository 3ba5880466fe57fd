package classroom

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/authoring"
	"github.com/waymark-dev/waymark/internal/gitrepo"
)

// TestMain lets the test binary be the launcher: the check session runs it
// as `<link> class __exec`, as it runs waymark itself.
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == "class" && strings.HasPrefix(os.Args[2], "__") {
		args := os.Args[2:]
		if args[0] == "__exec" {
			args = args[1:]
		}
		os.Exit(ExecMain(args, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// helloMain is the hello project's server; greet is the body of its
// /api/hello handler and boot runs before it listens.
func helloMain(boot, greet string) string {
	return `package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"time"
)

var _, _ = time.Second, fmt.Sprint

func main() {
	` + boot + `
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /api/hello", func(w http.ResponseWriter, r *http.Request) {
		` + greet + `
	})
	_ = http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), mux)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
`
}

const (
	greetOK = `name := r.URL.Query().Get("name")
		if name == "" {
			name = "world"
		}
		writeJSON(w, http.StatusOK, map[string]string{"message": "Hello, " + name + "!"})`
	greetStub = `writeJSON(w, http.StatusNotImplemented, map[string]string{"error": "not implemented", "milestone": "greet"})`
)

// learnerRepo makes a Git repository of files and returns its file:// URL.
func learnerRepo(t testing.TB, dir string, files map[string]string) string {
	t.Helper()
	writeFiles(t, dir, files)
	when := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	if _, err := gitrepo.Init(dir, gitrepo.Author{Name: "Learner", Email: "l@example.com"}, "my work", when); err != nil {
		t.Fatal(err)
	}
	return "file://" + filepath.ToSlash(dir)
}

func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func helloProject(boot, greet string) map[string]string {
	return map[string]string{"go.mod": "module hello\n\ngo 1.22\n", "main.go": helloMain(boot, greet)}
}

// skeletonTemplates are the templates of `waymark curriculum init`'s
// course: the hello project, with milestones boot and greet.
func skeletonTemplates(t testing.TB) fs.FS {
	t.Helper()
	sub, err := fs.Sub(authoring.Skeleton(), "templates")
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

// goCaches are this machine's Go caches, so the learners' builds are warm.
func goCaches(t testing.TB) (string, string) {
	t.Helper()
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE").Output()
	if err != nil {
		t.Skip("no Go toolchain:", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		t.Fatalf("go env: %q", out)
	}
	return lines[0], lines[1]
}

func testExe(t testing.TB) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

// sixLearners writes a roster of six learners' repositories under dir:
// one passing, one failing at the second milestone, one that does not
// build, one whose server hangs, one missing, and one whose repository
// carries checks and a manifest of its own that say it passes.
func sixLearners(t testing.TB, dir string) *Roster {
	t.Helper()
	repo := func(id string, files map[string]string) string {
		return learnerRepo(t, filepath.Join(dir, "repos", id), files)
	}
	altered := helloProject("", greetStub)
	altered["checks/greet.yaml"] = "format: 1\nmilestone: greet\nsteps:\n  - name: anything\n    http: {request: {path: /healthz}, expect: {status: 200}}\n"
	altered["templates/hello/checks/greet.yaml"] = altered["checks/greet.yaml"]
	altered["project.yaml"] = "format: 1\nid: hello\nstacks: {go: {run: true, health: /}}\n"
	altered[".waymark.yaml"] = "format: 1\nproject: hello\nstack: go\nrun: true\n"
	urls := map[string]string{
		"ada": repo("ada", helloProject("", greetOK)),
		"bob": repo("bob", helloProject("", greetStub)),
		"cy":  repo("cy", helloProject("undefinedThing()", greetOK)),
		"dee": repo("dee", helloProject(fmt.Sprintf("_ = os.WriteFile(%q, []byte(fmt.Sprint(os.Getpid())), 0o644)\n\tfor {\n\t\ttime.Sleep(time.Second)\n\t}",
			filepath.Join(dir, "dee.pid")), greetOK)),
		"eve": "file://" + filepath.ToSlash(filepath.Join(dir, "repos", "nobody-here")),
		"fay": repo("fay", altered),
	}
	var b strings.Builder
	b.WriteString("format: 1\ncurriculum: ./course\nlearners:\n")
	for _, id := range []string{"ada", "bob", "cy", "dee", "eve", "fay"} {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    progress: {path: progress/%s.yaml}\n    projects:\n      - {project: hello, stack: go, git: %q}\n",
			id, strings.ToUpper(id[:1])+id[1:], id, urls[id])
	}
	file := filepath.Join(dir, "class.yaml")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := LoadRoster(file)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
