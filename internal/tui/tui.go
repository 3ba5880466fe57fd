// Package tui is waymark's terminal user interface, built on Bubble Tea v2:
// one router model (Model) that owns the panes, the global keys, the help
// overlay and the status line, and one sub-model per screen (dashboard,
// step checklist, topic, quiz, review, projects and the new-project form,
// the exercise form, skills, career and FAQ). Screens never write files: they ask the router, which
// saves every change at once through progress.Store, the same locked,
// atomic save the CLI uses, and shows a failed save in the status line.
package tui

import (
	"context"
	"errors"
	"io"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
)

// Options are what the TUI works on. Everything that varies between a real
// run and a test (clock, files, the scaffold operation) comes in here.
type Options struct {
	Curriculum *curriculum.Curriculum
	// Store is where changes are saved; Progress is its content as loaded
	// by the caller, which has already refused a file that does not parse.
	Store    *progress.Store
	Progress *progress.Progress
	// Projects are the manifests of the curriculum's project templates;
	// ProjectsErr says why they could not be read (the screen shows it).
	Projects    []*curriculum.Project
	ProjectsErr error
	// Scaffold generates a project, as `waymark new` does; nil hides the
	// new-project form.
	Scaffold ScaffoldFunc
	// Practice writes an exercise's workspace, as `waymark practice` does;
	// nil hides the exercise form.
	Practice PracticeFunc
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// IsDark is the background assumed until the terminal reports its own.
	IsDark bool
}

// ScaffoldRequest is what the new-project form asks for.
type ScaffoldRequest struct {
	Project  *curriculum.Project
	Stack    string
	Dir      string
	Module   string
	Solution bool
}

// ScaffoldResult is what a scaffold made, for the next-steps screen.
type ScaffoldResult struct {
	Dir    string
	Files  int
	Commit string
	Module string
	// Notes are extra lines to show, such as why no commit was made.
	Notes []string
}

// ScaffoldFunc generates a project and records it in the progress file, as
// `waymark new` does; it runs off the UI goroutine.
type ScaffoldFunc func(ctx context.Context, req ScaffoldRequest) (*ScaffoldResult, error)

// PracticeRequest is what the exercise form asks for.
type PracticeRequest struct {
	Exercise *curriculum.Exercise
	Stack    string
	Dir      string
	Solution bool
}

// PracticeFunc writes an exercise's workspace, as `waymark practice` does;
// it runs off the UI goroutine.
type PracticeFunc func(ctx context.Context, req PracticeRequest) (*ScaffoldResult, error)

// Run shows the TUI on in and out until the learner quits or ctx ends.
func Run(ctx context.Context, opts Options, in io.Reader, out io.Writer, extra ...tea.ProgramOption) error {
	m, err := New(ctx, opts)
	if err != nil {
		return err
	}
	popts := append([]tea.ProgramOption{tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out)}, extra...)
	final, err := tea.NewProgram(m, popts...).Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil {
		return err
	}
	if fm, ok := final.(*Model); ok && fm.saveErr != nil {
		return fm.saveErr
	}
	return nil
}

var errNoCurriculum = errors.New("tui: no curriculum given")

var errNoStore = errors.New("no progress file to save to")
