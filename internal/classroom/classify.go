package classroom

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/check"
	"github.com/waymark-dev/waymark/internal/lazyregexp"
)

// classify fills in res from a check report.
func classify(res *Result, rep *check.Report) {
	res.Report = rep
	res.Of = len(rep.Milestones)
	res.Passed = []string{}
	for _, m := range rep.Passed() {
		res.Passed = append(res.Passed, m.ID)
	}
	if rep.Status == check.Passed {
		res.Status, res.Reason = StatusPassed, ""
		return
	}
	res.Status = StatusFailing
	if m, s := res.Failing(); m != nil {
		res.Reason = fmt.Sprintf("milestone %s fails", m.ID)
		if s != nil {
			res.Reason += ": " + s.Name + ": " + s.Message
		}
		return
	}
	if rep.Message != "" {
		res.Reason = rep.Message
		return
	}
	for _, m := range rep.Milestones {
		if m.Status == check.Skipped {
			res.Reason = fmt.Sprintf("milestone %s was not verified: %s", m.ID, m.Message)
			return
		}
	}
}

// Lines that say the code does not compile, as the Go tool, Node and
// Python print them.
var buildErrorRE = lazyregexp.New(`(^\S+\.go:\d+:\d+: .+)|(^go: .+)|(SyntaxError: .+)|(^\S+\.(js|mjs|ts):\d+$)`)

// buildError returns the first line of log that says the code does not
// build, or "".
func buildError(log []string) string {
	for _, l := range log {
		if m := buildErrorRE.FindString(strings.TrimSpace(l)); m != "" {
			return m
		}
	}
	return ""
}

func outOfMemory(log []string) bool {
	for _, l := range log {
		if strings.Contains(l, "out of memory") || strings.Contains(l, "cannot allocate memory") {
			return true
		}
	}
	return false
}

// classifyStart fills in res from a server that did not start.
func classifyStart(res *Result, se *check.StartError, ctx context.Context, wall time.Duration) {
	res.Log = se.Log
	switch {
	case ctx.Err() != nil:
		res.Status = StatusTimeout
		res.Reason = fmt.Sprintf("the build or the server hung: no answer on its health path within the wall-clock limit of %s; it was stopped with its process group", wall)
	case outOfMemory(se.Log):
		res.Status = StatusNoStart
		res.Reason = "the build or the server ran out of memory (raise the limit with --memory if it is reasonable): " + se.Reason
	case buildError(se.Log) != "":
		res.Status = StatusNoBuild
		res.Reason = "the code does not build: " + buildError(se.Log)
	default:
		res.Status = StatusNoStart
		res.Reason = "the server did not start: " + se.Reason
	}
}

// prepareError is a dependency install that failed, with its last lines.
type prepareError struct {
	what string
	log  []string
	err  error
}

func (e *prepareError) Error() string { return e.what + ": " + e.err.Error() }

func classifyPrepare(res *Result, err error, ctx context.Context, wall time.Duration) {
	var pe *prepareError
	switch {
	case ctx.Err() != nil:
		res.Status = StatusTimeout
		res.Reason = fmt.Sprintf("installing the dependencies took longer than the wall-clock limit of %s", wall)
	case errors.As(err, &pe):
		res.Status, res.Log = StatusNoBuild, pe.log
		res.Reason = "the dependencies cannot be installed (" + pe.what + "): " + lastLine(pe.log, pe.err.Error())
	default:
		res.Status, res.Reason = StatusError, err.Error()
	}
}

func lastLine(log []string, fallback string) string {
	for i := len(log) - 1; i >= 0; i-- {
		if s := strings.TrimSpace(log[i]); s != "" {
			return s
		}
	}
	return fallback
}

// prepare installs a project's dependencies before it runs, without
// running any of its code: Node packages without their install scripts,
// and, for a sandboxed run (which has no network), Go modules.
func prepare(ctx context.Context, dir string, env []string, sandbox bool, outputCap int64) error {
	has := func(name string) bool { _, err := os.Lstat(filepath.Join(dir, name)); return err == nil }
	switch {
	case has("package.json") && !has("node_modules"):
		args := []string{"npm", "install", "--ignore-scripts", "--no-audit", "--no-fund"}
		if has("package-lock.json") {
			args[1] = "ci"
		}
		if err := runTool(ctx, dir, env, outputCap, args...); err != nil {
			return err
		}
		// npm makes no node_modules for a project without dependencies.
		return os.MkdirAll(filepath.Join(dir, "node_modules"), 0o755)
	case sandbox && has("go.mod"):
		return runTool(ctx, dir, env, outputCap, "go", "mod", "download")
	}
	return nil
}

// runTool runs a trusted tool on the learner's files in its own process
// group, killed with the group when ctx ends.
func runTool(ctx context.Context, dir string, env []string, outputCap int64, args ...string) error {
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir, cmd.Env = dir, env
	var out strings.Builder
	w := &capWriter{w: &out, left: outputCap, cap: outputCap}
	cmd.Stdout, cmd.Stderr = w, w
	inGroup(cmd)
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Run(); err != nil {
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(lines) > 30 {
			lines = lines[len(lines)-30:]
		}
		return &prepareError{what: strings.Join(args, " "), log: lines, err: err}
	}
	return nil
}

// goEnv asks the Go tool for one of its settings; "" when there is no Go.
func goEnv(getenv func(string) (string, bool), key string) string {
	cmd := exec.Command("go", "env", key)
	if p, ok := getenv("PATH"); ok {
		cmd.Env = []string{"PATH=" + p, "HOME=" + os.TempDir()}
	}
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
