package markdown

import (
	"strings"

	"charm.land/lipgloss/v2"
	lgtable "charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"
)

// table is a GFM table: CommonMark alone reads one as a paragraph, so the
// renderer looks for tables in paragraphs' lines.
type table struct {
	header []string
	align  []lipgloss.Position
	rows   [][]string
}

// findTable finds a GFM table in a paragraph's lines: a header row, then a
// delimiter row of as many cells, with at least one pipe, then the rows up
// to the paragraph's end.
// before is the paragraph's lines above the header; t is nil when the
// paragraph holds no table.
func findTable(lines []string) (before []string, t *table) {
	for i := 0; i+1 < len(lines); i++ {
		if !strings.Contains(lines[i+1], "|") {
			continue // a row of dashes alone is a heading's underline, or text
		}
		align, ok := delimiterRow(lines[i+1])
		if !ok {
			continue
		}
		header := cells(lines[i])
		if len(header) != len(align) {
			continue
		}
		t := &table{header: header, align: align}
		for _, l := range lines[i+2:] {
			row := cells(l)
			// As GFM says: missing cells are empty, extra ones are dropped.
			for len(row) < len(header) {
				row = append(row, "")
			}
			t.rows = append(t.rows, row[:len(header)])
		}
		return lines[:i], t
	}
	return nil, nil
}

// delimiterRow reads a row like |:---|---:|:-:| as the columns' alignment.
func delimiterRow(l string) ([]lipgloss.Position, bool) {
	cs := cells(l)
	align := make([]lipgloss.Position, len(cs))
	for i, c := range cs {
		dashes := strings.TrimSuffix(strings.TrimPrefix(c, ":"), ":")
		if dashes == "" || strings.Trim(dashes, "-") != "" {
			return nil, false
		}
		switch left, right := strings.HasPrefix(c, ":"), strings.HasSuffix(c, ":"); {
		case left && right:
			align[i] = lipgloss.Center
		case right:
			align[i] = lipgloss.Right
		default:
			align[i] = lipgloss.Left
		}
	}
	return align, true
}

// cells splits a row at its pipes, but not at escaped ones (\|, which
// become pipes), and drops the pipes at its ends.
func cells(l string) []string {
	l = strings.TrimSpace(l)
	l = strings.TrimPrefix(l, "|")
	if strings.HasSuffix(l, "|") && !strings.HasSuffix(l, `\|`) {
		l = l[:len(l)-1]
	}
	var out []string
	var cell strings.Builder
	for i := 0; i < len(l); i++ {
		switch {
		case l[i] == '\\' && i+1 < len(l) && l[i+1] == '|':
			cell.WriteByte('|')
			i++
		case l[i] == '|':
			out = append(out, strings.TrimSpace(cell.String()))
			cell.Reset()
		default:
			cell.WriteByte(l[i])
		}
	}
	return append(out, strings.TrimSpace(cell.String()))
}

// table lays out t in a box that fits the width if its cells can wrap to
// fit, its cells' Markdown rendered. (Reflow keeps a table as written.)
func (r *renderer) table(t *table, width int) []line {
	var out []line
	header := make([]string, len(t.header))
	for i, c := range t.header {
		header[i] = r.cell(c, look{style: r.st.TableHeader, on: true})
	}
	rows := make([][]string, len(t.rows))
	for i, row := range t.rows {
		rows[i] = make([]string, len(row))
		for j, c := range row {
			rows[i][j] = r.cell(c, look{})
		}
	}
	build := func() *lgtable.Table {
		return lgtable.New().Border(lipgloss.RoundedBorder()).BorderStyle(r.st.TableBorder).
			Headers(header...).Rows(rows...).
			StyleFunc(func(_, col int) lipgloss.Style { return r.st.TableCell.Align(t.align[col]) })
	}
	box := build().String()
	if widest(box) > width {
		box = build().Width(width).Wrap(true).String()
	}
	for _, l := range strings.Split(box, "\n") {
		out = append(out, line{text: l})
	}
	return out
}

// cell renders a cell's inline Markdown on one line.
func (r *renderer) cell(src string, l look) string {
	doc, sub := r.parse(inlineOnly(src))
	if doc.FirstChild() == nil {
		return ""
	}
	runs, _ := sub.words(doc.FirstChild(), l)
	return strings.Join(flatten(runs), " ")
}

// inlineOnly escapes what would make a cell's text a block of its own (a
// heading, a quote, a list item, a rule, a fence), since a cell holds
// inline content only.
func inlineOnly(s string) string {
	switch {
	case s == "":
		return s
	case s[0] == '>' || s[0] == '<' || s[0] == '#',
		strings.HasPrefix(s, "```") || strings.HasPrefix(s, "~~~"),
		strings.Trim(s, "-*_ ") == "",
		len(s) > 1 && strings.IndexByte("-+*", s[0]) >= 0 && (s[1] == ' ' || s[1] == '\t'):
		return `\` + s
	}
	num := len(s) - len(strings.TrimLeft(s, "0123456789"))
	if num > 0 && num < len(s) && (s[num] == '.' || s[num] == ')') && (num+1 == len(s) || s[num+1] == ' ') {
		return s[:num] + `\` + s[num:]
	}
	return s
}

func widest(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n = max(n, ansi.StringWidth(l))
	}
	return n
}
