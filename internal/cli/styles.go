package cli

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/waymark-dev/waymark/internal/progress"
)

// styles are the few text styles of plain command output. Colour is always
// rendered; iostreams strips it when stdout is not a colour terminal.
type styles struct {
	title, faint, ok, warn, err, accent lipgloss.Style
}

func newStyles() styles {
	return styles{
		title:  lipgloss.NewStyle().Bold(true),
		faint:  lipgloss.NewStyle().Faint(true),
		ok:     lipgloss.NewStyle().Foreground(lipgloss.Green),
		warn:   lipgloss.NewStyle().Foreground(lipgloss.Yellow),
		err:    lipgloss.NewStyle().Foreground(lipgloss.Red),
		accent: lipgloss.NewStyle().Foreground(lipgloss.Cyan),
	}
}

// mark is the one-character sign of a topic's state.
func (st styles) mark(s progress.Status) string {
	switch s {
	case progress.StatusDone:
		return st.ok.Render("✓")
	case progress.StatusDoing:
		return st.warn.Render("◐")
	case progress.StatusSkipped:
		return st.faint.Render("−")
	}
	return "○"
}

// bar draws a progress bar of width cells for a share in [0, 1].
func (st styles) bar(share float64, width int) string {
	share = min(max(share, 0), 1)
	full := int(share*float64(width) + 0.5)
	return st.ok.Render(strings.Repeat("█", full)) + st.faint.Render(strings.Repeat("░", width-full))
}

func percent(share float64) string { return fmt.Sprintf("%3.0f%%", share*100) }
