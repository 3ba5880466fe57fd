package scaffold

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/go-git/go-git/v5"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/templates"
)

// builtinProjects loads the built-in templates' manifests; it skips while a
// project is still being written (no project.yaml yet).
func builtinProjects(t testing.TB) []*curriculum.Project {
	t.Helper()
	ps, err := curriculum.LoadProjects(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) == 0 {
		t.Skip("no built-in project has a project.yaml yet")
	}
	return ps
}

func builtinModes(p *curriculum.Project) []Mode {
	modes := []Mode{Starter(), Solution()}
	if len(p.Milestones) > 2 {
		modes = append(modes, Through(p.Milestones[1].ID))
	}
	return modes
}

// TestBuiltinFileListsGolden renders every built-in project, stack and mode
// and compares the file list with
// testdata/TestBuiltinFileListsGolden/<project>-<stack>-<mode>.golden.
// Run with -update after changing a template on purpose.
func TestBuiltinFileListsGolden(t *testing.T) {
	for _, p := range builtinProjects(t) {
		for _, stack := range StackNames(p) {
			for _, mode := range builtinModes(p) {
				name := fmt.Sprintf("%s-%s-%s", p.ID, stack, strings.ReplaceAll(mode.String(), ":", "-"))
				t.Run(name, func(t *testing.T) {
					files, err := Files(context.Background(), templates.FS, p, stack, mode)
					if err != nil {
						t.Fatal(err)
					}
					golden.RequireEqual(t, strings.Join(files, "\n")+"\n")
				})
			}
		}
	}
}

// TestBuiltinGoProjects generates every Go stack in every mode and proves
// the result: one commit on main with a clean tree; go vet, build and test
// pass offline; the server answers its health path on a free port and
// stops cleanly on SIGTERM.
func TestBuiltinGoProjects(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs every generated project")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go toolchain")
	}
	for _, p := range builtinProjects(t) {
		st, ok := p.Stacks["go"]
		if !ok {
			continue
		}
		for _, mode := range builtinModes(p) {
			t.Run(p.ID+"-"+mode.String(), func(t *testing.T) {
				t.Parallel()
				dir := filepath.Join(t.TempDir(), p.ID)
				res, err := Generate(context.Background(), templates.FS, Options{
					Project: p, Stack: "go", Mode: mode, Dir: dir, Module: "example.com/learner/" + p.ID,
					Author: testAuthor, Now: testNow, WaymarkVersion: "test",
				})
				if err != nil {
					t.Fatal(err)
				}
				assertOneCleanCommit(t, dir, res.Commit)
				gocmd := func(args ...string) {
					t.Helper()
					cmd := exec.Command(goBin, args...)
					cmd.Dir = dir
					cmd.Env = append(os.Environ(), "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=-mod=readonly", "CGO_ENABLED=0")
					if out, err := cmd.CombinedOutput(); err != nil {
						t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
					}
				}
				gocmd("vet", "./...")
				gocmd("test", "-count=1", "./...")
				pkg := strings.TrimPrefix(st.Run, "go run ")
				if pkg == st.Run {
					t.Fatalf("cannot build %q: the boot test knows only `go run <package>`", st.Run)
				}
				gocmd("build", "-o", "server.bin", pkg)
				bootAndStop(t, dir, filepath.Join(dir, "server.bin"), st)
			})
		}
	}
}

// TestBuiltinPythonProjects generates every Python stack in every mode and
// parses each .py file with python3: a stripped starter must still be valid
// Python. (test/projects installs the packages, then lints, tests and checks
// the starter and the solution.)
func TestBuiltinPythonProjects(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	const parse = "import ast, pathlib, sys\nfor f in sys.argv[1:]:\n    ast.parse(pathlib.Path(f).read_text(encoding='utf-8'), f)\n"
	for _, p := range builtinProjects(t) {
		if _, ok := p.Stacks["python"]; !ok {
			continue
		}
		for _, mode := range builtinModes(p) {
			t.Run(p.ID+"-"+mode.String(), func(t *testing.T) {
				dir := filepath.Join(t.TempDir(), p.ID)
				if _, err := Generate(context.Background(), templates.FS, Options{
					Project: p, Stack: "python", Mode: mode, Dir: dir, NoGit: true, WaymarkVersion: "test",
				}); err != nil {
					t.Fatal(err)
				}
				var files []string
				must(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
					if err == nil && strings.HasSuffix(path, ".py") {
						files = append(files, path)
					}
					return err
				}))
				if len(files) == 0 {
					t.Fatal("no .py files generated")
				}
				cmd := exec.Command(py, append([]string{"-c", parse}, files...)...)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("python3 cannot parse the %s:\n%s", mode, out)
				}
			})
		}
	}
}

func assertOneCleanCommit(t *testing.T, dir, hash string) {
	t.Helper()
	repo, err := git.PlainOpen(dir)
	must(t, err)
	head, err := repo.Head()
	must(t, err)
	if head.Name().Short() != "main" || head.Hash().String() != hash {
		t.Errorf("HEAD = %s at %s, want main at %s", head.Name(), head.Hash(), hash)
	}
	c, err := repo.CommitObject(head.Hash())
	must(t, err)
	if c.NumParents() != 0 {
		t.Errorf("%d parents, want a single first commit", c.NumParents())
	}
	wt, err := repo.Worktree()
	must(t, err)
	st, err := wt.Status()
	must(t, err)
	if !st.IsClean() {
		t.Errorf("worktree not clean after generating:\n%s", st)
	}
}

// bootAndStop starts the server binary on a free port with a fresh
// temporary database, waits for the health path and stops it with SIGTERM.
func bootAndStop(t *testing.T, dir, bin string, st *curriculum.Stack) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()

	cmd := exec.Command(bin)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d", st.PortEnv, port))
	tmp := t.TempDir()
	for k, v := range st.CheckEnv {
		cmd.Env = append(cmd.Env, k+"="+strings.ReplaceAll(v, "${tmpdir}", tmp))
	}
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	must(t, cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
		}
	}()

	url := fmt.Sprintf("http://127.0.0.1:%d%s", port, st.Health)
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("server exited before answering %s: %v\n%s", st.Health, err, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no 200 from %s within 20s\n%s", url, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	must(t, cmd.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("server did not shut down cleanly on SIGTERM: %v\n%s", err, logs.String())
		}
	case <-time.After(10 * time.Second):
		t.Errorf("server still running 10s after SIGTERM\n%s", logs.String())
	}
}

// BenchmarkGenerateTasks measures `waymark new tasks --stack go` as a
// library call: render, write, git init and commit into a fresh folder.
func BenchmarkGenerateTasks(b *testing.B) {
	p, err := curriculum.LoadProject(templates.FS, "tasks")
	if err != nil {
		b.Skipf("tasks template not ready: %v", err)
	}
	parent := b.TempDir()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		dir := filepath.Join(parent, fmt.Sprintf("tasks-%d", i))
		if _, err := Generate(context.Background(), templates.FS, Options{
			Project: p, Stack: "go", Dir: dir, Author: testAuthor, Now: testNow,
		}); err != nil {
			b.Fatal(err)
		}
	}
}
