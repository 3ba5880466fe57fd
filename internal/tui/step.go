package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// stepScreen is a step's topics as a checklist: move, open, mark. Opened
// without a step it lists every topic of the roadmap with the filter open,
// which is how `/` on the dashboard searches the whole roadmap.
type stepScreen struct {
	com           *common
	step          *curriculum.Step // nil: every topic
	topics        []*curriculum.Topic
	shown         []int // indexes into topics that match the filter
	filter        textinput.Model
	filtering     bool
	width, height int
	cursor, top   int
}

func newStep(com *common, stepID string) *stepScreen {
	s := &stepScreen{com: com, filter: textinput.New()}
	s.filter.Prompt = "/ "
	s.filter.Placeholder = "type to filter, enter to keep, esc to clear"
	if s.step = com.c.Step(stepID); s.step != nil {
		s.topics = s.step.Topics
	} else {
		s.topics = com.c.Topics()
		s.filtering = true
		s.filter.Focus()
	}
	s.applyFilter()
	return s
}

func (s *stepScreen) Title() string {
	if s.step == nil {
		return "All topics"
	}
	return s.step.Title
}

func (s *stepScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.filter.SetWidth(max(w-4, 10))
}

// Capturing is true while the filter reads text.
func (s *stepScreen) Capturing() bool { return s.filtering }

func (s *stepScreen) ShortHelp() []key.Binding {
	k := s.com.keys
	if s.filtering {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		}
	}
	out := []key.Binding{k.Open, k.Toggle}
	if s.step != nil && s.step.Quiz != nil {
		out = append(out, k.Quiz)
	}
	return append(out, k.Filter, k.Back)
}

func (s *stepScreen) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(s.filter.Value()))
	s.shown = s.shown[:0]
	for i, t := range s.topics {
		if q == "" || strings.Contains(strings.ToLower(t.Title), q) || strings.Contains(t.ID, q) {
			s.shown = append(s.shown, i)
		}
	}
	s.cursor = min(s.cursor, max(len(s.shown)-1, 0))
}

// selected is the topic under the cursor, or nil when nothing matches.
func (s *stepScreen) selected() *curriculum.Topic {
	if len(s.shown) == 0 {
		return nil
	}
	return s.topics[s.shown[s.cursor]]
}

func (s *stepScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		s.cursor = wheel(msg, s.cursor, len(s.shown))
	case tea.KeyPressMsg:
		if s.filtering {
			return s.updateFilter(msg)
		}
		return s.updateList(msg)
	}
	return nil
}

func (s *stepScreen) updateFilter(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "enter":
		s.filtering = false
		s.filter.Blur()
		return nil
	case "esc":
		s.filtering = false
		s.filter.Blur()
		s.filter.SetValue("")
		s.applyFilter()
		if s.step == nil {
			return s.com.emit(backMsg{}) // the all-topics list is only a search
		}
		return nil
	case "up", "down", "pgup", "pgdown":
		s.cursor, _ = moveCursor(s.com.keys, msg, s.cursor, len(s.shown), s.listHeight())
		return nil
	}
	var cmd tea.Cmd
	s.filter, cmd = s.filter.Update(msg)
	s.applyFilter()
	return cmd
}

func (s *stepScreen) updateList(msg tea.KeyPressMsg) tea.Cmd {
	k := s.com.keys
	if c, ok := moveCursor(k, msg, s.cursor, len(s.shown), s.listHeight()); ok {
		s.cursor = c
		return nil
	}
	switch {
	case key.Matches(msg, k.Filter):
		s.filtering = true
		return s.filter.Focus()
	case key.Matches(msg, k.Quiz) && s.step != nil:
		return s.com.emit(openQuizMsg{StepID: s.step.ID})
	}
	t := s.selected()
	if t == nil {
		return nil
	}
	if key.Matches(msg, k.Open) {
		return s.com.emit(openTopicMsg{TopicID: t.ID})
	}
	if st, ok := markKey(k, msg, s.com.p.TopicStatus(t.ID)); ok {
		return s.com.setTopic(t, st)
	}
	return nil
}

// stepHeader is how many lines sit above the list.
const stepHeader = 4

func (s *stepScreen) listHeight() int { return max(s.height-stepHeader-1, 1) }

func (s *stepScreen) View() string {
	com, st := s.com, s.com.styles
	w := s.width
	var b strings.Builder
	if s.step != nil {
		ss := com.stepStat[s.step.ID]
		share := 0.0
		if ss.Total > 0 {
			share = float64(ss.Done) / float64(ss.Total)
		}
		b.WriteString(fit(st.Title.Render(s.step.Title), w) + "\n")
		// One line of summary keeps the list tall; an ellipsis says there is more
		// (the topic screen and `waymark roadmap` show it whole).
		lines := strings.SplitN(wrap(strings.TrimSpace(s.step.Summary), w-1), "\n", 2)
		summary := lines[0]
		if len(lines) > 1 {
			summary += "…"
		}
		b.WriteString(fit(st.Muted.Render(summary), w) + "\n")
		line := fmt.Sprintf("%s %3.0f%%  %d of %d done", st.Bar(share, 20), share*100, ss.Done, ss.Total)
		if q, ok := com.p.Quizzes[s.step.ID]; ok {
			line += fmt.Sprintf(" · quiz best %d/%d", q.Best, q.Of)
			if q.Passed {
				line += " " + st.Done.Render("passed")
			}
		} else if s.step.Quiz != nil {
			line += fmt.Sprintf(" · quiz: %d questions (t)", len(s.step.Quiz.Questions))
		}
		b.WriteString(fit(line, w) + "\n")
	} else {
		b.WriteString(fit(st.Title.Render("Every topic of the roadmap"), w) + "\n")
		b.WriteString(fit(st.Muted.Render(fmt.Sprintf("%d of the %d listed topics match", len(s.shown), len(s.topics))), w) + "\n")
		b.WriteString(fit(st.Muted.Render(s.com.sum.CountNote()), w) + "\n")
	}
	b.WriteString("\n")

	h := s.listHeight()
	s.top = window(s.top, s.cursor, len(s.shown), h)
	if len(s.shown) == 0 {
		b.WriteString(st.Muted.Render("  No topic matches.") + "\n")
	}
	for i := s.top; i < min(s.top+h, len(s.shown)); i++ {
		t := s.topics[s.shown[i]]
		row := com.styles.Mark(com.p.TopicStatus(t.ID)) + " " + t.Title
		extra := fmt.Sprintf("%gh", t.Hours)
		if t.Optional {
			extra = "optional · " + extra
		}
		if s.step == nil {
			extra = t.Step + " · " + extra
		}
		b.WriteString(listRow(st, padRight(row, extra, w-2, st), i == s.cursor, w) + "\n")
	}
	for i := len(s.shown); i < h; i++ {
		b.WriteString("\n")
	}
	if s.filtering || s.filter.Value() != "" {
		b.WriteString(fit(s.filter.View(), w))
	}
	return b.String()
}

// padRight puts right at the end of a width-cell line that starts with left.
func padRight(left, right string, width int, st *Styles) string {
	right = st.Muted.Render(right)
	gap := width - cellWidth(left) - cellWidth(right)
	if gap < 2 {
		return fit(left, max(width-cellWidth(right)-2, 8)) + "  " + right
	}
	return left + strings.Repeat(" ", gap) + right
}
