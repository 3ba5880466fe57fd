package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/waymark-dev/waymark/internal/progress"
)

// Pane indexes: the top-level tabs.
const (
	paneRoadmap = iota
	paneProjects
	paneSkills
	paneCareer
	paneCount
)

var paneNames = [paneCount]string{"Roadmap", "Projects", "Skills", "Career & FAQ"}

// Model is the router: it owns one stack of screens per pane (the pane's
// own screen at the bottom, what was opened from it above), the global keys,
// the help overlay, the status line and every save.
type Model struct {
	com   *common
	panes [paneCount][]screen
	pane  int
	help  help.Model

	showHelp  bool
	status    string
	statusErr bool

	saveSeq, appliedSeq, pending int
	saveErr                      error
	quitting                     bool
}

// New builds the router over opts.
func New(ctx context.Context, opts Options) (*Model, error) {
	if opts.Curriculum == nil {
		return nil, errNoCurriculum
	}
	p := opts.Progress
	if p == nil {
		p = progress.New(opts.Curriculum.ID)
	}
	com := &common{ctx: ctx, styles: NewStyles(opts.IsDark), keys: DefaultKeyMap(), opts: opts, c: opts.Curriculum,
		width: 80, height: 24}
	com.setProgress(p)
	m := &Model{com: com, help: help.New()}
	m.help.Styles = com.styles.Help
	m.panes[paneRoadmap] = []screen{newDashboard(com)}
	m.panes[paneProjects] = []screen{newProjects(com)}
	m.panes[paneSkills] = []screen{newSkills(com)}
	m.panes[paneCareer] = []screen{newCareer(com)}
	m.resize()
	return m, nil
}

// Init asks the terminal for its background, to pick light or dark styles.
func (m *Model) Init() tea.Cmd { return tea.RequestBackgroundColor }

func (m *Model) top() screen {
	s := m.panes[m.pane]
	return s[len(s)-1]
}

// bodySize is the space a screen gets: the window minus two header lines
// (tabs, breadcrumb) and two footer lines (status, help).
func (m *Model) bodySize() (int, int) { return m.com.width, max(m.com.height-4, 1) }

func (m *Model) resize() {
	w, h := m.bodySize()
	for _, stack := range m.panes {
		for _, s := range stack {
			s.SetSize(w, h)
		}
	}
	m.help.SetWidth(w)
}

func (m *Model) push(s screen) tea.Cmd {
	s.SetSize(m.bodySize())
	m.panes[m.pane] = append(m.panes[m.pane], s)
	if i, ok := s.(interface{ Init() tea.Cmd }); ok {
		return i.Init()
	}
	return nil
}

func (m *Model) pop() {
	if s := m.panes[m.pane]; len(s) > 1 {
		m.panes[m.pane] = s[:len(s)-1]
	}
}

// Update routes msg: input goes to the top screen of the current pane
// unless it is a global key; everything else reaches every pane's top.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.com.width, m.com.height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case tea.BackgroundColorMsg:
		m.com.styles = NewStyles(msg.IsDark())
		m.help.Styles = m.com.styles.Help
		return m, m.broadcast(msg)
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case tea.MouseWheelMsg:
		if !m.showHelp {
			return m, m.deliver(msg)
		}
		return m, nil
	case openStepMsg:
		return m, m.push(newStep(m.com, msg.StepID))
	case openTopicMsg:
		if t := m.com.c.Topic(msg.TopicID); t != nil {
			return m, m.push(newTopic(m.com, t))
		}
		return m, nil
	case openQuizMsg:
		if s := m.com.c.Step(msg.StepID); s != nil && s.Quiz != nil && len(s.Quiz.Questions) > 0 {
			return m, m.push(newQuiz(m.com, s))
		}
		m.setStatus("this step has no quiz", false)
		return m, nil
	case openReviewMsg:
		return m, m.push(newReview(m.com))
	case openFormMsg:
		return m, m.push(newProjectForm(m.com, msg.ProjectID))
	case openExerciseFormMsg:
		if t := m.com.c.Topic(msg.TopicID); t != nil && m.com.opts.Practice != nil && len(m.com.c.TopicExercises(t.ID)) > 0 {
			return m, m.push(newExerciseForm(m.com, t))
		}
		return m, nil
	case backMsg:
		m.pop()
		return m, nil
	case statusMsg:
		m.setStatus(msg.Text, msg.Err)
		return m, nil
	case changeMsg:
		return m, m.save(msg)
	case savedMsg:
		return m, m.saved(msg)
	}
	return m, m.broadcast(msg)
}

func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, stack := range m.panes {
		cmds = append(cmds, stack[len(stack)-1].Update(msg))
	}
	return tea.Batch(append(cmds, m.flush())...)
}

// deliver gives msg to the top screen and handles what it emitted.
func (m *Model) deliver(msg tea.Msg) tea.Cmd {
	cmd := m.top().Update(msg)
	return tea.Batch(cmd, m.flush())
}

// flush handles what screens asked of the router, in order, before the
// next message (see common.requests).
func (m *Model) flush() tea.Cmd {
	var cmds []tea.Cmd
	for len(m.com.requests) > 0 {
		msg := m.com.requests[0]
		m.com.requests = m.com.requests[1:]
		_, cmd := m.Update(msg)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.com.keys
	if key.Matches(msg, k.ForceQuit) {
		return m.quit()
	}
	if m.showHelp {
		if key.Matches(msg, k.Help, k.Back, k.Quit) {
			m.showHelp = false
		}
		return nil
	}
	if c, ok := m.top().(capturer); ok && c.Capturing() {
		return m.deliver(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return nil
	case key.Matches(msg, k.NextTab):
		m.pane = (m.pane + 1) % paneCount
		return nil
	case key.Matches(msg, k.PrevTab):
		m.pane = (m.pane + paneCount - 1) % paneCount
		return nil
	case key.Matches(msg, k.Back) && len(m.panes[m.pane]) > 1:
		// A screen may want esc for itself (a quiz warns that leaving loses
		// the attempt); it says so by handling the key and returning a cmd.
		cmd := m.top().Update(msg)
		if cmd != nil || len(m.com.requests) > 0 {
			return tea.Batch(cmd, m.flush())
		}
		m.pop()
		return nil
	}
	if !m.statusErr {
		m.status = "" // a new action clears the last note, but not a failed save
	}
	return m.deliver(msg)
}

// quit waits for saves still running, so that no change is lost.
func (m *Model) quit() tea.Cmd {
	m.quitting = true
	if m.pending > 0 {
		m.setStatus("saving…", false)
		return nil
	}
	return tea.Quit
}

func (m *Model) setStatus(text string, isErr bool) { m.status, m.statusErr = text, isErr }

// save runs msg's change through the store off the UI goroutine.
func (m *Model) save(msg changeMsg) tea.Cmd {
	m.saveSeq++
	m.pending++
	seq, store, id, now := m.saveSeq, m.com.opts.Store, m.com.c.ID, m.com.now()
	return func() tea.Msg {
		if store == nil {
			return savedMsg{seq: seq, err: errNoStore, note: msg.Note}
		}
		p, err := store.Update(func(p *progress.Progress) error {
			if p.Curriculum == "" {
				p.Curriculum = id
			}
			msg.Fn(p, now)
			return nil
		})
		return savedMsg{seq: seq, p: p, err: err, note: msg.Note}
	}
}

func (m *Model) saved(msg savedMsg) tea.Cmd {
	m.pending--
	if msg.err != nil {
		m.saveErr = msg.err
		m.setStatus("not saved: "+msg.err.Error(), true)
	} else {
		m.saveErr = nil
		// Saves may finish out of order; an older snapshot must not
		// replace a newer one.
		if msg.seq > m.appliedSeq {
			m.appliedSeq = msg.seq
			m.com.setProgress(msg.p)
		}
		m.setStatus("saved · "+msg.note, false)
	}
	if m.quitting && m.pending == 0 {
		return tea.Quit
	}
	return nil
}

// View draws the header, the top screen (or the help overlay), the status
// line and the help bar, cut to the window.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "waymark"
	return v
}

func (m *Model) render() string {
	st := m.com.styles
	w, h := m.bodySize()
	var b strings.Builder
	b.WriteString(fit(m.tabs(), w))
	b.WriteByte('\n')
	b.WriteString(fit(st.Crumb.Render(m.breadcrumb()), w))
	b.WriteByte('\n')
	var body string
	// An error may take a second line, from the bottom of the body: it is
	// what the learner most needs to read.
	status := ""
	switch {
	case m.statusErr:
		status = strings.Join(firstLines(wrap(st.StatusError.Render("✗ "+m.status), w), 2), "\n")
	case m.status != "":
		status = fit(st.StatusInfo.Render(m.status), w)
	}
	extra := strings.Count(status, "\n")
	if m.showHelp {
		body = lipgloss.Place(w, h-extra, lipgloss.Center, lipgloss.Center, m.helpBox())
	} else {
		body = m.top().View()
	}
	b.WriteString(clip(body, w, h-extra))
	b.WriteByte('\n')
	b.WriteString(status)
	b.WriteByte('\n')
	b.WriteString(fit(m.help.ShortHelpView(append(m.top().ShortHelp(), m.com.keys.ShortHelp()...)), w))
	return b.String()
}

// helpBox is the help overlay: the key map's columns side by side, or in
// two rows on a narrow window.
func (m *Model) helpBox() string {
	st := m.com.styles
	cols := m.com.keys.FullHelp()
	full := m.help.FullHelpView(cols)
	if cellWidth(full)+6 > m.com.width {
		half := (len(cols) + 1) / 2
		full = m.help.FullHelpView(cols[:half]) + "\n\n" + m.help.FullHelpView(cols[half:])
	}
	return st.Overlay.Render(st.Heading.Render("Keys") + "\n\n" + full)
}

func (m *Model) tabs() string {
	st := m.com.styles
	parts := []string{st.Brand.Render("waymark")}
	for i, name := range paneNames {
		label := name
		if i == m.pane {
			parts = append(parts, st.ActiveTab.Render("["+label+"]"))
		} else {
			parts = append(parts, st.Tab.Render(" "+label+" "))
		}
	}
	return strings.Join(parts, " ")
}

func (m *Model) breadcrumb() string {
	var all []string
	for _, s := range m.panes[m.pane] {
		all = append(all, s.Title())
	}
	// A deep path keeps its end, where the learner is: leading screens give
	// way to "…" one at a time. Each turn drops a real screen, so the loop
	// ends; the last title alone is cut by fit if it is still too wide.
	names := all
	for cut := 1; cut < len(all) && cellWidth(strings.Join(names, " › ")) > m.com.width; cut++ {
		names = append([]string{"…"}, all[cut:]...)
	}
	return strings.Join(names, " › ")
}

// clip makes body exactly h lines of at most w cells, so a screen that
// overflows cannot push the footer off the window.
func clip(body string, w, h int) string {
	lines := strings.Split(strings.TrimRight(body, "\n"), "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = fit(l, w)
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
