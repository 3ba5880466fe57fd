package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/progress"
)

// Styles are every style the TUI draws with. They are built once per
// background (NewStyles) and swapped when the terminal reports its colour;
// view code never makes a style of its own. Nothing relies on colour alone:
// marks, cursors and brackets carry the meaning, so NO_COLOR loses nothing.
type Styles struct {
	IsDark bool

	Brand, Tab, ActiveTab, Crumb lipgloss.Style
	Title, Heading, Text, Muted  lipgloss.Style
	Accent, Key, Link            lipgloss.Style
	Selected, Cursor             lipgloss.Style

	Done, Doing, Skipped, Todo lipgloss.Style
	BarFull, BarEmpty          lipgloss.Style

	Right, Wrong, Choice, ChoiceHover lipgloss.Style

	StatusInfo, StatusError lipgloss.Style
	Overlay                 lipgloss.Style
	Help                    help.Styles
	// Lesson is what lessons are drawn with, in the same palette.
	Lesson markdown.Styles
}

// NewStyles returns the styles for a dark or a light terminal background.
func NewStyles(isDark bool) *Styles {
	ld := lipgloss.LightDark(isDark)
	var (
		fg      = ld(lipgloss.Color("#1F1F28"), lipgloss.Color("#E6E6EA"))
		muted   = ld(lipgloss.Color("#6B6B78"), lipgloss.Color("#8A8A96"))
		subtle  = ld(lipgloss.Color("#C9C9D2"), lipgloss.Color("#3A3A46"))
		accent  = ld(lipgloss.Color("#5A3FD6"), lipgloss.Color("#9D8CFF"))
		green   = ld(lipgloss.Color("#1E7F4F"), lipgloss.Color("#5FD38D"))
		yellow  = ld(lipgloss.Color("#9A6700"), lipgloss.Color("#F2C94C"))
		red     = ld(lipgloss.Color("#B42318"), lipgloss.Color("#FF7A70"))
		hoverBg = ld(lipgloss.Color("#ECE8FF"), lipgloss.Color("#2A2540"))
	)
	s := &Styles{IsDark: isDark}
	base := lipgloss.NewStyle()
	s.Brand = base.Bold(true).Foreground(accent)
	s.Tab = base.Foreground(muted)
	s.ActiveTab = base.Bold(true).Underline(true).Foreground(accent)
	s.Crumb = base.Foreground(muted)
	s.Title = base.Bold(true).Foreground(fg)
	s.Heading = base.Bold(true).Foreground(accent)
	s.Text = base.Foreground(fg)
	s.Muted = base.Foreground(muted)
	s.Accent = base.Foreground(accent)
	s.Key = base.Bold(true).Foreground(accent)
	s.Link = base.Underline(true).Foreground(accent)
	s.Selected = base.Bold(true).Foreground(fg).Background(hoverBg)
	s.Cursor = base.Bold(true).Foreground(accent)
	s.Done = base.Foreground(green)
	s.Doing = base.Foreground(yellow)
	s.Skipped = base.Foreground(muted)
	s.Todo = base.Foreground(muted)
	s.BarFull = base.Foreground(green)
	s.BarEmpty = base.Foreground(subtle)
	s.Right = base.Bold(true).Foreground(green)
	s.Wrong = base.Bold(true).Foreground(red)
	s.Choice = base.Foreground(fg)
	s.ChoiceHover = base.Bold(true).Foreground(accent)
	s.StatusInfo = base.Foreground(green)
	s.StatusError = base.Bold(true).Foreground(red)
	s.Overlay = base.Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 2)
	s.Help = help.DefaultStyles(isDark)
	s.Lesson = markdown.NewStyles(isDark)
	return s
}

// Mark is the one-character sign of a topic's state, as the CLI prints it.
func (s *Styles) Mark(st progress.Status) string {
	switch st {
	case progress.StatusDone:
		return s.Done.Render("✓")
	case progress.StatusDoing:
		return s.Doing.Render("◐")
	case progress.StatusSkipped:
		return s.Skipped.Render("−")
	}
	return s.Todo.Render("○")
}

// Bar draws a progress bar of width cells for a share in [0, 1].
func (s *Styles) Bar(share float64, width int) string {
	if width <= 0 {
		return ""
	}
	share = min(max(share, 0), 1)
	full := int(share*float64(width) + 0.5)
	return s.BarFull.Render(strings.Repeat("█", full)) + s.BarEmpty.Render(strings.Repeat("░", width-full))
}
