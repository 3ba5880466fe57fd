package check

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// signalNames are the signals a signal step may send.
var signalNames = map[string]syscall.Signal{
	"SIGTERM": syscall.SIGTERM,
	"SIGINT":  syscall.SIGINT,
	"SIGHUP":  syscall.SIGHUP,
}

// Defaults of a signal step.
const (
	defaultSignalAfter  = 300 * time.Millisecond
	defaultSignalWithin = 5 * time.Second
)

// runSignal sends the step's signal to a started server, optionally while
// a request is in flight, and expects the request's answer and then the
// server's own exit.
func (r *Runner) runSignal(ctx context.Context, p *Plan, sg *SignalStep, sc *scope, sr *StepResult) error {
	name := sg.Send
	if name == "" {
		name = "SIGTERM"
	}
	after, within := time.Duration(sg.After), time.Duration(sg.Within)
	if after == 0 {
		after = defaultSignalAfter
	}
	if within == 0 {
		within = defaultSignalWithin
	}
	var inFlight chan error
	if sg.During != nil {
		inFlight = make(chan error, 1)
		go func() { inFlight <- r.runHTTP(ctx, p, sg.During, sc, sr) }()
		select {
		case <-time.After(after):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	sentAt := time.Now()
	if err := r.Server.Signal(sg.Instance, signalNames[name]); err != nil {
		return err
	}
	if inFlight != nil {
		if err := <-inFlight; err != nil {
			if !strings.Contains(sr.Diagnosis, "not implemented yet") {
				sr.Diagnosis = "the request in flight when the server got " + name + " did not get its right answer: " +
					"a graceful server stops accepting new connections, finishes the requests it has started, then exits" +
					withReason(sr.Diagnosis)
			}
			return err
		}
	}
	exited, code, how := r.Server.WaitExit(sg.Instance, time.Until(sentAt.Add(within)))
	if exited {
		// A leader that exits before its children (`go run` does) must not
		// leave them serving: nothing would stop them later.
		r.Server.Kill(sg.Instance)
	}
	if !exited {
		sr.Diagnosis = "on " + name + " a server must stop by itself: close its listener, finish what is in flight and return from main; one that ignores the signal is killed, losing those requests"
		return failf(sr, "to exit within "+within.String()+" of "+name, "still running",
			"the server was still running %s after %s", within, name)
	}
	want := 0
	if sg.Exit != nil {
		want = *sg.Exit
	}
	if code != want {
		if code < 0 {
			sr.Diagnosis = "the signal ended the process by its default action: handle " + name + " yourself and exit normally once the requests in flight are done"
		}
		return failf(sr, fmt.Sprintf("exit status %d", want), how, "after %s the server ended with %s", name, how)
	}
	return nil
}

func withReason(d string) string {
	if d == "" {
		return ""
	}
	return " (" + d + ")"
}

// Signal sends sig to instance i's process group.
func (s *Server) Signal(i int, sig syscall.Signal) error {
	if i < 0 || i >= len(s.procs) {
		return fmt.Errorf("there is no server instance %d", i)
	}
	return signalGroup(s.procs[i].cmd, sig)
}

// Kill ends whatever is left of instance i's process group.
func (s *Server) Kill(i int) { killGroup(s.procs[i].cmd) }

// WaitExit waits up to d for instance i to exit: whether it has, its exit
// status (-1 when a signal ended it) and how it ended in words.
func (s *Server) WaitExit(i int, d time.Duration) (exited bool, code int, how string) {
	p := s.procs[i]
	select {
	case <-p.done:
	case <-time.After(max(d, 0)):
	}
	p.mu.Lock()
	exited, err := p.exit, p.err
	p.mu.Unlock()
	if !exited {
		return false, 0, ""
	}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		code = -1
	}
	return true, code, p.how()
}
