// Package projects holds the end-to-end test of every built-in project:
// the real `waymark new` generates it, the real `waymark check` proves it.
package projects

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/check"
	"github.com/waymark-dev/waymark/internal/cli"
	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/iostreams"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/templates"
)

// homeEnv is the environment that isolates one test's waymark in home.
func homeEnv(home string) map[string]string {
	return map[string]string{
		"HOME":             home,
		"XDG_DATA_HOME":    filepath.Join(home, "data"),
		"XDG_CONFIG_HOME":  filepath.Join(home, "config"),
		"WAYMARK_PROGRESS": filepath.Join(home, "progress.yaml"),
		// Some thirty projects are checked at once on one machine, as in
		// CI, wherever this runs: the load steps take their ci_scale (the
		// chat's room of 1,000 is 100), which a laptop holds too.
		"CI": "true",
	}
}

// waymark runs one command line with an isolated home, returning the exit
// code, stdout and stderr.
func waymark(t *testing.T, home string, args ...string) (int, string, string) {
	t.Helper()
	io, _, out, errOut := iostreams.Test()
	env := homeEnv(home)
	getenv := func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		return os.Getenv(k)
	}
	f := cli.NewFactory(io, getenv, time.Now)
	code := cli.Run(context.Background(), f, args)
	return code, out.String(), errOut.String()
}

// goCaches pins the Go build and module caches to this process's own. A Go
// server that a check builds in the test home would otherwise start both
// afresh, downloading and compiling every module again in every test.
var goCaches = sync.OnceValues(func() ([]string, error) {
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE").Output()
	if err != nil {
		return nil, fmt.Errorf("go env: %w", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		return nil, fmt.Errorf("go env GOCACHE GOMODCACHE printed %q", out)
	}
	return []string{"GOCACHE=" + lines[0], "GOMODCACHE=" + lines[1]}, nil
})

// waymarkWith is the real binary, run in home's environment and, with Node
// runtime r, r's PATH, so that the server `waymark check` starts is r's node.
// A started server's environment is the waymark process's own, so a check
// goes through the binary: in this process the server would not see home's
// variables (CI among them).
func waymarkWith(t *testing.T, home string, r *nodeRuntime, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, waymarkBinary(t), args...)
	cmd.Env = os.Environ()
	if r != nil {
		cmd.Env = append(cmd.Env, r.env()...)
	}
	for k, v := range homeEnv(home) {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	caches, err := goCaches()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(cmd.Env, caches...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String(), errOut.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String(), errOut.String()
	}
	t.Fatalf("waymark %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	return 0, "", ""
}

// TestProjects generates every built-in project × stack as the solution and
// as the starter, and runs its check suite against it: the solution passes
// every milestone; the starter passes the first and fails the second with
// the not-implemented diagnosis. A Node project is installed, linted and
// tested first, on the machine's node; its solution is also installed,
// linted, tested and checked on every Node.js in TEST_NODE_DIRS (the
// supported LTS lines: .ci/node-versions), which is where a new Node
// release breaks a project if it does. (test/browser drives the web pages.)
func TestProjects(t *testing.T) {
	if testing.Short() {
		t.Skip("generates, builds and checks every project")
	}
	ci := os.Getenv("CI") == "true"
	if ci && os.Getenv("TEST_DATABASE_URL") == "" {
		t.Error("CI=true but TEST_DATABASE_URL is not set: .ci/services did not start PostgreSQL")
	}
	// Suites that need Redis (the chat's scale milestone) read REDIS_URL.
	if redis := os.Getenv("TEST_REDIS_URL"); redis != "" {
		t.Setenv("REDIS_URL", redis)
	}
	machineNode, extraNodes := nodeRuntimes(t)
	if ci && os.Getenv("TEST_NODE_DIRS") == "" {
		t.Error("CI=true but TEST_NODE_DIRS is not set: .ci/node-versions did not run")
	}
	projects, err := curriculum.LoadProjects(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range projects {
		for stack := range p.Stacks {
			for _, solution := range []bool{true, false} {
				mode := "starter"
				if solution {
					mode = "solution"
				}
				t.Run(p.ID+"/"+stack+"/"+mode, func(t *testing.T) {
					t.Parallel()
					checkProject(t, p, stack, solution, ci, machineNode)
				})
				if stack != "node" || !solution {
					continue
				}
				for _, r := range extraNodes {
					t.Run(p.ID+"/"+stack+"/"+mode+"-"+r.name(), func(t *testing.T) {
						t.Parallel()
						checkProject(t, p, stack, solution, ci, r)
					})
				}
			}
		}
	}
}

// checkProject generates one project, prepares it (a Node project with
// runtime node) and checks it.
func checkProject(t *testing.T, p *curriculum.Project, stack string, solution, ci bool, node *nodeRuntime) {
	home := t.TempDir()
	dir := filepath.Join(t.TempDir(), p.ID)
	args := []string{"new", p.ID, dir, "--stack", stack}
	if solution {
		args = append(args, "--solution")
	}
	if code, _, stderr := waymark(t, home, args...); code != 0 {
		t.Fatalf("waymark %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	prepare(t, dir, ci, node)
	start := time.Now()
	code, stdout, stderr := waymarkWith(t, home, node, "check", dir, "--all", "--json", "--seed", "7", "--boot-timeout", "3m")
	t.Logf("waymark check --all: %s", time.Since(start).Round(100*time.Millisecond))
	var rep check.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("waymark check --json: exit %d, not JSON (%v)\n%s\n%s", code, err, stdout, stderr)
	}
	if len(rep.Milestones) != len(p.Milestones) {
		t.Fatalf("report has %d milestones, the project %d", len(rep.Milestones), len(p.Milestones))
	}
	if solution {
		for _, m := range rep.Milestones {
			switch {
			case m.Status == check.Skipped && !ci:
				t.Logf("milestone %s skipped here: %s", m.ID, m.Message)
			case m.Status != check.Passed:
				t.Errorf("solution: milestone %s is %s: %s\n%s", m.ID, m.Status, m.Message, failures(m))
			}
		}
		if code != 0 {
			t.Errorf("solution: waymark check exit %d\n%s", code, stderr)
		}
		// A reference's passes are never the learner's: the folder is
		// recorded, its milestones are not.
		prog, err := progress.Open(filepath.Join(home, "progress.yaml")).Load()
		if err != nil {
			t.Fatal(err)
		}
		if v := prog.Verified(p.ID); len(v) != 0 {
			t.Errorf("the reference's passes were recorded as the learner's: %v", v)
		}
		if f := prog.Folder(p.ID, dir); f == nil || !f.Reference() {
			t.Errorf("the reference folder is not recorded as one: %+v", prog.Projects[p.ID])
		}
		return
	}
	first, second := rep.Milestones[0], rep.Milestones[1]
	if first.Status != check.Passed {
		t.Errorf("starter: milestone %s is %s, want passed: %s\n%s", first.ID, first.Status, first.Message, failures(first))
	}
	if second.Status != check.Failed {
		t.Fatalf("starter: milestone %s is %s, want failed", second.ID, second.Status)
	}
	if !strings.Contains(failures(second), "not implemented yet") {
		t.Errorf("starter: milestone %s fails without the not-implemented diagnosis:\n%s", second.ID, failures(second))
	}
	if code != cli.ExitFailed {
		t.Errorf("starter: waymark check exit %d, want %d", code, cli.ExitFailed)
	}
	// The starter is the learner's own folder: its first pass is recorded.
	prog, err := progress.Open(filepath.Join(home, "progress.yaml")).Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := prog.Verified(p.ID)[first.ID]; !ok {
		t.Errorf("the starter's pass of %s is not recorded: %+v", first.ID, prog.Projects[p.ID])
	}
}

// prepare does what a learner does before the first run of a stack that
// needs it: installing a Node project's packages (with runtime node), or
// making a Python project's virtual environment, then running its linter
// and its own tests.
func prepare(t *testing.T, dir string, ci bool, node *nodeRuntime) {
	t.Helper()
	switch {
	case exists(dir, "package.json"):
		if node == nil {
			tool(t, "node", ci)
		}
		prepareNode(t, dir, node)
	case exists(dir, "pyproject.toml"):
		python := tool(t, "python3", ci)
		if out, err := exec.Command(python, "-c", "import ensurepip, venv").CombinedOutput(); err != nil {
			if ci {
				t.Fatalf("CI=true but python3 cannot make a virtual environment (install python3-venv): %v\n%s", err, out)
			}
			t.Skip("python3 has no venv module")
		}
		mk := tool(t, "make", ci)
		// pip keeps what it downloads in its cache (~/.cache/pip), so a
		// second run installs from there.
		env := []string{"PIP_DISABLE_PIP_VERSION_CHECK=1", "PYTHON=" + python}
		for _, target := range []string{"install", "lint", "test"} {
			run(t, dir, env, mk, target)
		}
	}
}

func exists(dir, name string) bool {
	_, err := os.Stat(filepath.Join(dir, name))
	return err == nil
}

// tool finds a program the stack needs: a missing one skips the test,
// except in CI, where it fails it.
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

// run runs a command in dir with extra environment, bounded in time,
// failing the test with its output.
func run(t *testing.T, dir string, env []string, name string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	t.Logf("%s %s: %s", filepath.Base(name), strings.Join(args, " "), time.Since(start).Round(100*time.Millisecond))
}

// failures describes a milestone's failing steps for a test log.
func failures(m *check.MilestoneResult) string {
	var b strings.Builder
	for _, s := range m.Steps {
		if s.Status == check.Failed {
			b.WriteString("  ✗ " + s.Name + ": " + s.Message + " — " + s.Diagnosis + "\n")
			if s.Curl != "" {
				b.WriteString("    " + s.Curl + "\n")
			}
			for _, l := range s.Log {
				b.WriteString("    | " + l + "\n")
			}
		}
	}
	return b.String()
}
