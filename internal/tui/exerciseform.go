package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// exerciseForm asks which of a topic's exercises to write, in which stack,
// into which folder and from the starter or the reference, runs the
// practice operation (the same as `waymark practice`) behind a spinner,
// and shows the next steps.
type exerciseForm struct {
	com           *common
	topic         *curriculum.Topic
	form          *huh.Form
	spin          spinner.Model
	stage         formStage
	width, height int

	exercise, stack, dir, mode string
	// The fields whose choices and hints follow the exercise chosen,
	// refreshed on the UI goroutine as projectForm's are.
	stackField   *huh.Select[string]
	dirField     *huh.Input
	refreshedFor string

	result *ScaffoldResult
	err    error
}

// practiceDoneMsg carries the practice operation's outcome to the form
// that started it.
type practiceDoneMsg struct {
	form *exerciseForm
	res  *ScaffoldResult
	err  error
}

func newExerciseForm(com *common, t *curriculum.Topic) *exerciseForm {
	f := &exerciseForm{com: com, topic: t, mode: "starter", spin: spinner.New(spinner.WithSpinner(spinner.Dot))}
	if exs := com.c.TopicExercises(t.ID); len(exs) > 0 {
		f.exercise = exs[0].ID
	}
	f.form = f.buildForm()
	return f
}

func (f *exerciseForm) chosen() *curriculum.Exercise { return f.com.c.Exercise(f.exercise) }

func (f *exerciseForm) buildForm() *huh.Form {
	var exs []huh.Option[string]
	for _, e := range f.com.c.TopicExercises(f.topic.ID) {
		exs = append(exs, huh.NewOption(e.Title, e.ID))
	}
	f.stackField = huh.NewSelect[string]().Key("stack").Title("Stack").Inline(true).Value(&f.stack)
	f.dirField = huh.NewInput().Key("dir").Title("Folder").Value(&f.dir)
	f.refreshedFor = ""
	f.refresh()
	return huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Key("exercise").Title("Exercise").Options(exs...).Inline(true).Value(&f.exercise),
		f.stackField,
		f.dirField,
		huh.NewSelect[string]().Key("mode").Title("Start from").Inline(true).Value(&f.mode).Options(
			huh.NewOption("starter: solve it yourself", "starter"),
			huh.NewOption("solution: the reference", "solution"),
		),
	)).WithTheme(huh.ThemeFunc(huh.ThemeCharm)).WithShowHelp(false).WithWidth(min(max(f.width, 40), 80))
}

// refresh brings the stack choices and the folder hint in line with the
// exercise chosen.
func (f *exerciseForm) refresh() {
	if f.exercise == f.refreshedFor {
		return
	}
	f.refreshedFor = f.exercise
	var opts []huh.Option[string]
	if e := f.chosen(); e != nil {
		for _, s := range e.StackNames() {
			opts = append(opts, huh.NewOption(s, s))
		}
	}
	f.stackField.Options(opts...)
	f.dirField.Placeholder("./" + f.exercise)
}

func (f *exerciseForm) targetDir() string {
	if d := strings.TrimSpace(f.dir); d != "" {
		return d
	}
	return f.exercise
}

// Init starts the form.
func (f *exerciseForm) Init() tea.Cmd { return f.form.Init() }

func (f *exerciseForm) Title() string { return "Practise" }

func (f *exerciseForm) SetSize(w, h int) {
	f.width, f.height = w, h
	f.form = f.form.WithWidth(min(max(w, 40), 80))
}

// Capturing is true while the form is being filled in.
func (f *exerciseForm) Capturing() bool { return f.stage == stageForm || f.stage == stageRunning }

func (f *exerciseForm) ShortHelp() []key.Binding {
	switch f.stage {
	case stageForm:
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter/tab", "next")),
			key.NewBinding(key.WithKeys("←/→"), key.WithHelp("←/→", "choose")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	case stageFailed:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit again")), f.com.keys.Back}
	}
	return []key.Binding{f.com.keys.Back}
}

func (f *exerciseForm) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case practiceDoneMsg:
		if msg.form == f {
			f.finished(msg)
		}
		return nil
	case spinner.TickMsg:
		if f.stage == stageRunning {
			var cmd tea.Cmd
			f.spin, cmd = f.spin.Update(msg)
			return cmd
		}
		return nil
	case tea.KeyPressMsg:
		switch f.stage {
		case stageRunning, stageDone:
			return nil
		case stageFailed:
			if key.Matches(msg, f.com.keys.Open) {
				f.stage = stageForm
				f.form = f.buildForm()
				return f.form.Init()
			}
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

// start runs the practice operation off the UI goroutine.
func (f *exerciseForm) start() tea.Cmd {
	e := f.chosen()
	if e == nil {
		f.stage, f.err = stageFailed, fmt.Errorf("no exercise %q", f.exercise)
		return nil
	}
	f.stage = stageRunning
	req := PracticeRequest{Exercise: e, Stack: f.stack, Dir: f.targetDir(), Solution: f.mode == "solution"}
	run, ctx := f.com.opts.Practice, f.com.ctx
	return tea.Batch(f.spin.Tick, func() tea.Msg {
		res, err := run(ctx, req)
		return practiceDoneMsg{form: f, res: res, err: err}
	})
}

func (f *exerciseForm) finished(msg practiceDoneMsg) {
	if msg.err != nil {
		f.stage, f.err = stageFailed, msg.err
		return
	}
	f.stage, f.result = stageDone, msg.res
	f.com.emit(statusMsg{Text: "exercise " + f.exercise + " written to " + msg.res.Dir})
}

func (f *exerciseForm) View() string {
	st := f.com.styles
	w := f.width
	switch f.stage {
	case stageRunning:
		return fmt.Sprintf("\n%s Writing %s (%s) into %s…\n", f.spin.View(), f.exercise, f.stack, f.targetDir())
	case stageFailed:
		return "\n" + st.StatusError.Render("✗ Could not write the exercise") + "\n\n" + wrap(f.err.Error(), w) + "\n\n" +
			st.Muted.Render("enter to edit the form again · esc to go back") + "\n"
	case stageDone:
		return f.nextSteps()
	}
	return st.Heading.Render("Practise "+f.topic.Title) + "\n" +
		st.Muted.Render(wrap("A small workspace with the task as its README, checked by waymark check.", w)) + "\n\n" + f.form.View()
}

func (f *exerciseForm) nextSteps() string {
	st := f.com.styles
	r := f.result
	var b strings.Builder
	line := fmt.Sprintf("✓ Wrote %s in %s (%d files", f.exercise, r.Dir, r.Files)
	if len(r.Commit) >= 7 {
		line += ", commit " + r.Commit[:7]
	}
	b.WriteString(st.Right.Render(wrap(line+")", f.width)) + "\n")
	for _, n := range r.Notes {
		b.WriteString(st.Muted.Render(wrap(n, f.width)) + "\n")
	}
	b.WriteString("\n" + st.Heading.Render("Next steps") + "\n")
	steps := [][2]string{{"cd " + r.Dir, "README.md has the whole task"}}
	if e := f.chosen(); e != nil {
		steps = append(steps, exerciseRunSteps(e, f.stack)...)
		steps = append(steps, [2]string{"waymark check", "run the exercise's checks"},
			[2]string{"waymark practice hint " + e.ID, "a hint, when you are stuck"})
	}
	cmdWidth := 0
	for _, s := range steps {
		cmdWidth = max(cmdWidth, len(s[0]))
	}
	for _, s := range steps {
		b.WriteString(fit(fmt.Sprintf("  %s  %s", st.Key.Render(fmt.Sprintf("%-*s", cmdWidth, s[0])), st.Muted.Render(s[1])), f.width) + "\n")
	}
	b.WriteString("\n" + st.Muted.Render(wrap("A pass is recorded in your progress; when all of a topic's exercises pass, the topic is done.", f.width)) + "\n")
	return b.String()
}

// exerciseRunSteps is what to run in a new workspace of e's stack before
// checking it: a server to start, a program to try, or, for a SQL or Git
// exercise, nothing (and for Git, the repository to go into).
func exerciseRunSteps(e *curriculum.Exercise, stack string) [][2]string {
	var steps [][2]string
	if e.Setup != nil {
		steps = append(steps, [2]string{"cd " + curriculum.SetupRepo, "the repository to work in"})
	}
	switch s := e.Stacks[stack]; {
	case s == nil, s.RunsNothing():
	case s.Server():
		steps = append(steps, [2]string{s.Run, "start your server"})
	default:
		steps = append(steps, [2]string{"printf 'one two\\n' | " + s.Run, "run your program on some input"})
	}
	return steps
}
