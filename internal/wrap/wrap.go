// Package wrap lays out prose for a terminal of a given width: paragraphs
// broken at spaces, hanging indents for labelled fields, and lines cut with
// an ellipsis when they cannot be broken. Escape sequences take no room.
package wrap

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Width is the width to lay out for when the output is not a terminal.
const Width = 80

// minText is the narrowest a paragraph is wrapped to, however deep its
// indent: narrower text is harder to read than a line that overflows.
const minText = 20

// Text breaks text into lines of at most width cells, at spaces (and after
// hyphens), keeping its own line breaks. A word longer than the width stays
// whole on its line: it may be a URL or a command, which must copy intact.
func Text(text string, width int) string {
	width = max(width, minText)
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = ansi.Wordwrap(l, width, "-")
	}
	return strings.Join(lines, "\n")
}

// Hanging writes text after prefix, with the lines after the first indented
// to line up under the text: the layout of "label  value" fields.
func Hanging(prefix, text string, width int) string {
	pad := ansi.StringWidth(prefix)
	body := Text(text, max(width-pad, minText))
	return prefix + strings.ReplaceAll(body, "\n", "\n"+strings.Repeat(" ", pad))
}

// Cut shortens s to width cells, ending it with "…" when something was
// cut, and leaves it alone when it fits.
func Cut(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, max(width, 1), "…")
}
