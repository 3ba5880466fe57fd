package cli

import (
	"context"
	"io"
	"io/fs"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/waymark-dev/waymark/internal/gitrepo"
	"github.com/waymark-dev/waymark/internal/scaffold"
	"github.com/waymark-dev/waymark/internal/tui"
)

// tuiRun opens the interactive view on the terminal. A progress file that
// does not parse stops it before the screen is taken over, with the same
// error as every other command.
func tuiRun(ctx context.Context, f *Factory) error {
	c, err := f.Curriculum()
	if err != nil {
		return err
	}
	store, err := f.ProgressStore()
	if err != nil {
		return err
	}
	p, err := store.Load()
	if err != nil {
		return err
	}
	opts := tui.Options{Curriculum: c, Store: store, Progress: p, Now: f.Now, IsDark: true}
	tmpl, err := f.Templates()
	if err == nil {
		opts.Projects, err = f.curriculumCache().LoadProjects(tmpl)
		opts.Scaffold = scaffoldFunc(f, tmpl)
	}
	opts.ProjectsErr = err
	if ex, err := f.Exercises(); err == nil {
		opts.Practice = practiceFunc(f, ex)
	}
	var popts []tea.ProgramOption
	if !f.IO.ColorEnabled() {
		popts = append(popts, tea.WithColorProfile(colorprofile.Ascii)) // NO_COLOR, TERM=dumb
	}
	// Bubble Tea draws on a ticker, so the first frame waits a whole tick:
	// at its default 60 per second that is 17 ms of a start-up budget of 50.
	popts = append(popts, tea.WithFPS(120))
	return tui.Run(ctx, opts, f.IO.In, terminal(f.IO.Out), popts...)
}

// scaffoldFunc is the new-project form's operation: createProject, the
// same one `waymark new` runs, so the folder is recorded in progress too.
func scaffoldFunc(f *Factory, tmpl fs.FS) tui.ScaffoldFunc {
	return func(ctx context.Context, req tui.ScaffoldRequest) (*tui.ScaffoldResult, error) {
		mode := scaffold.Starter()
		if req.Solution {
			mode = scaffold.Solution()
		}
		res, err := createProject(ctx, f, tmpl, projectRequest{Project: req.Project, Stack: req.Stack, Mode: mode, Dir: req.Dir, Module: req.Module})
		if err != nil {
			return nil, err
		}
		out := &tui.ScaffoldResult{Dir: res.Dir, Files: len(res.Files), Commit: res.Commit, Module: res.Module}
		if res.GitSkipped != "" {
			out.Notes = append(out.Notes, res.GitSkipped)
		}
		if res.Author.Fallback && res.Commit != "" {
			out.Notes = append(out.Notes, gitrepo.FallbackTip)
		}
		if res.RecordErr != nil {
			out.Notes = append(out.Notes, "not recorded in your progress: "+res.RecordErr.Error())
		}
		return out, nil
	}
}

// practiceFunc is the exercise form's operation: createProject with the
// exercise, the same one `waymark practice <exercise>` runs.
func practiceFunc(f *Factory, exercises fs.FS) tui.PracticeFunc {
	return func(ctx context.Context, req tui.PracticeRequest) (*tui.ScaffoldResult, error) {
		mode := scaffold.Starter()
		if req.Solution {
			mode = scaffold.Solution()
		}
		res, err := createProject(ctx, f, exercises, projectRequest{Exercise: req.Exercise, Stack: req.Stack, Mode: mode, Dir: req.Dir})
		if err != nil {
			return nil, err
		}
		out := &tui.ScaffoldResult{Dir: res.Dir, Files: len(res.Files), Commit: res.Commit, Module: res.Module}
		if res.GitSkipped != "" {
			out.Notes = append(out.Notes, res.GitSkipped)
		}
		if res.Author.Fallback && res.Commit != "" {
			out.Notes = append(out.Notes, gitrepo.FallbackTip)
		}
		if mode.IsSolution() {
			out.Notes = append(out.Notes, "This is the reference solution: its checks pass, but they are not recorded as yours.")
		}
		return out, nil
	}
}

// terminal returns the terminal under out: Bubble Tea needs the file itself
// to size and drive the screen, and downsamples colour on its own.
func terminal(out io.Writer) io.Writer {
	if w, ok := out.(*colorprofile.Writer); ok {
		return w.Forward
	}
	return out
}
