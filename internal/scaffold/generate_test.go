package scaffold

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/go-git/go-git/v5"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/gitrepo"
)

const demoModule = "github.com/waymark-dev/waymark/templates/demo/go"

var (
	testNow    = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	testAuthor = gitrepo.Author{Name: "Ada Lovelace", Email: "ada@example.com"}
)

func demoProject() *curriculum.Project {
	return &curriculum.Project{
		Format: 1, ID: "demo", Title: "Demo", Summary: "A demo.", Difficulty: "beginner", Version: "1.2.0",
		Stacks: map[string]*curriculum.Stack{"go": {
			Run: "go run .", PortEnv: "PORT", Health: "/healthz", Module: demoModule,
			CheckEnv:     map[string]string{"DATABASE_URL": "sqlite://${tmpdir}/check.db"},
			SolutionOnly: map[string]string{"internal/auth/": "auth", "docs/tokens.md": "tasks"},
		}},
		Milestones: []curriculum.Milestone{
			{ID: "boot", Title: "Boot", Hint: "h"}, {ID: "auth", Title: "Auth", Hint: "h"}, {ID: "tasks", Title: "Tasks", Hint: "h"},
		},
	}
}

func demoFS() fstest.MapFS {
	f := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: 0o444} }
	return fstest.MapFS{
		"demo/project.yaml":   f("format: 1\n"),
		"demo/go/go.mod.tmpl": f("module [[ .Module ]]\n\ngo 1.22\n"),
		"demo/go/main.go": f(`package main

import (
	"fmt"
	"os"

	"` + demoModule + `/internal/store"
)

func main() {
	fmt.Println(store.Count())
	// waymark:begin solution tasks
	if len(os.Args) > 1 {
		fmt.Println("listing every task for the user")
	}
	// waymark:end
}
`),
		"demo/go/internal/store/store.go": f(`package store

import "strings"

// Count counts.
func Count() int {
	// waymark:begin solution boot
	return strings.Count("a,b,c", ",")
	// waymark:stub
	// return 0
	// waymark:end
}
`),
		"demo/go/internal/auth/auth.go":    f("package auth\n\n// Secret is only in the solution.\nconst Secret = \"solution only\"\n"),
		"demo/go/docs/tokens.md":           f("# Tokens\n"),
		"demo/go/scripts/dev.sh":           f("echo dev\n"),
		"demo/go/bin/tool":                 f("#!/bin/sh\necho tool\n"),
		"demo/go/README.md.tmpl":           f("# [[ .Name ]] ([[ .Project.Title ]], [[ .Mode ]], [[ .Project ]])\n\n    go get " + demoModule + "\n"),
		"demo/go/.github/workflows/ci.yml": f("run: echo ${{ matrix.go }}\n"),
		"demo/go/.gitignore":               f("*.db\n"),
		"demo/go/logo.png":                 f("\x89PNG\x00\x00" + demoModule),
	}
}

func generate(t *testing.T, fsys fs.FS, opts Options) (*Result, error) {
	t.Helper()
	if opts.Project == nil {
		opts.Project = demoProject()
	}
	if opts.Stack == "" {
		opts.Stack = "go"
	}
	opts.Author, opts.Now, opts.WaymarkVersion = testAuthor, testNow, "v0.1.0"
	return Generate(context.Background(), fsys, opts)
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestGenerateStarter(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-tasks")
	res, err := generate(t, demoFS(), Options{Dir: dir, Module: "github.com/ada/tasks"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		".github/workflows/ci.yml", ".gitignore", ".waymark.yaml", "README.md", "bin/tool",
		"go.mod", "internal/store/store.go", "logo.png", "main.go", "scripts/dev.sh",
	}
	if !slices.Equal(res.Files, want) {
		t.Errorf("files:\n%v\nwant:\n%v", res.Files, want)
	}
	if res.Dir != dir || res.Name != "my-tasks" || res.Module != "github.com/ada/tasks" {
		t.Errorf("result = %+v", res)
	}
	if got := read(t, dir, "go.mod"); got != "module github.com/ada/tasks\n\ngo 1.22\n" {
		t.Errorf("go.mod = %q", got)
	}
	main := read(t, dir, "main.go")
	if !strings.Contains(main, `"github.com/ada/tasks/internal/store"`) || strings.Contains(main, `"os"`) || strings.Contains(main, "listing every task") {
		t.Errorf("main.go not stripped or rewritten:\n%s", main)
	}
	if got := read(t, dir, "README.md"); got != "# my-tasks (Demo, starter, demo)\n\n    go get github.com/ada/tasks\n" {
		t.Errorf("README.md = %q", got)
	}
	if got := read(t, dir, ".github/workflows/ci.yml"); got != "run: echo ${{ matrix.go }}\n" {
		t.Errorf("ci.yml = %q", got)
	}
	if got := read(t, dir, "logo.png"); got != "\x89PNG\x00\x00"+demoModule {
		t.Errorf("binary file changed: %q", got)
	}
	for name, mode := range map[string]fs.FileMode{"scripts/dev.sh": 0o755, "bin/tool": 0o755, "main.go": 0o644} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o111 != mode&0o111 {
			t.Errorf("%s mode = %v, want %v", name, fi.Mode(), mode)
		}
	}
	prov, err := ReadProvenance(dir)
	if err != nil {
		t.Fatal(err)
	}
	if prov.Project != "demo" || prov.Stack != "go" || prov.Mode != "starter" || prov.TemplateVersion != "1.2.0" ||
		prov.WaymarkVersion != "v0.1.0" || prov.Run != "go run ." || prov.Health != "/healthz" || prov.PortEnv != "PORT" ||
		prov.Answers["module"] != "github.com/ada/tasks" || prov.CheckEnv["DATABASE_URL"] == "" {
		t.Errorf("provenance = %+v", prov)
	}

	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	head, err := repo.Head()
	if err != nil || head.Name().Short() != "main" || head.Hash().String() != res.Commit {
		t.Fatalf("HEAD = %v, %v; commit %s", head, err, res.Commit)
	}
	c, _ := repo.CommitObject(head.Hash())
	if c.Message != "Initial commit from waymark demo (go, starter)" || c.Author.Email != "ada@example.com" {
		t.Errorf("commit = %q by %v", c.Message, c.Author)
	}
	wt, _ := repo.Worktree()
	if st, _ := wt.Status(); !st.IsClean() {
		t.Errorf("worktree not clean:\n%v", st)
	}
	assertNoLeftovers(t, filepath.Dir(dir), "my-tasks")

	// Same inputs, same commit: golden files and tests can rely on it.
	dir2 := filepath.Join(t.TempDir(), "my-tasks")
	res2, err := generate(t, demoFS(), Options{Dir: dir2, Module: "github.com/ada/tasks"})
	if err != nil {
		t.Fatal(err)
	}
	if res2.Commit != res.Commit {
		t.Errorf("commit hash not reproducible: %s vs %s", res.Commit, res2.Commit)
	}
}

func TestGenerateModes(t *testing.T) {
	tests := []struct {
		mode     Mode
		has, not []string
	}{
		{Starter(), nil, []string{"internal/auth/auth.go", "docs/tokens.md"}},
		{Through("auth"), []string{"internal/auth/auth.go"}, []string{"docs/tokens.md"}},
		{Solution(), []string{"internal/auth/auth.go", "docs/tokens.md"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.mode.String(), func(t *testing.T) {
			res, err := generate(t, demoFS(), Options{Dir: filepath.Join(t.TempDir(), "x"), Mode: tt.mode, NoGit: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range tt.has {
				if !slices.Contains(res.Files, f) {
					t.Errorf("%s missing", f)
				}
			}
			for _, f := range tt.not {
				if slices.Contains(res.Files, f) {
					t.Errorf("%s present", f)
				}
			}
			if _, err := os.Stat(filepath.Join(res.Dir, ".git")); err == nil {
				t.Error("--no-git made a repository")
			}
			store := read(t, res.Dir, "internal/store/store.go")
			if tt.mode.String() == "starter" {
				if !strings.Contains(store, "return 0") || strings.Contains(store, `"strings"`) {
					t.Errorf("starter store.go:\n%s", store)
				}
			} else if !strings.Contains(store, `strings.Count("a,b,c", ",")`) || strings.Contains(store, "waymark:") {
				t.Errorf("%s store.go:\n%s", tt.mode, store)
			}
			if prov, _ := ReadProvenance(res.Dir); prov.Mode != tt.mode.String() {
				t.Errorf("provenance mode %q", prov.Mode)
			}
			buildGo(t, res.Dir)
		})
	}
}

// buildGo builds a generated Go project, proving the starter compiles.
func buildGo(t *testing.T, dir string) {
	t.Helper()
	if testing.Short() {
		return
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		return
	}
	cmd := exec.Command(goBin, "vet", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go vet ./... in the generated project: %v\n%s", err, out)
	}
}

func TestGenerateDryRun(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "nested", "demo")
	res, err := generate(t, demoFS(), Options{Dir: dir, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) == 0 || res.Commit != "" || res.Module != "example.com/demo" {
		t.Errorf("result = %+v", res)
	}
	assertEmpty(t, parent)

	files, err := Files(context.Background(), demoFS(), demoProject(), "go", Solution())
	if err != nil || !slices.Contains(files, "docs/tokens.md") {
		t.Errorf("Files = %v, %v", files, err)
	}
}

func TestGenerateMakesParents(t *testing.T) {
	parent := t.TempDir()
	if _, err := generate(t, demoFS(), Options{Dir: filepath.Join(parent, "a", "b", "demo"), NoGit: true}); err != nil {
		t.Fatal(err)
	}
	// A failure removes the parents it made.
	bad := demoFS()
	bad["demo/go/broken.yaml"] = &fstest.MapFile{Data: []byte("# waymark:begin solution auth\n")}
	if _, err := generate(t, bad, Options{Dir: filepath.Join(parent, "c", "d", "demo")}); err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Stat(filepath.Join(parent, "c")); !os.IsNotExist(err) {
		t.Errorf("parent left behind: %v", err)
	}
}

func TestGenerateRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644))
	_, err := generate(t, demoFS(), Options{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "is not empty") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("err = %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("target touched: %v", entries)
	}
	assertNoLeftovers(t, filepath.Dir(dir), filepath.Base(dir))

	// An empty folder is fine.
	empty := t.TempDir()
	if _, err := generate(t, demoFS(), Options{Dir: empty}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(empty, ".git")); err != nil {
		t.Error(err)
	}
}

func TestGenerateForce(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte("old"), 0o644))
	must(t, os.MkdirAll(filepath.Join(dir, "internal", "mine"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "internal", "mine", "x.go"), []byte("package mine"), 0o644))

	res, err := generate(t, demoFS(), Options{Dir: dir, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if read(t, dir, "notes.txt") != "mine" || read(t, dir, "internal/mine/x.go") != "package mine" {
		t.Error("other files not kept")
	}
	if strings.Contains(read(t, dir, "main.go"), "old") {
		t.Error("same-named file not replaced")
	}
	if res.Commit == "" {
		t.Error("no commit")
	}
	assertNoLeftovers(t, filepath.Dir(dir), filepath.Base(dir))

	// Into an existing repository: files replaced, history untouched.
	res, err = generate(t, demoFS(), Options{Dir: dir, Force: true, Mode: Solution()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Commit != "" || res.GitSkipped == "" {
		t.Errorf("result = %+v", res)
	}
	repo, _ := git.PlainOpen(dir)
	wt, _ := repo.Worktree()
	if st, _ := wt.Status(); st.IsClean() {
		t.Error("solution files should be left uncommitted")
	}
}

// badFS adds directory entries that a well-behaved fs.FS would never list.
type badFS struct {
	fstest.MapFS
	dir   string
	entry fs.DirEntry
}

func (b badFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := b.MapFS.ReadDir(name)
	if name == b.dir {
		entries = append(entries, b.entry)
	}
	return entries, err
}

type fakeEntry struct {
	name string
	mode fs.FileMode
}

func (e fakeEntry) Name() string               { return e.name }
func (e fakeEntry) IsDir() bool                { return e.mode.IsDir() }
func (e fakeEntry) Type() fs.FileMode          { return e.mode.Type() }
func (e fakeEntry) Info() (fs.FileInfo, error) { return nil, fs.ErrNotExist }

func TestGenerateBadTemplates(t *testing.T) {
	with := func(name, body string) fs.FS {
		m := demoFS()
		m["demo/go/"+name] = &fstest.MapFile{Data: []byte(body)}
		return m
	}
	symlinked := func() fs.FS {
		root := t.TempDir()
		must(t, os.MkdirAll(filepath.Join(root, "demo", "go"), 0o755))
		must(t, os.WriteFile(filepath.Join(root, "demo", "go", "main.go"), []byte("package main\n"), 0o644))
		must(t, os.Symlink("/etc/passwd", filepath.Join(root, "demo", "go", "passwd")))
		return os.DirFS(root)
	}
	symlinkedStack := func() fs.FS {
		root := t.TempDir()
		must(t, os.MkdirAll(filepath.Join(root, "elsewhere"), 0o755))
		must(t, os.MkdirAll(filepath.Join(root, "demo"), 0o755))
		must(t, os.Symlink(filepath.Join(root, "elsewhere"), filepath.Join(root, "demo", "go")))
		return os.DirFS(root)
	}
	big := demoFS()
	big["demo/go/huge.txt"] = &fstest.MapFile{Data: make([]byte, MaxFileSize+1)}

	tests := []struct {
		name string
		fsys fs.FS
		want string
	}{
		{"dot-dot entry", badFS{demoFS(), "demo/go", fakeEntry{"..", 0}}, "a path with .."},
		{"dot-dot in name", badFS{demoFS(), "demo/go", fakeEntry{"../../evil", 0}}, "a path with .."},
		{"absolute entry", badFS{demoFS(), "demo/go/internal", fakeEntry{"/etc/cron.d/x", 0}}, "absolute path"},
		{"symlink", symlinked(), "demo/go/passwd is a symbolic link"},
		{"symlinked stack", symlinkedStack(), "demo/go is a symbolic link"},
		{"unbalanced marker", with("x.go", "package main\n\n// waymark:begin solution auth\nvar x = 1\n"), "demo/go/x.go:3: waymark:begin is never closed"},
		{"unknown marker", with("Makefile", "all:\n\t# waymark:start\n"), `demo/go/Makefile:2: unknown marker "waymark:start"`},
		{"unknown milestone", with("schema.sql", "-- waymark:begin solution billing\n-- waymark:end\n"), `demo/go/schema.sql:1: unknown milestone "billing"`},
		{"bad template action", with("x.txt.tmpl", "[[ .Nope ]]\n"), "can't evaluate field Nope"},
		{"clash with rendered", with("go.mod", "module x\n"), "both produce go.mod"},
		{"provenance in template", with(".waymark.yaml", "x: 1\n"), "both produce .waymark.yaml"},
		{"too big", big, "over the 4194304-byte limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "demo")
			_, err := generate(t, tt.fsys, Options{Dir: dir})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			assertEmpty(t, parent)
		})
	}
}

func TestGenerateBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"unknown stack", Options{Stack: "cobol"}, `no stack "cobol" (stacks: go)`},
		{"unknown through", Options{Mode: Through("deploy")}, `no milestone "deploy" (milestones: boot, auth, tasks)`},
		{"bad module", Options{Module: "Not A Module"}, `invalid module path "Not A Module"`},
		{"extra outside", Options{Extra: map[string][]byte{"../README.md": nil}}, `extra file "../README.md": the path must be relative`},
		{"extra clash", Options{Extra: map[string][]byte{"go.mod": nil}}, "both produce go.mod"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			tt.opts.Dir = filepath.Join(parent, "demo")
			_, err := generate(t, demoFS(), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			assertEmpty(t, parent)
		})
	}
}

// TestGenerateExerciseWorkspace: an exercise's workspace is the same
// engine's output with its kind recorded and its prompt added.
func TestGenerateExerciseWorkspace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	res, err := generate(t, demoFS(), Options{Dir: dir, NoGit: true, Kind: KindExercise,
		Extra: map[string][]byte{"PROMPT.md": []byte("# Build it\n")}})
	must(t, err)
	if !slices.Contains(res.Files, "PROMPT.md") || read(t, dir, "PROMPT.md") != "# Build it\n" {
		t.Errorf("the extra file is missing: %v", res.Files)
	}
	prov, err := ReadProvenance(dir)
	must(t, err)
	if prov.Kind != KindExercise || prov.Project != "demo" {
		t.Errorf("provenance %+v", prov)
	}
	if head := read(t, dir, ProvenanceFile); !strings.HasPrefix(head, "# Written by `waymark practice`") {
		t.Errorf(".waymark.yaml starts %q", strings.SplitN(head, "\n", 2)[0])
	}
	// A project's provenance has no kind at all, so older files stay valid.
	pdir := filepath.Join(t.TempDir(), "demo")
	_, err = generate(t, demoFS(), Options{Dir: pdir, NoGit: true})
	must(t, err)
	if strings.Contains(read(t, pdir, ProvenanceFile), "kind:") {
		t.Error("a project's .waymark.yaml names a kind")
	}
}

func TestReadProvenanceRefusesUnknownKind(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, ProvenanceFile), []byte("format: 1\nkind: kata\nproject: x\n"), 0o644))
	_, err := ReadProvenance(dir)
	if err == nil || !strings.Contains(err.Error(), `.waymark.yaml:2:7: kind "kata" is not one waymark writes`) {
		t.Errorf("err = %v", err)
	}
}

func TestGenerateCancelled(t *testing.T) {
	parent := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Generate(ctx, demoFS(), Options{Project: demoProject(), Stack: "go", Dir: filepath.Join(parent, "demo")})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	assertEmpty(t, parent)
}

func TestDefaultModule(t *testing.T) {
	for name, want := range map[string]string{
		"tasks": "example.com/tasks", "My Tasks": "example.com/my-tasks", "..": "example.com/project", "ünï": "example.com/n", "a b/c": "example.com/a-b-c",
	} {
		got := DefaultModule(name)
		if got != want {
			t.Errorf("DefaultModule(%q) = %q, want %q", name, got, want)
		}
		if err := CheckModule(got); err != nil {
			t.Errorf("DefaultModule(%q) invalid: %v", name, err)
		}
	}
}

func TestRewriteModule(t *testing.T) {
	in := `import "a.com/m/go/x"` + "\nmodule a.com/m/go\nsee a.com/m/go.\nnot a.com/m/gopher or a.com/m/go.v2\n"
	want := `import "b.org/n/x"` + "\nmodule b.org/n\nsee b.org/n.\nnot a.com/m/gopher or a.com/m/go.v2\n"
	if got := string(rewriteModule([]byte(in), "a.com/m/go", "b.org/n")); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("%s should be empty, holds %v", dir, names)
	}
}

// assertNoLeftovers checks that no temporary folder stayed beside the target.
func assertNoLeftovers(t *testing.T, parent, base string) {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+base+".waymark-") {
			t.Errorf("temporary folder left behind: %s", e.Name())
		}
	}
}
