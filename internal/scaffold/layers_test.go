package scaffold

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// layeredProject is demoProject with a second stack, python, that has no
// module and takes the Go stack's web client through stacks.python.shared.
func layeredProject() *curriculum.Project {
	p := demoProject()
	p.Stacks["python"] = &curriculum.Stack{
		Run: "python -m app", PortEnv: "PORT", Health: "/healthz",
		Shared: map[string]string{
			"app/static/": "go/web/", "app/migrations/": "_shared/migrations/",
			"openapi.yaml": "go/api/openapi.yaml", "docs/README.md": "_shared/docs/guide.md.tmpl",
		},
		SolutionOnly: map[string]string{"app/ratelimit.py": "auth", "app/static/chat.js": "tasks"},
	}
	p.Stacks["go"].SolutionOnly["internal/limit/"] = "auth"
	p.Stacks["go"].Shared = map[string]string{"db/migrations/": "_shared/migrations/"}
	return p
}

func layeredFS() fstest.MapFS {
	f := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: 0o444} }
	m := demoFS()
	// Every Go project's files.
	m["_shared/go/.editorconfig"] = f("root = true\n")
	m["_shared/go/internal/limit/limit.go"] = f(`package limit

import "` + demoModule + `/internal/store"

// Allow says whether another request may pass.
func Allow() bool {
	// waymark:begin solution auth
	return store.Count() < 10
	// waymark:stub
	// return true
	// waymark:end
}
`)
	m["_shared/go/NOTICE.tmpl"] = f("[[ .Name ]] uses [[ .Stack ]]\n")
	// Every Python project's files.
	m["_shared/python/.editorconfig"] = f("root = true\n[*.py]\nindent_size = 4\n")
	m["_shared/python/app/ratelimit.py"] = f("# Token buckets.\nLIMIT = 10\n")
	// Every stack of the demo project.
	m["demo/_shared/deploy/nginx.conf"] = f("# waymark:begin solution tasks\nlocation /tasks {}\n# waymark:end\n")
	m["demo/_shared/migrations/0001_init.sql"] = f("CREATE TABLE t (id INTEGER);\n")
	// The Go stack keeps the web client its go:embed needs; python maps it.
	m["demo/go/web/chat.js"] = f("// The chat client.\nconnect();\n")
	m["demo/go/web/index.html"] = f("<!doctype html>\n")
	m["demo/go/api/openapi.yaml"] = f("openapi: 3.1.0\n")
	m["demo/_shared/docs/guide.md.tmpl"] = f("# [[ .Name ]] in [[ .Stack ]]\n")
	m["demo/python/app/__main__.py"] = f("print('hello')\n")
	return m
}

func TestLayersGoStack(t *testing.T) {
	fsys := layeredFS()
	p := layeredProject()
	for _, tt := range []struct {
		mode  Mode
		limit string // limit.go's body, "" when the file is left out
		nginx string
	}{
		{Starter(), "", "# TODO(tasks): not implemented yet\n"},
		{Through("auth"), "return store.Count() < 10", "# TODO(tasks): not implemented yet\n"},
		{Solution(), "return store.Count() < 10", "location /tasks {}\n"},
	} {
		t.Run(tt.mode.String(), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "my-demo")
			res, err := generate(t, fsys, Options{Project: p, Dir: dir, Mode: tt.mode, Module: "github.com/ada/demo", NoGit: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{".editorconfig", "NOTICE", "deploy/nginx.conf", "db/migrations/0001_init.sql", "docs/guide.md", "web/chat.js", "main.go"} {
				if !slices.Contains(res.Files, f) {
					t.Errorf("%s missing from %v", f, res.Files)
				}
			}
			for _, f := range []string{"NOTICE.tmpl", "app/ratelimit.py", "migrations/0001_init.sql", "app/static/chat.js"} {
				if slices.Contains(res.Files, f) {
					t.Errorf("%s should not be in the Go project", f)
				}
			}
			if got := read(t, dir, "NOTICE"); got != "my-demo uses go\n" {
				t.Errorf("a shared .tmpl is rendered: NOTICE = %q", got)
			}
			if got := read(t, dir, "deploy/nginx.conf"); got != tt.nginx {
				t.Errorf("markers in a project-shared file: nginx.conf = %q, want %q", got, tt.nginx)
			}
			if tt.limit == "" {
				if slices.Contains(res.Files, "internal/limit/limit.go") {
					t.Error("solution_only internal/limit/ is in the starter")
				}
				return
			}
			limit := read(t, dir, "internal/limit/limit.go")
			if !strings.Contains(limit, tt.limit) || strings.Contains(limit, "waymark:") || !strings.Contains(limit, `"github.com/ada/demo/internal/store"`) {
				t.Errorf("a shared Go file is stripped and its module path rewritten like the stack's own:\n%s", limit)
			}
			buildGo(t, dir)
		})
	}
}

func TestLayersMappedAndOtherStack(t *testing.T) {
	fsys := layeredFS()
	p := layeredProject()
	dir := filepath.Join(t.TempDir(), "demo")
	res, err := generate(t, fsys, Options{Project: p, Stack: "python", Dir: dir, NoGit: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		".editorconfig", ".waymark.yaml", "app/__main__.py", "app/migrations/0001_init.sql",
		"app/static/index.html", "deploy/nginx.conf", "docs/README.md", "openapi.yaml",
	}
	if !slices.Equal(res.Files, want) {
		t.Errorf("starter files:\n%v\nwant:\n%v", res.Files, want)
	}
	if got := read(t, dir, ".editorconfig"); !strings.Contains(got, "indent_size = 4") {
		t.Errorf("_shared/python is not python's: %q", got)
	}
	if got := read(t, dir, "docs/README.md"); got != "# demo in python\n" {
		t.Errorf("a mapped .tmpl file is rendered: docs/README.md = %q", got)
	}
	if got := read(t, dir, "openapi.yaml"); got != "openapi: 3.1.0\n" {
		t.Errorf("mapped file: openapi.yaml = %q", got)
	}

	res, err = generate(t, fsys, Options{Project: p, Stack: "python", Dir: filepath.Join(t.TempDir(), "demo"), Mode: Solution(), NoGit: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"app/ratelimit.py", "app/static/chat.js"} {
		if !slices.Contains(res.Files, f) {
			t.Errorf("solution_only %s (a shared and a mapped path) missing from the solution: %v", f, res.Files)
		}
	}
	for _, f := range []string{"migrations/0001_init.sql", "docs/guide.md"} {
		if slices.Contains(res.Files, f) {
			t.Errorf("%s: a mapped part of _shared/ is also placed at its own path", f)
		}
	}
	if got := read(t, res.Dir, "app/static/chat.js"); got != "// The chat client.\nconnect();\n" {
		t.Errorf("mapped file = %q", got)
	}
}

func TestLayersWholeSharedMapped(t *testing.T) {
	p := layeredProject()
	p.Stacks["python"].Shared = map[string]string{"ops/": "_shared/"}
	p.Stacks["python"].SolutionOnly = nil
	res, err := generate(t, layeredFS(), Options{Project: p, Stack: "python", Dir: filepath.Join(t.TempDir(), "demo"), DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(res.Files, "ops/deploy/nginx.conf") || slices.Contains(res.Files, "deploy/nginx.conf") {
		t.Errorf("_shared/ mapped to ops/ should be under ops/ only: %v", res.Files)
	}
}

func TestLayersOverrides(t *testing.T) {
	fsys := layeredFS()
	fsys["_shared/go/main.go"] = &fstest.MapFile{Data: []byte("package main\n\nfunc main() {}\n")}
	p := layeredProject()

	_, err := generate(t, fsys, Options{Project: p, Dir: filepath.Join(t.TempDir(), "demo"), DryRun: true})
	for _, want := range []string{"template _shared/go/main.go and demo/go/main.go both produce main.go", "stacks.go.overrides in demo/project.yaml"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("a stack file over a shared one without overrides: err = %v, want %q", err, want)
		}
	}

	p.Stacks["go"].Overrides = []string{"main.go"}
	dir := filepath.Join(t.TempDir(), "demo")
	if _, err := generate(t, fsys, Options{Project: p, Dir: dir, NoGit: true}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, dir, "main.go"); !strings.Contains(got, "store.Count()") {
		t.Errorf("the override is not the stack's own main.go:\n%s", got)
	}
}

func TestLayersConflicts(t *testing.T) {
	f := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	tests := []struct {
		name  string
		edit  func(fstest.MapFS, *curriculum.Project)
		wants []string
	}{
		{"two shared folders", func(m fstest.MapFS, _ *curriculum.Project) {
			m["demo/_shared/.editorconfig"] = f("root = false\n")
		}, []string{"template _shared/go/.editorconfig and demo/_shared/.editorconfig both produce .editorconfig", "keep it in one shared folder"}},
		{"a file and its .tmpl in two layers", func(m fstest.MapFS, _ *curriculum.Project) {
			m["demo/go/NOTICE"] = f("plain\n")
		}, []string{"template _shared/go/NOTICE.tmpl and demo/go/NOTICE both produce NOTICE"}},
		{"mapped over shared", func(m fstest.MapFS, p *curriculum.Project) {
			p.Stacks["go"].Shared["deploy/"] = "_shared/migrations/"
			m["demo/_shared/migrations/nginx.conf"] = f("x\n")
		}, []string{"both produce deploy/nginx.conf"}},
		{"override of nothing shared", func(_ fstest.MapFS, p *curriculum.Project) {
			p.Stacks["go"].Overrides = []string{"main.go"}
		}, []string{"stacks.go.overrides lists main.go, which no shared folder provides"}},
		{"override of a file the stack lacks", func(_ fstest.MapFS, p *curriculum.Project) {
			p.Stacks["go"].Overrides = []string{".editorconfig"}
		}, []string{"stacks.go.overrides lists .editorconfig, which demo/go does not have"}},
		{"solution_only of nothing", func(_ fstest.MapFS, p *curriculum.Project) {
			p.Stacks["go"].SolutionOnly["internal/nothing.go"] = "auth"
		}, []string{"solution_only names internal/nothing.go, which is no path of the project"}},
		{"bad marker in a shared file", func(m fstest.MapFS, _ *curriculum.Project) {
			m["_shared/go/ci.yml"] = f("# waymark:begin solution billing\n# waymark:end\n")
		}, []string{`_shared/go/ci.yml:1: unknown milestone "billing"`}},
		{"shared file named .waymark.yaml", func(m fstest.MapFS, _ *curriculum.Project) {
			m["demo/_shared/.waymark.yaml"] = f("x: 1\n")
		}, []string{"both produce .waymark.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, p := layeredFS(), layeredProject()
			tt.edit(m, p)
			parent := t.TempDir()
			_, err := generate(t, m, Options{Project: p, Dir: filepath.Join(parent, "demo")})
			for _, want := range tt.wants {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("err = %v, want it to contain %q", err, want)
				}
			}
			assertEmpty(t, parent)
		})
	}
}

// TestLayersStayInside refuses shared folders and mappings that would read
// outside the templates or write outside the target, like the stack's own.
func TestLayersStayInside(t *testing.T) {
	linked := func(link, target string) fs.FS {
		root := t.TempDir()
		for name, f := range layeredFS() {
			p := filepath.Join(root, filepath.FromSlash(name))
			must(t, os.MkdirAll(filepath.Dir(p), 0o755))
			must(t, os.WriteFile(p, f.Data, 0o644))
		}
		p := filepath.Join(root, filepath.FromSlash(link))
		must(t, os.RemoveAll(p))
		must(t, os.Symlink(target, p))
		return os.DirFS(root)
	}
	mapping := func(to, from string) func(*curriculum.Project) {
		return func(p *curriculum.Project) { p.Stacks["go"].Shared = map[string]string{to: from} }
	}
	tests := []struct {
		name  string
		fsys  fs.FS
		edit  func(*curriculum.Project)
		want  string
		stack string // default go
	}{
		{"dot-dot entry in _shared/go", badFS{layeredFS(), "_shared/go", fakeEntry{"..", 0}}, nil, "a path with ..", ""},
		{"separator in a shared name", badFS{layeredFS(), "demo/_shared/deploy", fakeEntry{"../../../evil", 0}}, nil, "a path with ..", ""},
		{"absolute entry in a mapped folder", badFS{layeredFS(), "demo/go/web", fakeEntry{"/etc/cron.d/x", 0}}, nil, "absolute path", "python"},
		{"symlinked file in _shared/go", linked("_shared/go/.editorconfig", "/etc/passwd"), nil, "_shared/go/.editorconfig is a symbolic link", ""},
		{"symlinked _shared/go", linked("_shared/go", "/etc"), nil, "template folder _shared/go is a symbolic link", ""},
		{"symlinked _shared", linked("_shared", "/etc"), nil, "template folder _shared is a symbolic link", ""},
		{"symlinked project _shared", linked("demo/_shared", "/etc"), nil, "template folder demo/_shared is a symbolic link", ""},
		{"symlinked mapped folder", linked("demo/go/web", "/etc"), nil, "template folder demo/go/web is a symbolic link", "python"},
		{"mapping out of the target", layeredFS(), mapping("../up/", "_shared/migrations/"), `"../up/" must be a path of the generated project`, ""},
		{"mapping to an absolute folder", layeredFS(), mapping("/etc/", "_shared/migrations/"), `"/etc/" must be a path of the generated project`, ""},
		{"mapping from outside the project", layeredFS(), mapping("x/", "../other/go/"), `"../other/go/" must be a path inside demo/`, ""},
		{"mapping from the whole project", layeredFS(), mapping("x/", "./"), `"./" must be a path inside demo/`, ""},
		{"mapping a file to a folder", layeredFS(), mapping("x/", "_shared/migrations/0001_init.sql"), "map a folder to a folder (both ending in /) or a file to a file", ""},
		{"mapping a folder to a file", layeredFS(), mapping("x", "_shared/migrations/"), "map a folder to a folder (both ending in /) or a file to a file", ""},
		{"mapping to a .tmpl name", layeredFS(), mapping("x.tmpl", "_shared/docs/guide.md.tmpl"), "without .tmpl", ""},
		{"mapping a missing file", layeredFS(), mapping("x.sql", "_shared/migrations/0002.sql"), "there is no file demo/_shared/migrations/0002.sql", ""},
		{"mapping a folder as a file", layeredFS(), mapping("x.sql", "_shared/migrations"), "template demo/_shared/migrations is not a regular file", ""},
		{"symlinked mapped file", linked("demo/go/api/openapi.yaml", "/etc/passwd"), nil, "template demo/go/api/openapi.yaml is a symbolic link", "python"},
		{"mapping from the own folder", layeredFS(), mapping("x/", "go/web/"), `"go/web/" is in the stack's own folder`, ""},
		{"mapping from nowhere", layeredFS(), mapping("x/", "_shared/nothing/"), "there is no folder demo/_shared/nothing", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := layeredProject()
			if tt.edit != nil {
				tt.edit(p)
			}
			stack := tt.stack
			if stack == "" {
				stack = "go"
			}
			parent := t.TempDir()
			_, err := Generate(context.Background(), tt.fsys, Options{Project: p, Stack: stack, Dir: filepath.Join(parent, "demo")})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			assertEmpty(t, parent)
		})
	}
}
