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
// exercise (kind scaffold.KindExercise) runs the same way, as its Project
// from the exercises folder, with its files and reference solution handed
// to the engine; a stack without a health path is a program, which is
// run, not started.
func Run(ctx context.Context, tmpl fs.FS, p *curriculum.Project, kind, stack string, mode scaffold.Mode, bootTimeout time.Duration) *RunResult {
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
	gen := scaffold.Options{Project: p, Stack: stack, Mode: mode, Kind: kind, Dir: dir, NoGit: true}
	if _, err := scaffold.Generate(ctx, tmpl, gen); err != nil {
		res.Err = fmt.Errorf("generating: %w", err)
		return res
	}
	if kind == scaffold.KindExercise {
		plan.Exercise = ExerciseHooks(tmpl, gen)
	}
	st := p.Stacks[stack]
	target := check.Target{Start: &check.ServerConfig{Dir: dir, Run: st.Run, PortEnv: st.PortEnv,
		Health: st.Health, CheckEnv: st.CheckEnv, Instances: plan.Instances(), BootTimeout: bootTimeout}}
	if !st.Server() {
		target = check.Target{Program: &check.ProgramConfig{Dir: dir, Run: st.Run, CheckEnv: st.CheckEnv, BootTimeout: bootTimeout}}
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

// ExerciseHooks gives the engine an exercise's folder in tmpl and, when a
// step asks for it, its reference solution for gen.Stack generated afresh
// into a temporary folder that the engine removes when the run ends. Used
// by `waymark check` and by `curriculum validate`, so both compare against
// the same reference.
func ExerciseHooks(tmpl fs.FS, gen scaffold.Options) *check.Exercise {
	files, err := fs.Sub(tmpl, gen.Project.ID)
	if err != nil {
		files = nil
	}
	return &check.Exercise{Files: files, Reference: func(ctx context.Context) (string, func(), error) {
		if gen.Stack == "" {
			return "", nil, fmt.Errorf("exercise %s: no stack to build the reference of (check inside a workspace)", gen.Project.ID)
		}
		tmp, err := os.MkdirTemp("", "waymark-reference-")
		if err != nil {
			return "", nil, err
		}
		cleanup := func() { _ = os.RemoveAll(tmp) }
		gen.Mode, gen.Dir = scaffold.Solution(), filepath.Join(tmp, gen.Project.ID)
		if _, err := scaffold.Generate(ctx, tmpl, gen); err != nil {
			cleanup()
			return "", nil, fmt.Errorf("generating the reference of exercise %s (%s): %w", gen.Project.ID, gen.Stack, err)
		}
		return gen.Dir, cleanup, nil
	}}
}
