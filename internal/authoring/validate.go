// Package authoring is what an instructor writing a curriculum needs:
// a commented starting point (Init) and the checks that go beyond the
// curriculum file itself — project templates whose markers balance, whose
// milestones all have hints and checks, whose starters leak no solution,
// and (Run) whose reference passes its checks while the starter fails them.
package authoring

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/waymark-dev/waymark/internal/check"
	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/scaffold"
)

// Result is a curriculum folder as validation found it.
type Result struct {
	Curriculum *curriculum.Curriculum // nil when curriculum.yaml does not load
	Projects   []*curriculum.Project
	Templates  fs.FS // nil when the folder has no templates/
	// Exercises are the curriculum's exercises; ExerciseFiles is their
	// folder (the templates folder of their workspaces), nil without one.
	Exercises     []*curriculum.Exercise
	ExerciseFiles fs.FS
	Problems      curriculum.Problems

	folder *curriculum.Folder
}

// Close releases the folder that Templates reads from.
func (r *Result) Close() error { return r.folder.Close() }

// Validate checks the curriculum in dir without running anything: the
// curriculum file and its lessons, every project manifest and exercise,
// their checks (one file or more per milestone), and, per project or
// exercise and stack, that the starter and the reference can be produced
// (markers balanced and known, paths confined, no solution line leaking
// into the starter).
// Problems are returned in Result, not as an error; err is for failures to
// read at all.
//
// The folder is read through a curriculum.Folder, so that no link leads a
// read outside it; Close the result when done with Templates.
func Validate(ctx context.Context, dir string) (_ *Result, err error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		if err == nil {
			err = errors.New("not a folder")
		}
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	root, err := curriculum.OpenFolder(dir)
	if err != nil {
		return nil, fmt.Errorf("%s cannot be read: %w", dir, err)
	}
	defer func() {
		if err != nil {
			root.Close()
		}
	}()
	res := &Result{folder: root}
	collect := func(err error) error {
		var ps curriculum.Problems
		var le *curriculum.LinkError
		switch {
		case errors.As(err, &ps):
			res.Problems = append(res.Problems, ps...)
			return nil
		case errors.As(err, &le):
			res.Problems = append(res.Problems, &curriculum.Problem{Pos: curriculum.Pos{File: le.Link}, Msg: le.Reason()})
			return nil
		}
		return err
	}
	if info, err := fs.Stat(root, "templates"); err == nil && info.IsDir() {
		res.Templates, _ = fs.Sub(root, "templates")
	} else {
		_ = collect(err) // a link leading outside is a problem; no templates/ is none
	}
	c, err := curriculum.Load(root, res.Templates)
	if err := collect(err); err != nil {
		return nil, err
	}
	res.Curriculum = c
	if c != nil && len(c.Exercises()) > 0 {
		res.Exercises = c.Exercises()
		if res.ExerciseFiles, err = fs.Sub(root, curriculum.ExercisesDir); err != nil {
			return nil, err
		}
		for _, ex := range res.Exercises {
			res.Problems = append(res.Problems, checkExercise(ctx, res.ExerciseFiles, ex)...)
		}
	}
	if res.Templates == nil {
		dedupe(&res.Problems)
		return res, nil
	}
	projects, err := curriculum.LoadProjects(res.Templates)
	if err := collect(err); err != nil {
		return nil, err
	}
	res.Projects = projects
	for _, p := range projects {
		res.Problems = append(res.Problems, checkProject(ctx, res.Templates, p)...)
	}
	dedupe(&res.Problems)
	return res, nil
}

// checkProject finds a project's problems beyond its manifest.
func checkProject(ctx context.Context, tmpl fs.FS, p *curriculum.Project) curriculum.Problems {
	var ps curriculum.Problems
	manifest := curriculum.Pos{File: path.Join("templates", p.ID, curriculum.ProjectFile)}
	if _, err := PlanOf(tmpl, p); err != nil {
		ps = append(ps, checkProblems(p.ID, err)...)
	} else {
		suites, _ := check.LoadSuites(tmpl, path.Join(p.ID, "checks"))
		has := map[string]bool{}
		for _, s := range suites {
			has[s.Milestone] = true
		}
		for _, m := range p.Milestones {
			if !has[m.ID] {
				ps = append(ps, &curriculum.Problem{Pos: manifest, Msg: fmt.Sprintf("milestone %q has no checks: add templates/%s/checks/<n>-%s.yaml with `milestone: %s`", m.ID, p.ID, m.ID, m.ID)})
			}
		}
	}
	for _, stack := range scaffold.StackNames(p) {
		for _, mode := range []scaffold.Mode{scaffold.Starter(), scaffold.Solution()} {
			if _, err := scaffold.Files(ctx, tmpl, p, stack, mode); err != nil {
				ps = append(ps, scaffoldProblem(p.ID, stack, err))
			}
		}
	}
	return ps
}

// checkExercise finds an exercise's problems beyond its manifest, which
// loading the curriculum checked: its checks decode and prove its one
// milestone, and each stack's starter and reference can be produced.
func checkExercise(ctx context.Context, files fs.FS, ex *curriculum.Exercise) curriculum.Problems {
	var ps curriculum.Problems
	p := ex.Project()
	if plan, err := PlanOf(files, p); err != nil {
		ps = append(ps, prefixed(curriculum.ExercisesDir, checkProblems(p.ID, err))...)
	} else {
		ps = append(ps, prefixed(curriculum.ExercisesDir, runsNothingProblems(ex, plan))...)
	}
	for _, stack := range scaffold.StackNames(p) {
		for _, mode := range []scaffold.Mode{scaffold.Starter(), scaffold.Solution()} {
			if _, err := scaffold.Files(ctx, files, p, stack, mode); err != nil {
				ps = append(ps, prefixed(curriculum.ExercisesDir, curriculum.Problems{scaffoldProblem(p.ID, stack, err)})...)
			}
		}
	}
	return ps
}

// runsNothingProblems refuses, in an exercise with a stack that has no run
// command, the steps that would run one: judge steps and exec steps
// without a command of their own. Such a stack's checks read files.
func runsNothingProblems(ex *curriculum.Exercise, plan *check.Plan) curriculum.Problems {
	var none []string
	for _, name := range ex.StackNames() {
		if ex.Stacks[name].RunsNothing() {
			none = append(none, name)
		}
	}
	if len(none) == 0 {
		return nil
	}
	var ps curriculum.Problems
	for _, s := range plan.Suites {
		for _, st := range s.Steps {
			if st.Judge != nil || st.Exec != nil && len(st.Exec.Command) == 0 || st.HTTP != nil || st.WS != nil || st.Parallel != nil {
				ps = append(ps, &curriculum.Problem{Pos: templatePos(ex.ID, st.File, st.Line, st.Col),
					Msg: fmt.Sprintf("step %q (%s) needs a program or server, but stack %s has no run command: only sql, git and exec steps with a command run without one", st.Name, st.Kind(), strings.Join(none, ", "))})
			}
		}
	}
	return ps
}

// prefixed moves problems placed under templates/ (where checkProblems and
// scaffoldProblem put them) to dir.
func prefixed(dir string, ps curriculum.Problems) curriculum.Problems {
	for _, p := range ps {
		p.Pos.File = path.Join(dir, strings.TrimPrefix(p.Pos.File, "templates/"))
	}
	return ps
}

// PlanOf loads a project's check suites into a plan over all its
// milestones.
func PlanOf(tmpl fs.FS, p *curriculum.Project) (*check.Plan, error) {
	suites, err := check.LoadSuites(tmpl, path.Join(p.ID, "checks"))
	if err != nil {
		return nil, err
	}
	plan := &check.Plan{Project: p.ID, Suites: suites, All: true}
	for _, m := range p.Milestones {
		plan.Milestones = append(plan.Milestones, check.Milestone{ID: m.ID, Title: m.Title, Hint: m.Hint})
	}
	if err := plan.Check(); err != nil {
		return nil, err
	}
	return plan, nil
}

func checkProblems(project string, err error) curriculum.Problems {
	var es check.Errors
	if errors.As(err, &es) {
		ps := make(curriculum.Problems, 0, len(es))
		for _, e := range es {
			ps = append(ps, &curriculum.Problem{Pos: templatePos(project, e.File, e.Line, e.Col), Msg: e.Msg})
		}
		return ps
	}
	var e *check.Error
	if errors.As(err, &e) {
		return curriculum.Problems{{Pos: templatePos(project, e.File, e.Line, e.Col), Msg: e.Msg}}
	}
	return curriculum.Problems{{Pos: curriculum.Pos{File: path.Join("templates", project, "checks")}, Msg: err.Error()}}
}

func scaffoldProblem(project, stack string, err error) *curriculum.Problem {
	var me *scaffold.MarkerError
	if errors.As(err, &me) {
		file := me.Path
		if !strings.HasPrefix(file, project+"/") {
			file = path.Join(project, stack, file)
		}
		return &curriculum.Problem{Pos: curriculum.Pos{File: path.Join("templates", file), Line: me.Line}, Msg: me.Msg}
	}
	return &curriculum.Problem{Pos: curriculum.Pos{File: path.Join("templates", project, stack)}, Msg: err.Error()}
}

// templatePos makes a check file's position relative to the curriculum
// folder; check files name themselves relative to the templates folder.
func templatePos(project, file string, line, col int) curriculum.Pos {
	if file == "" {
		file = path.Join(project, "checks")
	}
	return curriculum.Pos{File: path.Join("templates", file), Line: line, Col: col}
}

func dedupe(ps *curriculum.Problems) {
	seen := map[string]bool{}
	out := (*ps)[:0]
	for _, p := range *ps {
		if k := p.Error(); !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	*ps = out
}
