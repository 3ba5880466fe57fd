package cli

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"

	"github.com/waymark-dev/waymark/internal/check"
	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/scaffold"
)

// resolveExercise fills in tg for checking exercise id: its one-milestone
// project and its checks, from the curriculum's exercises folder. An
// exercise is checked exactly as a project is; only where its checks and
// files come from, and where a pass is recorded, differ.
func resolveExercise(opts *CheckOptions, tg *checkTarget, id string) error {
	c, err := opts.F.Curriculum()
	if err != nil {
		return err
	}
	ex, err := exerciseOf(c, id)
	if err != nil {
		return err
	}
	tmpl, err := opts.F.Exercises()
	if err != nil {
		return err
	}
	suites, err := check.LoadSuites(tmpl, path.Join(id, "checks"))
	if err != nil {
		return fmt.Errorf("the checks of exercise %s are invalid:\n%w", id, err)
	}
	tg.exercise, tg.project = ex, ex.Project()
	stack := ""
	if tg.made != nil {
		stack = tg.made.Stack
	}
	tg.plan = &check.Plan{Project: id, Suites: suites, Upto: opts.Milestone, All: opts.All,
		Milestones: []check.Milestone{{ID: curriculum.SolveMilestone, Title: ex.Title, Hint: tg.project.Hint(stack, curriculum.SolveMilestone)}}}
	tg.hooks = newExerciseHooks(tmpl, ex, stack)
	return nil
}

// isExercise reports whether a check of id without a workspace (--url
// --project id) means an exercise: the curriculum has an exercise id and
// no project template id.
func isExercise(f *Factory, templates fs.FS, id string) bool {
	if _, err := fs.Stat(templates, path.Join(id, curriculum.ProjectFile)); err == nil {
		return false
	}
	c, err := f.Curriculum()
	return err == nil && c.Exercise(id) != nil
}

// programTarget is the target of a workspace whose exercise runs a program
// rather than a server: nothing is started, the checks run it. It is nil
// for anything else.
func (tg *checkTarget) programTarget() *check.Target {
	if tg.exercise == nil || tg.prov == nil {
		return nil
	}
	if st := tg.exercise.Stacks[tg.prov.Stack]; st == nil || st.Server() || tg.prov.Health != "" {
		return nil
	}
	return &check.Target{Program: &check.ProgramConfig{Dir: tg.dir, Run: tg.prov.Run, CheckEnv: tg.prov.CheckEnv}}
}

// recordExercise records the learner's pass of the checked exercise and,
// as their settings allow, the topic it finishes. It returns that topic.
func recordExercise(f *Factory, tg *checkTarget, sha string) (string, error) {
	c, err := f.Curriculum()
	if err != nil {
		return "", err
	}
	store, err := f.ProgressStore()
	if err != nil {
		return "", err
	}
	stack := ""
	if tg.made != nil {
		stack = tg.made.Stack
	}
	topic := ""
	_, err = store.Update(func(p *progress.Progress) error {
		if p.Curriculum == "" {
			p.Curriculum = c.ID
		}
		topic = p.PassExercise(c, tg.exercise, stack, sha, f.Now())
		return nil
	})
	return topic, err
}

// exerciseHooks are what steps that the engine runs itself (judge, sql,
// git) need of an exercise beyond the workspace: the exercise's own folder,
// where fixtures and case files are, and its reference solution for the
// stack being checked, generated on first use into a temporary folder and
// removed after the run. The engine is to take them through check.Options
// (see EXERCISES.md); checkOnce builds the options and closes the hooks.
type exerciseHooks struct {
	// Files is the exercise's folder: exercise.yaml, checks/, fixtures/.
	Files fs.FS

	tmpl  fs.FS
	ex    *curriculum.Exercise
	stack string

	once sync.Once
	dir  string
	err  error
	tmp  string
}

func newExerciseHooks(tmpl fs.FS, ex *curriculum.Exercise, stack string) *exerciseHooks {
	files, err := fs.Sub(tmpl, ex.ID)
	if err != nil {
		files = nil
	}
	return &exerciseHooks{Files: files, tmpl: tmpl, ex: ex, stack: stack}
}

// Reference generates the reference solution of the stack checked, once,
// and returns its folder.
func (h *exerciseHooks) Reference(ctx context.Context) (string, error) {
	h.once.Do(func() {
		if h.stack == "" {
			h.err = fmt.Errorf("exercise %s: no stack to build the reference of (check inside a workspace)", h.ex.ID)
			return
		}
		h.tmp, h.err = os.MkdirTemp("", "waymark-reference-")
		if h.err != nil {
			return
		}
		h.dir = filepath.Join(h.tmp, h.ex.ID)
		_, h.err = scaffold.Generate(ctx, h.tmpl, scaffold.Options{Project: h.ex.Project(), Stack: h.stack,
			Mode: scaffold.Solution(), Kind: scaffold.KindExercise, Dir: h.dir, NoGit: true, WaymarkVersion: Version})
		if h.err != nil {
			h.err = fmt.Errorf("generating the reference of exercise %s (%s): %w", h.ex.ID, h.stack, h.err)
		}
	})
	return h.dir, h.err
}

// Close removes the reference, if one was generated.
func (h *exerciseHooks) Close() {
	if h != nil && h.tmp != "" {
		_ = os.RemoveAll(h.tmp)
	}
}
