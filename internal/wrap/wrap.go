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

// Words lays words out on lines of at most width cells, one space between
// two words, breaking only between words: a word is never split, even at a
// hyphen or a space of its own, so a command or a URL given as one word
// copies intact. A word wider than the width has a line of its own.
func Words(words []string, width int) []string {
	var lines []string
	var line strings.Builder
	used := 0
	for _, w := range words {
		n := ansi.StringWidth(w)
		if line.Len() > 0 && used+1+n > width {
			lines = append(lines, line.String())
			line.Reset()
			used = 0
		}
		if line.Len() > 0 { // not used > 0: a word may take no room
			line.WriteByte(' ')
			used++
		}
		line.WriteString(w)
		used += n
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
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
