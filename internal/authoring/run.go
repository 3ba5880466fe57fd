package authoring

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/waymark-dev/waymark/internal/check"
	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/scaffold"
)

// RunResult is how one generated project (a stack in one mode) fared
// against its project's checks.
type RunResult struct {
	Project, Stack, Mode string
	Report               *check.Report // nil when the project could not be generated
	Err                  error         // generation or start failure
}

// Passed reports whether every milestone passed.
func (r *RunResult) Passed() bool {
	return r.Err == nil && r.Report != nil && r.Report.Status == check.Passed
}

// PassedIDs lists the milestones that passed.
func (r *RunResult) PassedIDs() []string {
	var ids []string
	if r.Report != nil {
		for _, m := range r.Report.Passed() {
			ids = append(ids, m.ID)
		}
	}
	return ids
}

// Run generates project p's stack in mode into a temporary folder (no Git),
// starts it as `waymark check` would, and runs every milestone's checks.
// bootTimeout bounds the wait for the server (0: the check default). An
// exercise runs the same way, as its Project from the exercises folder; a
// stack without a health path is a program, which is run, not started.
func Run(ctx context.Context, tmpl fs.FS, p *curriculum.Project, stack string, mode scaffold.Mode, bootTimeout time.Duration) *RunResult {
	res := &RunResult{Project: p.ID, Stack: stack, Mode: mode.String()}
	plan, err := PlanOf(tmpl, p)
	if err != nil {
		res.Err = err
		return res
	}
	work, err := os.MkdirTemp("", "waymark-validate-")
	if err != nil {
		res.Err = err
		return res
	}
	defer os.RemoveAll(work)
	dir := filepath.Join(work, p.ID)
	if _, err := scaffold.Generate(ctx, tmpl, scaffold.Options{Project: p, Stack: stack, Mode: mode, Dir: dir, NoGit: true}); err != nil {
		res.Err = fmt.Errorf("generating: %w", err)
		return res
	}
	st := p.Stacks[stack]
	target := check.Target{Start: &check.ServerConfig{Dir: dir, Run: st.Run, PortEnv: st.PortEnv,
		Health: st.Health, CheckEnv: st.CheckEnv, Instances: plan.Instances(), BootTimeout: bootTimeout}}
	if !st.Server() {
		target = check.Target{Program: &check.ProgramConfig{Dir: dir, Run: st.Run, CheckEnv: st.CheckEnv}}
	}
	session, err := check.Open(ctx, target, check.Options{Seed: 1})
	var se *check.StartError
	if errors.As(err, &se) {
		res.Report = &check.Report{Version: 1, Project: p.ID, Mode: "start", Status: check.Failed, Message: se.Reason}
		return res
	}
	if err != nil {
		res.Err = err
		return res
	}
	defer session.Close()
	res.Report = session.Run(ctx, plan)
	return res
}
