package markdown

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles are what Render draws a lesson with. Nothing relies on colour
// alone: bullets, fences, bars and the URL after a link's text carry the
// structure, so a terminal without colour loses nothing but colour.
type Styles struct {
	H1, H2, H3  lipgloss.Style // headings: H3 for every level below 2
	Code        lipgloss.Style // inline code
	CodeBlock   lipgloss.Style // a line of a code block
	Fence       lipgloss.Style // the ``` lines around a code block
	Link, URL   lipgloss.Style // a link's text, and its URL after it
	Bullet      lipgloss.Style // list markers
	Quote, Rule lipgloss.Style // a quote's bar, a thematic break
	TableBorder lipgloss.Style
	TableHeader lipgloss.Style
	TableCell   lipgloss.Style // the padding around a cell's text
	HTML        lipgloss.Style // raw HTML, shown as written
}

// NewStyles returns styles in the TUI's palette for a dark or a light
// terminal background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	var (
		accent = ld(lipgloss.Color("#5A3FD6"), lipgloss.Color("#9D8CFF"))
		muted  = ld(lipgloss.Color("#6B6B78"), lipgloss.Color("#8A8A96"))
		code   = ld(lipgloss.Color("#A3361F"), lipgloss.Color("#F2A285"))
		block  = ld(lipgloss.Color("#1E6B52"), lipgloss.Color("#9FD8B8"))
	)
	return styles(accent, muted, code, block)
}

// TerminalStyles returns styles in the terminal's own 16 colours, for
// output whose background is unknown: the terminal's theme keeps them
// readable on it.
func TerminalStyles() Styles {
	return styles(lipgloss.Blue, lipgloss.BrightBlack, lipgloss.Magenta, lipgloss.Green)
}

func styles(accent, muted, code, block color.Color) Styles {
	base := lipgloss.NewStyle()
	return Styles{
		H1:          base.Bold(true).Foreground(accent),
		H2:          base.Bold(true).Foreground(accent),
		H3:          base.Bold(true),
		Code:        base.Foreground(code),
		CodeBlock:   base.Foreground(block).TabWidth(lipgloss.NoTabConversion),
		Fence:       base.Foreground(muted),
		Link:        base.Foreground(accent),
		URL:         base.Foreground(muted),
		Bullet:      base.Foreground(accent),
		Quote:       base.Foreground(muted),
		Rule:        base.Foreground(muted),
		TableBorder: base.Foreground(muted),
		TableHeader: base.Bold(true),
		TableCell:   base.Padding(0, 1),
		HTML:        base.Foreground(muted),
	}
}
