package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
)

// topicScreen shows one topic: its summary and lesson rendered with glamour
// in a scrollable viewport, its resources, what it requires and unlocks.
type topicScreen struct {
	com           *common
	t             *curriculum.Topic
	vp            viewport.Model
	width, height int
	// lesson is the glamour rendering for renderedFor, kept because
	// rendering Markdown costs far more than a frame.
	lesson      string
	renderedFor string
	// shownFor is the progress snapshot the content's marks were drawn
	// from; a save installs a new one.
	shownFor *progress.Progress
}

func newTopic(com *common, t *curriculum.Topic) *topicScreen {
	s := &topicScreen{com: com, t: t, vp: viewport.New()}
	s.vp.MouseWheelEnabled = true
	s.vp.SoftWrap = true
	return s
}

func (s *topicScreen) Title() string { return s.t.Title }

func (s *topicScreen) ShortHelp() []key.Binding {
	k := s.com.keys
	if s.canPractise() {
		return []key.Binding{k.Practice, k.Toggle, k.Doing, k.Skip, k.Quiz, k.Back}
	}
	return []key.Binding{k.Toggle, k.Doing, k.Skip, k.Quiz, k.Back}
}

// canPractise reports whether the topic has exercises to start here.
func (s *topicScreen) canPractise() bool {
	return s.com.opts.Practice != nil && len(s.com.c.TopicExercises(s.t.ID)) > 0
}

// topicHeader is the lines above the viewport.
const topicHeader = 3

func (s *topicScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.vp.SetWidth(w)
	s.vp.SetHeight(max(h-topicHeader, 1))
	s.refresh()
}

// refresh renders the content again when the width or background changed.
func (s *topicScreen) refresh() {
	key := fmt.Sprintf("%d/%v", s.width, s.com.styles.IsDark)
	if key == s.renderedFor {
		return
	}
	s.renderedFor = key
	s.lesson = s.renderLesson()
	s.shownFor = nil
	s.sync()
}

// sync redraws the content when progress changed (the requires and unlocks
// marks), keeping the scroll position.
func (s *topicScreen) sync() {
	if s.shownFor == s.com.p {
		return
	}
	s.shownFor = s.com.p
	off := s.vp.YOffset()
	s.vp.SetContent(s.content())
	s.vp.SetYOffset(off)
}

func (s *topicScreen) renderLesson() string {
	md := s.com.c.Lessons[s.t.ID]
	if strings.TrimSpace(md) == "" {
		return ""
	}
	style := "light"
	if s.com.styles.IsDark {
		style = "dark"
	}
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(max(s.width-4, 20)))
	if err == nil {
		var out string
		if out, err = r.Render(md); err == nil {
			return strings.Trim(out, "\n")
		}
	}
	// Unrenderable Markdown is still worth reading as it is.
	return wrap(md, s.width)
}

func (s *topicScreen) content() string {
	st, c := s.com.styles, s.com.c
	w := s.width
	var b strings.Builder
	b.WriteString(wrap(strings.TrimSpace(s.t.Summary), w) + "\n")
	if exs := c.TopicExercises(s.t.ID); len(exs) > 0 {
		b.WriteString("\n" + st.Heading.Render("Exercises") + "\n")
		for _, e := range exs {
			mark := st.Mark(progress.StatusTodo)
			if s.com.p.ExercisePassed(e.ID) {
				mark = st.Mark(progress.StatusDone)
			}
			b.WriteString(fit(fmt.Sprintf("  %s %s %s", mark, e.Title, st.Muted.Render("("+strings.Join(e.StackNames(), ", ")+")")), w) + "\n")
		}
		if s.canPractise() {
			b.WriteString(st.Muted.Render(wrap("  p writes one to solve; waymark check inside it records the pass.", w)) + "\n")
		}
	}
	if s.lesson != "" {
		b.WriteString("\n" + s.lesson + "\n")
	}
	if len(s.t.Resources) > 0 {
		b.WriteString("\n" + st.Heading.Render("Resources") + "\n")
		for _, r := range s.t.Resources {
			b.WriteString(wrap(fmt.Sprintf("  • %s %s", r.Title, st.Muted.Render("("+r.Kind+")")), w) + "\n")
			b.WriteString("    " + st.Link.Render(r.URL) + "\n")
		}
	}
	refs := func(title string, ts []*curriculum.Topic) {
		if len(ts) == 0 {
			return
		}
		b.WriteString("\n" + st.Heading.Render(title) + "\n")
		for _, t := range ts {
			b.WriteString(fit(fmt.Sprintf("  %s %s %s", st.Mark(s.com.p.TopicStatus(t.ID)), t.Title, st.Muted.Render(t.ID)), w) + "\n")
		}
	}
	var reqs []*curriculum.Topic
	for _, id := range s.t.Requires {
		if t := c.Topic(id); t != nil {
			reqs = append(reqs, t)
		}
	}
	refs("Requires", reqs)
	refs("Unlocks", c.Unlocks(s.t.ID))
	return strings.TrimRight(b.String(), "\n")
}

func (s *topicScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		s.refresh()
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		s.vp, cmd = s.vp.Update(msg)
		return cmd
	case tea.KeyPressMsg:
		k := s.com.keys
		if scrollKey(&s.vp, k, msg) {
			return nil
		}
		switch {
		case key.Matches(msg, k.Quiz):
			return s.com.emit(openQuizMsg{StepID: s.t.Step})
		case key.Matches(msg, k.Practice) && s.canPractise():
			return s.com.emit(openExerciseFormMsg{TopicID: s.t.ID})
		default:
			if st, ok := markKey(k, msg, s.com.p.TopicStatus(s.t.ID)); ok {
				return s.com.setTopic(s.t, st)
			}
		}
	}
	return nil
}

func (s *topicScreen) View() string {
	s.sync()
	st := s.com.styles
	w := s.width
	status := s.com.p.TopicStatus(s.t.ID)
	head := st.Mark(status) + " " + st.Title.Render(s.t.Title)
	pos := st.Muted.Render(fmt.Sprintf("%3.0f%%", s.vp.ScrollPercent()*100))
	meta := fmt.Sprintf("%s · %s · %gh", s.t.ID, status, s.t.Hours)
	if len(s.t.Skills) > 0 {
		meta += " · skills: " + strings.Join(s.t.Skills, ", ")
	}
	return padRight(head, "", w-cellWidth(pos)-1, st) + " " + pos + "\n" +
		fit(st.Muted.Render(meta), w) + "\n\n" + s.vp.View()
}
