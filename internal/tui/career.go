package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// careerScreen is the roles the roadmap leads to, salary estimates and the
// FAQ, in one scrollable page.
type careerScreen struct {
	com           *common
	vp            viewport.Model
	width, height int
}

func newCareer(com *common) *careerScreen {
	s := &careerScreen{com: com, vp: viewport.New()}
	s.vp.MouseWheelEnabled = true
	return s
}

func (s *careerScreen) Title() string { return "Career & FAQ" }

func (s *careerScreen) ShortHelp() []key.Binding {
	k := s.com.keys
	return []key.Binding{k.Up, k.Down, k.PageDown, k.NextTab}
}

func (s *careerScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.vp.SetWidth(w)
	s.vp.SetHeight(h)
	s.vp.SetContent(s.content())
}

func (s *careerScreen) content() string {
	st, c := s.com.styles, s.com.c
	w := min(s.width, 100)
	var b strings.Builder
	if len(c.Career.Roles) > 0 {
		b.WriteString(st.Heading.Render("Roles") + "\n")
		for _, r := range c.Career.Roles {
			b.WriteString(st.Title.Render("• "+r.Title) + "\n")
			b.WriteString(indent(wrap(strings.TrimSpace(r.Summary), w-2), "  ") + "\n")
		}
	}
	if len(c.Career.Salaries) > 0 {
		b.WriteString("\n" + st.Heading.Render("Salary estimates") + "\n")
		for _, sal := range c.Career.Salaries {
			b.WriteString(fmt.Sprintf("  %-10s %-12s %s %s\n", sal.Region, sal.Level, sal.Range, st.Muted.Render(fmt.Sprint("(", sal.Year, ")"))))
		}
	}
	if note := strings.TrimSpace(c.Career.Note); note != "" {
		b.WriteString("\n" + st.Muted.Render(wrap(note, w)) + "\n")
	}
	if len(c.FAQ) > 0 {
		b.WriteString("\n" + st.Heading.Render("Frequently asked questions") + "\n")
		for _, f := range c.FAQ {
			b.WriteString(st.Title.Render(wrap(f.Q, w)) + "\n")
			b.WriteString(indent(wrap(strings.TrimSpace(f.A), w-2), "  ") + "\n\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func (s *careerScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		s.vp.SetContent(s.content())
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		s.vp, cmd = s.vp.Update(msg)
		return cmd
	case tea.KeyPressMsg:
		scrollKey(&s.vp, s.com.keys, msg)
	}
	return nil
}

func (s *careerScreen) View() string { return s.vp.View() }

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
