package cli

import (
	"fmt"
	"io/fs"
	"path"
	"time"

	"github.com/waymark-dev/waymark/internal/authoring"
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
	tg.plan.Exercise = authoring.ExerciseHooks(tmpl, scaffold.Options{Project: tg.project, Stack: stack,
		Kind: scaffold.KindExercise, NoGit: true, WaymarkVersion: Version})
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
func (tg *checkTarget) programTarget(bootTimeout time.Duration) *check.Target {
	if tg.exercise == nil || tg.prov == nil {
		return nil
	}
	if st := tg.exercise.Stacks[tg.prov.Stack]; st == nil || st.Server() || tg.prov.Health != "" {
		return nil
	}
	return &check.Target{Program: &check.ProgramConfig{Dir: tg.dir, Run: tg.prov.Run, CheckEnv: tg.prov.CheckEnv,
		BootTimeout: bootTimeout}}
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
