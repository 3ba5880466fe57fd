package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/progress"
)

// topicScreen shows one topic: its summary and lesson in a scrollable
// viewport, its resources, what it requires and unlocks. Prose is wrapped
// to the width; a code line wider than the screen is never wrapped (a
// wrapped command no longer pastes) but cut at the edge, and the learner
// scrolls sideways to read the rest.
type topicScreen struct {
	com           *common
	t             *curriculum.Topic
	vp            viewport.Model
	width, height int
	// lesson is the lesson as drawn for renderedFor, kept because laying
	// out Markdown costs more than a frame.
	lesson      string
	renderedFor string
	// shownFor is the progress snapshot the content's marks were drawn
	// from; a save installs a new one.
	shownFor *progress.Progress
}

func newTopic(com *common, t *curriculum.Topic) *topicScreen {
	s := &topicScreen{com: com, t: t, vp: viewport.New()}
	s.vp.MouseWheelEnabled = true
	return s
}

func (s *topicScreen) Title() string { return s.t.Title }

func (s *topicScreen) ShortHelp() []key.Binding {
	k := s.com.keys
	var out []key.Binding
	if s.canPractise() {
		out = append(out, k.Practice)
	}
	out = append(out, k.Toggle, k.Doing, k.Skip, k.Quiz)
	// The sideways hint only where the bar has room for it: cut at the
	// edge, the bar would lose "? help", which lists < and > anyway.
	if with := append(slices.Clone(out), k.Right, k.Back); s.vp.TotalLineCount() > 0 && s.wide() &&
		helpWidth(append(with, k.ShortHelp()...)) <= s.width {
		return with
	}
	return append(out, k.Back)
}

// helpWidth is how many cells the help bar takes for bs: "key desc"
// items between " • " separators.
func helpWidth(bs []key.Binding) int {
	n := 0
	for i, b := range bs {
		if i > 0 {
			n += 3
		}
		n += ansi.StringWidth(b.Help().Key) + 1 + ansi.StringWidth(b.Help().Desc)
	}
	return n
}

// wide reports whether some line (of code) is wider than the screen.
func (s *topicScreen) wide() bool { return s.vp.HorizontalScrollPercent() < 1 || s.vp.XOffset() > 0 }

// sideStep is how far < and > scroll a lesson sideways.
const sideStep = 8

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
	md, err := s.com.c.Lesson(s.t.ID)
	if err != nil {
		return s.com.styles.StatusError.Render(wrap(err.Error(), s.width))
	}
	if strings.TrimSpace(md) == "" {
		return ""
	}
	out := markdown.Render(md, s.width, s.com.styles.Lesson)
	// A tab takes no width in the frame's arithmetic; the screen's cells
	// need spaces.
	return strings.Trim(strings.ReplaceAll(out, "\t", "    "), "\n")
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
		case key.Matches(msg, k.Left):
			s.vp.ScrollLeft(sideStep)
			return nil
		case key.Matches(msg, k.Right):
			s.vp.ScrollRight(sideStep)
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
