package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/iostreams"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/tui"
)

const demoManifest = `format: 1
id: demo
title: Demo service
summary: A tiny service for tests.
difficulty: beginner
version: 1.0.0
stacks:
  go:
    run: go run .
    port_env: PORT
    health: /healthz
    module: example.org/ref/demo/go
    solution_only:
      secret.go: auth
  node:
    run: node server.js
    port_env: PORT
    health: /healthz
milestones:
  - id: boot
    title: It starts
    hint: Answer /healthz.
  - id: auth
    title: Accounts
    hint: Register and log in.
`

// newFixture writes a curriculum folder holding one two-stack project and
// returns a factory using it, with progress in a temporary file.
func newFixture(t *testing.T) (f *Factory, root string, out, errOut *bytes.Buffer) {
	t.Helper()
	root = t.TempDir()
	files := map[string]string{
		"templates/demo/project.yaml":      demoManifest,
		"templates/demo/go/go.mod.tmpl":    "module [[ .Module ]]\n\ngo 1.22\n",
		"templates/demo/go/main.go":        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\t// waymark:begin solution auth\n\tfmt.Println(\"solution code here\")\n\t// waymark:end\n}\n",
		"templates/demo/go/secret.go":      "package main\n",
		"templates/demo/go/Makefile":       "run:\n\tgo run .\n",
		"templates/demo/node/server.js":    "// a server\n",
		"templates/demo/node/package.json": "{}\n",
	}
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		mustT(t, os.MkdirAll(filepath.Dir(p), 0o755))
		mustT(t, os.WriteFile(p, []byte(body), 0o644))
	}
	io, _, out, errOut := iostreams.Test()
	home := filepath.Join(root, "home")
	env := map[string]string{"HOME": home}
	f = NewFactory(io, func(k string) string { return env[k] }, func() time.Time { return time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC) })
	f.CurriculumFlag = root
	f.ProgressFlag = filepath.Join(root, "progress.yaml")
	return f, root, out, errOut
}

func mustT(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestNewCmdFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    NewOptions
		wantErr string
	}{
		{args: []string{"tasks"}, want: NewOptions{Project: "tasks"}},
		{args: []string{"tasks", "here", "--stack", "go", "--solution", "--no-git", "--force", "--json"},
			want: NewOptions{Project: "tasks", Dir: "here", Stack: "go", Solution: true, NoGit: true, Force: true, JSON: true}},
		{args: []string{"tasks", "--through", "auth", "--module", "github.com/a/b", "--name", "n", "--dry-run"},
			want: NewOptions{Project: "tasks", Through: "auth", Module: "github.com/a/b", Name: "n", DryRun: true}},
		{args: []string{"tasks", "--solution", "--through", "auth"}, wantErr: "use one of them"},
		{args: []string{}, wantErr: "needs a project id"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			io, _, _, _ := iostreams.Test()
			f := NewFactory(io, func(string) string { return "" }, time.Now)
			var got *NewOptions
			cmd := NewCmdNew(f, func(o *NewOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(io.Out)
			cmd.SetErr(io.ErrOut)
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.F, got.Ctx = nil, nil
			if *got != tt.want {
				t.Errorf("got %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func TestNewRun(t *testing.T) {
	f, root, out, errOut := newFixture(t)
	dir := filepath.Join(root, "work", "demo")
	err := newRun(&NewOptions{F: f, Project: "demo", Dir: dir, Stack: "go", Module: "github.com/me/demo"})
	if err != nil {
		t.Fatalf("%v\nstderr: %s", err, errOut)
	}
	for _, want := range []string{"✓ Created demo (go, starter) in " + dir + " — 4 files, first commit ", "cd " + dir, "make run", "make test", "waymark check"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut.String(), `git config --global user.name "Your Name"`) {
		t.Errorf("no fallback tip on stderr: %q", errOut)
	}
	main, err := os.ReadFile(filepath.Join(dir, "main.go"))
	mustT(t, err)
	if strings.Contains(string(main), "solution code") {
		t.Errorf("starter holds the solution:\n%s", main)
	}
	if _, err := os.Stat(filepath.Join(dir, "secret.go")); !os.IsNotExist(err) {
		t.Errorf("solution-only file written: %v", err)
	}
	p, err := progress.Open(f.ProgressFlag).Load()
	mustT(t, err)
	rec := p.Folder("demo", dir)
	if rec == nil || rec.Dir != dir || rec.Stack != "go" || rec.Mode != "starter" || rec.Created.IsZero() {
		t.Errorf("progress record = %+v", rec)
	}

	// The same folder again is refused, with what to do.
	err = newRun(&NewOptions{F: f, Project: "demo", Dir: dir, Stack: "go"})
	var usage *UsageError
	if !errors.As(err, &usage) || !strings.Contains(err.Error(), "--force") {
		t.Errorf("err = %v", err)
	}
}

func TestNewRunStackChoice(t *testing.T) {
	f, root, out, _ := newFixture(t)
	err := newRun(&NewOptions{F: f, Project: "demo", Dir: filepath.Join(root, "a")})
	var usage *UsageError
	if !errors.As(err, &usage) || !strings.Contains(err.Error(), "--stack is required: project demo has stacks go, node") {
		t.Fatalf("without a terminal: err = %v", err)
	}

	f.IO.SetTTY(true)
	f.IO.In = strings.NewReader("ruby\nnode\n")
	dir := filepath.Join(root, "b")
	if err := newRun(&NewOptions{F: f, Project: "demo", Dir: dir, NoGit: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "server.js")); err != nil {
		t.Errorf("node stack not generated: %v", err)
	}
	if !strings.Contains(out.String(), "waymark new demo "+dir+" --stack node --no-git") {
		t.Errorf("no equivalent command:\n%s", out)
	}
}

func TestNewRunDryRunJSON(t *testing.T) {
	f, root, out, _ := newFixture(t)
	dir := filepath.Join(root, "demo")
	if err := newRun(&NewOptions{F: f, Project: "demo", Dir: dir, Stack: "go", Through: "auth", DryRun: true, JSON: true}); err != nil {
		t.Fatal(err)
	}
	var res newResult
	mustT(t, json.Unmarshal(out.Bytes(), &res))
	want := []string{".waymark.yaml", "Makefile", "go.mod", "main.go", "secret.go"}
	if strings.Join(res.Files, ",") != strings.Join(want, ",") || res.Mode != "through:auth" || !res.DryRun || res.Module != "example.com/demo" {
		t.Errorf("result = %+v", res)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Error("dry run wrote the folder")
	}
	if _, err := os.Stat(f.ProgressFlag); !os.IsNotExist(err) {
		t.Error("dry run recorded progress")
	}
}

func TestNewRunDryRunTree(t *testing.T) {
	f, root, out, _ := newFixture(t)
	mustT(t, os.MkdirAll(filepath.Join(root, "templates/demo/go/internal/db"), 0o755))
	mustT(t, os.WriteFile(filepath.Join(root, "templates/demo/go/internal/db/db.go"), []byte("package db\n"), 0o644))
	if err := newRun(&NewOptions{F: f, Project: "demo", Dir: filepath.Join(root, "x"), Stack: "go", DryRun: true}); err != nil {
		t.Fatal(err)
	}
	want := "  .waymark.yaml\n  Makefile\n  go.mod\n  internal/\n    db/\n      db.go\n  main.go\n"
	if !strings.Contains(out.String(), want) {
		t.Errorf("tree:\n%s\nwant:\n%s", out, want)
	}
}

func TestNewRunErrors(t *testing.T) {
	tests := []struct {
		opts NewOptions
		want string
	}{
		{NewOptions{Project: "dmeo", Stack: "go"}, `no project "dmeo" — did you mean "demo"?`},
		{NewOptions{Project: "zzzzzzzz", Stack: "go"}, "`waymark projects` lists them (demo)"},
		{NewOptions{Project: "demo", Stack: "ruby"}, `project demo has no stack "ruby": choose --stack go or node`},
		{NewOptions{Project: "demo", Stack: "go", Through: "deploy"}, `no milestone "deploy": --through takes one of boot, auth`},
		{NewOptions{Project: "demo", Stack: "go", Module: "not a module"}, `--module: invalid module path "not a module"`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			f, root, _, _ := newFixture(t)
			tt.opts.F = f
			tt.opts.Dir = filepath.Join(root, "out")
			err := newRun(&tt.opts)
			var usage *UsageError
			if !errors.As(err, &usage) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want usage error %q", err, tt.want)
			}
			if _, err := os.Stat(tt.opts.Dir); !os.IsNotExist(err) {
				t.Error("folder written")
			}
		})
	}
}

func TestNewViaMain(t *testing.T) {
	f, root, out, errOut := newFixture(t)
	dir := filepath.Join(root, "via-main")
	code := Run(context.Background(), f, []string{"--curriculum", root, "--progress", f.ProgressFlag, "new", "demo", dir, "--stack", "go", "--solution", "--no-git"})
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out.String(), "Created demo (go, solution)") {
		t.Errorf("stdout:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "secret.go")); err != nil {
		t.Error("solution lacks its solution-only file")
	}
}

func TestEquivalentCommand(t *testing.T) {
	got := equivalentCommand(&NewOptions{Project: "tasks", Stack: "go", Through: "auth", Module: "github.com/a/b", Name: "my app", Force: true}, "my dir")
	want := `waymark new tasks 'my dir' --stack go --through auth --module github.com/a/b --name 'my app' --force`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// The TUI's form runs the same operation as waymark new: it records the
// folder in progress.
func TestScaffoldFuncRecordsLikeNew(t *testing.T) {
	f, root, _, _ := newFixture(t)
	tmpl, err := f.Templates()
	mustT(t, err)
	p, err := loadProject(tmpl, "demo")
	mustT(t, err)
	dir := filepath.Join(root, "out", "demo")
	res, err := scaffoldFunc(f, tmpl)(context.Background(), tui.ScaffoldRequest{Project: p, Stack: "go", Dir: dir, Solution: true})
	mustT(t, err)
	prog, err := progress.Open(f.ProgressFlag).Load()
	mustT(t, err)
	if rec := prog.Folder("demo", res.Dir); rec == nil || rec.Mode != "solution" || rec.Stack != "go" {
		t.Fatalf("record %+v in %+v", rec, prog.Projects)
	}
}
