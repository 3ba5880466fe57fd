package cli

import (
	"context"
	"io/fs"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/gitrepo"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/scaffold"
)

// projectRequest is what creating a project takes, from `waymark new` or
// from the TUI's form — or, with Exercise set, what creating an exercise's
// workspace takes, from `waymark practice` or the TUI's exercise form.
type projectRequest struct {
	Project *curriculum.Project
	// Exercise, when set, makes the workspace of this exercise: Project is
	// then the exercise's one-milestone project (filled in if nil), and the
	// templates folder is the curriculum's exercises folder.
	Exercise             *curriculum.Exercise
	Stack                string
	Mode                 scaffold.Mode
	Dir, Module, Name    string
	Force, NoGit, DryRun bool
}

// createdProject is what createProject made.
type createdProject struct {
	*scaffold.Result
	// Author signed the first commit; Fallback is set when Git's config
	// named nobody.
	Author gitrepo.Author
	// RecordErr says why the project is not in the progress file, when the
	// files were written but the record was not.
	RecordErr error
}

// createProject is the one operation behind `waymark new`, `waymark
// practice <exercise>` and the TUI's forms: it generates the project (or
// the exercise's workspace) with the learner's Git author, the clock and
// the curriculum's id in its provenance, then records a project's folder in
// progress (not for a dry run). An exercise's workspace is not recorded
// until its checks pass: progress keeps exercises by id, not by folder.
func createProject(ctx context.Context, f *Factory, tmpl fs.FS, req projectRequest) (*createdProject, error) {
	curriculumID := ""
	if c, err := f.Curriculum(); err == nil {
		curriculumID = c.ID
	}
	opts := scaffold.Options{
		Project: req.Project, Stack: req.Stack, Mode: req.Mode, Module: req.Module, Name: req.Name,
		Curriculum: curriculumID, WaymarkVersion: Version, Dir: req.Dir,
		Force: req.Force, NoGit: req.NoGit, DryRun: req.DryRun,
	}
	if ex := req.Exercise; ex != nil {
		if opts.Project == nil {
			opts.Project = ex.Project()
		}
		opts.Kind = scaffold.KindExercise
		opts.Extra = map[string][]byte{"README.md": exerciseReadme(ex, req.Stack)}
	}
	author := gitrepo.AuthorFromGitConfig(f.Getenv)
	opts.Author, opts.Now = author, f.Now()
	res, err := scaffold.Generate(ctx, tmpl, opts)
	if err != nil {
		return nil, err
	}
	out := &createdProject{Result: res, Author: author}
	if !req.DryRun && req.Exercise == nil {
		out.RecordErr = recordProject(f, curriculumID, req.Project.ID, res.Dir, req.Stack, req.Mode)
	}
	return out, nil
}

// recordProject notes the new project in the learner's progress. Passed
// milestones are kept when the same folder is generated again.
func recordProject(f *Factory, curriculumID, id, dir, stack string, mode scaffold.Mode) error {
	store, err := f.ProgressStore()
	if err != nil {
		return err
	}
	_, err = store.Update(func(p *progress.Progress) error {
		if p.Curriculum == "" {
			p.Curriculum = curriculumID
		}
		p.RecordProject(id, dir, stack, mode.String(), f.Now())
		return nil
	})
	return err
}
