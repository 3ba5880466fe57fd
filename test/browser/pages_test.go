package browser

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/cli"
	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/iostreams"
	"github.com/waymark-dev/waymark/templates"
)

// variant is one generated project the suite drives: a stack of a project,
// as the solution or as the starter.
type variant struct {
	name     string // chat/go/solution
	project  *curriculum.Project
	stack    string
	solution bool

	dir  string // generated and prepared
	took time.Duration
	skip string // why it cannot run here (outside CI)
	err  error
}

// TestPages generates, with the real `waymark new`, every stack that the
// manifest of a project with pages declares, as the solution and as the
// starter, and drives its pages in headless Chromium. A stack added to a
// manifest is covered without a change here.
//
// Each subtest starts generating and preparing its project before it
// waits for its turn (t.Parallel), so that the slow part, npm compiling
// better-sqlite3, runs for every variant -run selects at once, and not one
// after another; the browsers then run one at a time.
func TestPages(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the chat and the blog in every stack and drives them in a browser")
	}
	Chromium(t)
	ci := os.Getenv("CI") == "true"
	projects, err := curriculum.LoadProjects(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	npm := &installs{root: t.TempDir()}
	seen := map[string]bool{}
	for _, p := range projects {
		if !Has(p.ID) {
			continue
		}
		seen[p.ID] = true
		stacks := make([]string, 0, len(p.Stacks))
		for s := range p.Stacks {
			stacks = append(stacks, s)
		}
		sort.Strings(stacks)
		for _, stack := range stacks {
			for _, solution := range []bool{true, false} {
				mode := "starter"
				if solution {
					mode = "solution"
				}
				v := &variant{name: p.ID + "/" + stack + "/" + mode, project: p, stack: stack, solution: solution}
				t.Run(v.name, func(t *testing.T) {
					work := t.TempDir()
					done := make(chan struct{})
					go func() {
						defer close(done)
						start := time.Now()
						v.dir, v.skip, v.err = prepareVariant(work, v, npm, ci)
						v.took = time.Since(start)
					}()
					// A test that ends early (a failure, the timeout) still
					// waits for the preparing to stop writing in work.
					t.Cleanup(func() { <-done })
					t.Parallel()
					<-done
					if v.skip != "" {
						t.Skip(v.skip)
					}
					if v.err != nil {
						t.Fatal(v.err)
					}
					t.Logf("generated and prepared in %s", v.took.Round(100*time.Millisecond))
					start := time.Now()
					s := v.project.Stacks[v.stack]
					Run(t, Project{ID: v.project.ID, Solution: v.solution, Dir: v.dir, Run: s.Run, PortEnv: s.PortEnv, Health: s.Health, Env: s.CheckEnv})
					t.Logf("server and browser scenario: %s", time.Since(start).Round(100*time.Millisecond))
				})
			}
		}
	}
	// A scenario whose project is gone, or renamed, would test nothing.
	for id := range scenarios {
		if !seen[id] {
			t.Errorf("a browser scenario is written for project %q, which no manifest declares", id)
		}
	}
}

// prepareVariant generates the variant in a folder below work and does
// what a learner does before the first run, and no more: a Node project's
// packages installed, a Python project's virtual environment made
// (test/projects runs the projects' own tests and linters). skip says why
// a variant cannot run here; under CI=true that is an error instead.
func prepareVariant(work string, v *variant, npm *installs, ci bool) (dir, skip string, err error) {
	home := filepath.Join(work, "home")
	dir = filepath.Join(work, v.project.ID)
	if err := generate(home, dir, v.project.ID, v.stack, v.solution); err != nil {
		return "", "", err
	}
	missing := func(what string) (string, string, error) {
		if ci {
			return "", "", errors.New("CI=true but " + what)
		}
		return "", what, nil
	}
	switch {
	case exists(dir, "package.json"):
		path, err := exec.LookPath("npm")
		if err != nil {
			return missing("npm is not installed")
		}
		return dir, "", npm.install(dir, path)
	case exists(dir, "pyproject.toml"):
		python, err := exec.LookPath("python3")
		if err != nil {
			return missing("python3 is not installed")
		}
		if out, err := exec.Command(python, "-c", "import ensurepip, venv").CombinedOutput(); err != nil {
			return missing(fmt.Sprintf("python3 cannot make a virtual environment (install python3-venv): %v\n%s", err, out))
		}
		mk, err := exec.LookPath("make")
		if err != nil {
			return missing("make is not installed")
		}
		return dir, "", command(dir, []string{"PIP_DISABLE_PIP_VERSION_CHECK=1", "PYTHON=" + python}, 15*time.Minute, mk, "install")
	}
	return dir, "", nil
}

// generate runs `waymark new` with a home of its own.
func generate(home, dir, project, stack string, solution bool) error {
	args := []string{"new", project, dir, "--stack", stack}
	if solution {
		args = append(args, "--solution")
	}
	io, _, _, errOut := iostreams.Test()
	env := map[string]string{
		"HOME":             home,
		"XDG_DATA_HOME":    filepath.Join(home, "data"),
		"XDG_CONFIG_HOME":  filepath.Join(home, "config"),
		"WAYMARK_PROGRESS": filepath.Join(home, "progress.yaml"),
	}
	getenv := func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		return os.Getenv(k)
	}
	if code := cli.Run(context.Background(), cli.NewFactory(io, getenv, time.Now), args); code != 0 {
		return fmt.Errorf("waymark %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	return nil
}

// installs makes one npm install per package.json content, in a folder of
// its own below root, which every project folder with that package.json
// copies: compiling better-sqlite3 takes minutes on a busy machine, and a
// solution and its starter declare the same packages.
type installs struct {
	root string
	m    sync.Map // sha256 of package.json → *install
}

type install struct {
	once sync.Once
	dir  string
	err  error
}

// install gives dir the node_modules and lockfile that npm install makes
// for its package.json.
func (is *installs) install(dir, npm string) error {
	pkg, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return err
	}
	sum := sha256.Sum256(pkg)
	v, _ := is.m.LoadOrStore(sum, &install{})
	in := v.(*install)
	in.once.Do(func() {
		in.dir = filepath.Join(is.root, fmt.Sprintf("%x", sum[:8]))
		if in.err = os.MkdirAll(in.dir, 0o755); in.err != nil {
			return
		}
		if in.err = os.WriteFile(filepath.Join(in.dir, "package.json"), pkg, 0o644); in.err != nil {
			return
		}
		// Where no prebuilt binary can be fetched, better-sqlite3 is
		// compiled from source: on a machine shared by several builds
		// that alone has taken over 15 minutes.
		in.err = command(in.dir, nil, 30*time.Minute, npm, "install", "--no-audit", "--no-fund")
	})
	if in.err != nil {
		return in.err
	}
	// cp -a keeps node_modules/.bin's links and the compiled addons' modes.
	for _, name := range []string{"node_modules", "package-lock.json"} {
		if exists(in.dir, name) {
			if err := command(dir, nil, 5*time.Minute, "cp", "-a", filepath.Join(in.dir, name), dir); err != nil {
				return err
			}
		}
	}
	return nil
}

func exists(dir, name string) bool {
	_, err := os.Stat(filepath.Join(dir, name))
	return err == nil
}

// command runs a command in dir with extra environment, within d; its
// error holds the output.
func command(dir string, env []string, d time.Duration, name string, args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		err = fmt.Errorf("stopped after %s", d)
	}
	if err != nil {
		return fmt.Errorf("%s %s in %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), filepath.Base(dir), err, out)
	}
	return nil
}
