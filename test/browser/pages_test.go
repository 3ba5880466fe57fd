package browser

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/cli"
	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/iostreams"
	"github.com/waymark-dev/waymark/templates"
)

// TestPages generates, with the real `waymark new`, every stack that the
// manifest of a project with pages declares, as the solution and as the
// starter, and drives its pages in headless Chromium. A stack added to a
// manifest is covered without a change here.
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
				t.Run(p.ID+"/"+stack+"/"+mode, func(t *testing.T) {
					t.Parallel()
					s := p.Stacks[stack]
					start := time.Now()
					dir := generate(t, p.ID, stack, solution)
					prepare(t, dir, ci)
					t.Logf("generated and prepared in %s", time.Since(start).Round(100*time.Millisecond))
					start = time.Now()
					Run(t, Project{ID: p.ID, Solution: solution, Dir: dir, Run: s.Run, PortEnv: s.PortEnv, Health: s.Health, Env: s.CheckEnv})
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

// generate runs `waymark new` with a home of its own and returns the
// project's folder.
func generate(t *testing.T, project, stack string, solution bool) string {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(t.TempDir(), project)
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
		t.Fatalf("waymark %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	return dir
}

// prepare does what a learner does before the first run, and no more: a
// Node project's packages installed, a Python project's virtual
// environment made. (test/projects runs the projects' own tests.)
func prepare(t *testing.T, dir string, ci bool) {
	t.Helper()
	switch {
	case exists(dir, "package.json"):
		run(t, dir, nil, tool(t, "npm", ci), "install", "--no-audit", "--no-fund")
	case exists(dir, "pyproject.toml"):
		python := tool(t, "python3", ci)
		if out, err := exec.Command(python, "-c", "import ensurepip, venv").CombinedOutput(); err != nil {
			if ci {
				t.Fatalf("CI=true but python3 cannot make a virtual environment (install python3-venv): %v\n%s", err, out)
			}
			t.Skip("python3 has no venv module (install python3-venv)")
		}
		run(t, dir, []string{"PIP_DISABLE_PIP_VERSION_CHECK=1", "PYTHON=" + python}, tool(t, "make", ci), "install")
	}
}

func exists(dir, name string) bool {
	_, err := os.Stat(filepath.Join(dir, name))
	return err == nil
}

// tool finds a program a stack needs: a missing one skips the test, except
// under CI=true, where it fails it.
func tool(t *testing.T, name string, ci bool) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if ci {
			t.Fatalf("CI=true but %s is not installed", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return p
}

// run runs a command in dir, bounded in time, failing the test with its
// output.
func run(t *testing.T, dir string, env []string, name string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
}
