package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
	"github.com/waymark-dev/waymark/internal/shell"
)

func (r *Runner) runExec(ctx context.Context, p *Plan, e *ExecStep, sc *scope, sr *StepResult) error {
	words := e.Command
	if len(words) == 0 {
		words = append(append(Words(nil), r.Program...), e.Args...)
	}
	args := make([]string, len(words))
	for i, a := range words {
		x, err := sc.expand(a)
		if err != nil {
			return err
		}
		args[i] = x
	}
	var stdin string
	if e.Stdin != nil {
		x, err := sc.expand(*e.Stdin)
		if err != nil {
			return err
		}
		stdin = x
	}
	timeout := time.Duration(e.Timeout)
	if timeout == 0 {
		timeout = DefaultExec
	}
	sr.Curl = "(in " + r.Dir + ") " + strings.Join(args, " ")
	if e.Stdin != nil {
		// printf %s gives the input byte for byte, final newline or not.
		sr.Curl = "(in " + r.Dir + ") printf %s " + shell.Quote(stdin) + " | " + strings.Join(args, " ")
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = r.Dir
	cmd.Env = r.ExecEnv
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr capBuffer
	stdout.max, stderr.max = int(r.BodyCap), int(r.BodyCap)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	setGroup(cmd)
	if err := cmd.Start(); err != nil {
		sr.Diagnosis = "the command could not start: " + err.Error()
		return failf(sr, "the command to run", "an error", "could not run %s", args[0])
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	timedOut := false
	select {
	case err = <-done:
	case <-time.After(timeout):
		timedOut = true
	case <-ctx.Done():
		timedOut = true
	}
	if timedOut {
		stopGroup(cmd, done, 2*time.Second)
		sr.Output = tailText(stdout.String()+stderr.String(), 30)
		sr.Diagnosis = stubInOutput(p, stdout.String()+stderr.String())
		return failf(sr, "to finish within "+timeout.String(), "still running", "%s did not finish within %s", args[0], timeout)
	}
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		return err
	}
	sr.Output = tailText(stdout.String()+stderr.String(), 30)
	// A starter's stub says which milestone it is: whatever else went
	// wrong, that is what the learner needs to hear.
	defer func() {
		if sr.Message != "" && sr.Diagnosis == "" {
			sr.Diagnosis = stubInOutput(p, stdout.String()+stderr.String())
		}
	}()
	want := 0
	if e.Expect.Exit != nil {
		want = *e.Expect.Exit
	}
	if code != want {
		return failf(sr, fmt.Sprintf("exit status %d", want), fmt.Sprintf("exit status %d", code), "%s exited with %d", args[0], code)
	}
	for _, out := range []struct {
		name string
		m    *Matcher
		text string
	}{{"stdout", e.Expect.Stdout, stdout.String()}, {"stderr", e.Expect.Stderr, stderr.String()}} {
		if out.m == nil {
			continue
		}
		m, err := sc.expandMatcher(out.m)
		if err != nil {
			return err
		}
		if mm := m.apply(out.name, out.text, true, true); mm != nil {
			return failf(sr, out.name+" "+mm.Expected, firstLine(tailText(out.text, 1), 120), "%s is not right", out.name)
		}
	}
	return nil
}

// stubRE is what a starter's stub prints when it runs (Go panics with it,
// a Node or Python stub throws it): TODO(<milestone>): not implemented.
var stubRE = lazyregexp.New(`TODO\(([a-z0-9][a-z0-9-]*)\): not implemented`)

// stubInOutput is the diagnosis of a command whose output shows a
// starter's stub, "" when it shows none.
func stubInOutput(p *Plan, output string) string {
	m := stubRE.FindStringSubmatch(output)
	if m == nil {
		return ""
	}
	return notImplemented(p, m[1])
}

// capBuffer keeps at most max bytes (the first ones), safe for concurrent
// writers.
type capBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (b *capBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *capBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func tailText(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
