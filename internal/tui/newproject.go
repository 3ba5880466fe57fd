package tui

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
)

// formStage is where the new-project screen is.
type formStage int

const (
	stageForm formStage = iota
	stageRunning
	stageDone
	stageFailed
)

// projectForm asks for a project, stack, folder, module path and mode with
// a huh form, runs the scaffold operation (the same as `waymark new`) behind
// a spinner, records the project in progress, and shows the next steps.
type projectForm struct {
	com           *common
	form          *huh.Form
	spin          spinner.Model
	stage         formStage
	width, height int

	project, stack, dir, module, mode string
	// The fields whose choices and hints follow other answers. They are
	// refreshed on the UI goroutine after each update: huh evaluates
	// OptionsFunc and PlaceholderFunc in commands, off that goroutine,
	// where reading the answers would race with the form writing them.
	stackField            *huh.Select[string]
	dirField, moduleField *huh.Input
	refreshedFor          string

	result *ScaffoldResult
	err    error
}

// scaffoldDoneMsg carries the scaffold operation's outcome.
type scaffoldDoneMsg struct {
	res *ScaffoldResult
	err error
}

func newProjectForm(com *common, projectID string) *projectForm {
	f := &projectForm{com: com, project: projectID, mode: "starter",
		spin: spinner.New(spinner.WithSpinner(spinner.Dot))}
	if f.manifest() == nil && len(com.opts.Projects) > 0 {
		f.project = com.opts.Projects[0].ID
	}
	f.form = f.buildForm()
	return f
}

func (f *projectForm) manifest() *curriculum.Project {
	for _, p := range f.com.opts.Projects {
		if p.ID == f.project {
			return p
		}
	}
	return nil
}

func (f *projectForm) buildForm() *huh.Form {
	var projects []huh.Option[string]
	for _, p := range f.com.opts.Projects {
		projects = append(projects, huh.NewOption(p.Title, p.ID))
	}
	f.stackField = huh.NewSelect[string]().Key("stack").Title("Stack").Inline(true).Value(&f.stack)
	f.dirField = huh.NewInput().Key("dir").Title("Folder").Value(&f.dir)
	f.moduleField = huh.NewInput().Key("module").Title("Go module path").Value(&f.module)
	f.refreshedFor = ""
	f.refresh()
	form := huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Key("project").Title("Project").Options(projects...).Inline(true).Value(&f.project),
		f.stackField,
		f.dirField,
		f.moduleField,
		huh.NewSelect[string]().Key("mode").Title("Start from").Inline(true).Value(&f.mode).Options(
			huh.NewOption("starter: build every milestone yourself", "starter"),
			huh.NewOption("solution: the finished reference", "solution"),
		),
	)).WithTheme(huh.ThemeFunc(huh.ThemeCharm)).WithShowHelp(false).WithWidth(min(max(f.width, 40), 80))
	return form
}

// refresh brings the stack choices and the folder and module hints in line
// with the answers so far.
func (f *projectForm) refresh() {
	if key := f.project + "\x00" + f.dir; key == f.refreshedFor {
		return
	} else {
		f.refreshedFor = key
	}
	var opts []huh.Option[string]
	var names []string
	if m := f.manifest(); m != nil {
		names = slices.Sorted(maps.Keys(m.Stacks))
		for _, s := range names {
			opts = append(opts, huh.NewOption(s, s))
		}
	}
	// A stack the new project lacks would leave huh's cursor past the end
	// of the shorter list (python, then a project without it): choose the
	// first one instead.
	if len(names) > 0 && !slices.Contains(names, f.stack) {
		f.stack = names[0]
	}
	f.stackField.Options(opts...)
	f.dirField.Placeholder("./" + f.project)
	f.moduleField.Placeholder("example.com/" + filepath.Base(f.targetDir()) + " (default)")
}

func (f *projectForm) targetDir() string {
	if d := strings.TrimSpace(f.dir); d != "" {
		return d
	}
	return f.project
}

// Init starts the form.
func (f *projectForm) Init() tea.Cmd { return f.form.Init() }

func (f *projectForm) Title() string { return "New project" }

func (f *projectForm) SetSize(w, h int) {
	f.width, f.height = w, h
	f.form = f.form.WithWidth(min(max(w, 40), 80))
}

// Capturing is true while the form is being filled in.
func (f *projectForm) Capturing() bool { return f.stage == stageForm || f.stage == stageRunning }

func (f *projectForm) ShortHelp() []key.Binding {
	switch f.stage {
	case stageForm:
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter/tab", "next")),
			key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
			key.NewBinding(key.WithKeys("←/→"), key.WithHelp("←/→", "choose")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	case stageFailed:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit again")), f.com.keys.Back}
	}
	return []key.Binding{f.com.keys.Back}
}

func (f *projectForm) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case scaffoldDoneMsg:
		return f.finished(msg)
	case spinner.TickMsg:
		if f.stage == stageRunning {
			var cmd tea.Cmd
			f.spin, cmd = f.spin.Update(msg)
			return cmd
		}
		return nil
	case tea.KeyPressMsg:
		switch f.stage {
		case stageRunning:
			return nil // the scaffold finishes or fails on its own
		case stageFailed:
			if key.Matches(msg, f.com.keys.Open) {
				f.stage = stageForm
				f.form = f.buildForm()
				return f.form.Init()
			}
			return nil
		case stageDone:
			return nil
		}
		if msg.String() == "esc" {
			return f.com.emit(backMsg{})
		}
	}
	if f.stage != stageForm {
		return nil
	}
	model, cmd := f.form.Update(msg)
	if form, ok := model.(*huh.Form); ok {
		f.form = form
	}
	f.refresh()
	switch f.form.State {
	case huh.StateCompleted:
		return f.start()
	case huh.StateAborted:
		return f.com.emit(backMsg{})
	}
	return cmd
}

// start runs the scaffold operation off the UI goroutine.
func (f *projectForm) start() tea.Cmd {
	m := f.manifest()
	if m == nil {
		f.stage, f.err = stageFailed, fmt.Errorf("no template for project %q", f.project)
		return nil
	}
	f.stage = stageRunning
	req := ScaffoldRequest{Project: m, Stack: f.stack, Dir: f.targetDir(), Module: strings.TrimSpace(f.module), Solution: f.mode == "solution"}
	run, ctx := f.com.opts.Scaffold, f.com.ctx
	return tea.Batch(f.spin.Tick, func() tea.Msg {
		res, err := run(ctx, req)
		return scaffoldDoneMsg{res, err}
	})
}

func (f *projectForm) finished(msg scaffoldDoneMsg) tea.Cmd {
	if msg.err != nil {
		f.stage, f.err = stageFailed, msg.err
		return nil
	}
	f.stage, f.result = stageDone, msg.res
	// The operation recorded the folder in the progress file; an empty
	// change reads that file back through the store, like any save.
	return f.com.emit(changeMsg{
		Note: "project " + f.project + " created in " + msg.res.Dir,
		Fn:   func(*progress.Progress, time.Time) {},
	})
}

func (f *projectForm) View() string {
	st := f.com.styles
	w := f.width
	switch f.stage {
	case stageRunning:
		return fmt.Sprintf("\n%s Scaffolding %s (%s) into %s…\n", f.spin.View(), f.project, f.stack, f.targetDir())
	case stageFailed:
		return "\n" + st.StatusError.Render("✗ Could not create the project") + "\n\n" + wrap(f.err.Error(), w) + "\n\n" +
			st.Muted.Render("enter to edit the form again · esc to go back") + "\n"
	case stageDone:
		return f.nextSteps()
	}
	return st.Heading.Render("Scaffold a project") + "\n" +
		st.Muted.Render(wrap("A runnable starter repository, with a first Git commit.", w)) + "\n\n" + f.form.View()
}

func (f *projectForm) nextSteps() string {
	st := f.com.styles
	r := f.result
	var b strings.Builder
	line := fmt.Sprintf("✓ Created %s in %s (%d files", f.project, r.Dir, r.Files)
	if len(r.Commit) >= 7 {
		line += ", commit " + r.Commit[:7]
	}
	b.WriteString(st.Right.Render(wrap(line+")", f.width)) + "\n")
	for _, n := range r.Notes {
		b.WriteString(st.Muted.Render(wrap(n, f.width)) + "\n")
	}
	b.WriteString("\n" + st.Heading.Render("Next steps") + "\n")
	step := func(cmd, why string) {
		b.WriteString(fit(fmt.Sprintf("  %s  %s", st.Key.Render(fmt.Sprintf("%-24s", cmd)), st.Muted.Render(why)), f.width) + "\n")
	}
	step("cd "+r.Dir, "your new repository")
	if m := f.manifest(); m != nil {
		if s := m.Stacks[f.stack]; s != nil && s.Run != "" {
			step(s.Run, "start the server")
		}
		if len(m.Milestones) > 0 {
			step("waymark check", "verify milestone 1: "+m.Milestones[0].Title)
		}
	}
	b.WriteString("\n" + st.Muted.Render(wrap("The README lists every milestone. Progress shows on the Projects pane once a check passes.", f.width)) + "\n")
	return b.String()
}
