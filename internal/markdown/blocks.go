package markdown

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/waymark-dev/waymark/internal/wrap"
)

// children lays out n's blocks one after another, with a blank line
// between two unless they are the items of a tight list.
func (r *renderer) children(n ast.Node, width int, tight bool) []line {
	var out []line
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		ls := r.block(c, width)
		if len(ls) == 0 {
			continue
		}
		if len(out) > 0 && !tight {
			out = append(out, line{})
		}
		out = append(out, ls...)
	}
	return out
}

func (r *renderer) block(n ast.Node, width int) []line {
	width = max(width, minWidth)
	switch n := n.(type) {
	case *ast.Heading:
		return r.heading(n, width)
	case *ast.Paragraph, *ast.TextBlock:
		return r.paragraph(n, width)
	case *ast.FencedCodeBlock:
		info := ""
		if n.Info != nil {
			info = string(n.Info.Segment.Value(r.src))
		}
		return r.code(n.Lines(), info)
	case *ast.CodeBlock:
		return r.code(n.Lines(), "")
	case *ast.List:
		return r.list(n, width)
	case *ast.Blockquote:
		if r.markdown() {
			return r.prefix(r.children(n, width-2, false), "> ", "> ")
		}
		bar := r.st.Quote.Render("│") + " "
		return r.prefix(r.children(n, width-2, false), bar, bar)
	case *ast.ThematicBreak:
		if r.markdown() {
			return []line{{text: "***"}} // "---" under a paragraph line would make it a heading
		}
		return []line{{text: r.st.Rule.Render(strings.Repeat("─", width))}}
	case *ast.HTMLBlock:
		lines := r.raw(n.Lines())
		if n.HasClosure() {
			closure := text.NewSegments()
			closure.Append(n.ClosureLine)
			lines = append(lines, r.raw(closure)...)
		}
		return lines
	}
	return r.children(n, width, false)
}

// raw is source lines as they are, bar trailing spaces; styled, they are
// muted.
func (r *renderer) raw(segs *text.Segments) []line {
	out := make([]line, 0, segs.Len())
	for i := range segs.Len() {
		s := segs.At(i)
		l := strings.TrimRight(string(s.Value(r.src)), " \t\r\n")
		if !r.markdown() && l != "" {
			l = r.st.HTML.Render(l)
		}
		out = append(out, line{text: l})
	}
	return out
}

func (r *renderer) heading(n *ast.Heading, width int) []line {
	if r.markdown() {
		words := r.words(n, look{})
		return []line{{text: strings.Repeat("#", n.Level) + " " + strings.Join(flatten(words), " ")}}
	}
	st := r.st.H3
	switch n.Level {
	case 1:
		st = r.st.H1
	case 2:
		st = r.st.H2
	}
	return r.wrap(r.words(n, look{style: st, on: true}), width)
}

// paragraph lays out a paragraph, or the GFM table it holds.
func (r *renderer) paragraph(n ast.Node, width int) []line {
	segs := n.Lines()
	src := make([]string, segs.Len())
	for i := range segs.Len() {
		s := segs.At(i)
		src[i] = strings.TrimRight(string(s.Value(r.src)), "\r\n")
	}
	if before, t := findTable(src); t != nil {
		var out []line
		if len(before) > 0 {
			doc, sub := r.parse(strings.Join(before, "\n"))
			out = sub.children(doc, width, true)
			if !r.markdown() {
				out = append(out, line{})
			}
		}
		return append(out, r.table(t, width)...)
	}
	words := r.words(n, look{})
	if r.markdown() {
		for i := range words {
			words[i] = glueMarkers(words[i])
		}
	}
	return r.wrap(words, width)
}

// wrap lays out each run of words (runs end at hard line breaks) on lines
// of at most width cells.
func (r *renderer) wrap(runs [][]string, width int) []line {
	var out []line
	for i, words := range runs {
		lines := wrap.Words(words, width)
		if len(lines) == 0 {
			lines = []string{""}
		}
		if i < len(runs)-1 && r.markdown() {
			lines[len(lines)-1] += `\` // a hard break, without trailing spaces
		}
		for _, l := range lines {
			out = append(out, line{text: l})
		}
	}
	for len(out) > 0 && out[len(out)-1].text == "" {
		out = out[:len(out)-1]
	}
	return out
}

// code lays out a code block's lines exactly as they are, between fences
// that name the language.
func (r *renderer) code(segs *text.Segments, info string) []line {
	body := make([]string, segs.Len())
	for i := range segs.Len() {
		s := segs.At(i)
		body[i] = strings.TrimRight(string(s.Value(r.src)), "\r\n")
	}
	info = strings.TrimSpace(info)
	if r.markdown() {
		fence := fenceFor(body, info)
		out := []line{{text: fence + info, code: true}}
		for _, l := range body {
			out = append(out, line{text: l, code: true})
		}
		return append(out, line{text: fence, code: true})
	}
	lang, _, _ := strings.Cut(info, " ")
	out := []line{{text: r.st.Fence.Render("```" + lang), code: true}}
	for _, l := range body {
		if l != "" {
			l = r.st.CodeBlock.Render(l)
		}
		out = append(out, line{text: l, code: true})
	}
	return append(out, line{text: r.st.Fence.Render("```"), code: true})
}

// fenceFor is a fence longer than any run of backticks that starts a line
// of the block, of tildes if the info string holds a backtick.
func fenceFor(body []string, info string) string {
	ch := "`"
	if strings.Contains(info, "`") {
		ch = "~"
	}
	n := 3
	for _, l := range body {
		l = strings.TrimLeft(l, " ")
		run := len(l) - len(strings.TrimLeft(l, ch))
		n = max(n, run+1)
	}
	return strings.Repeat(ch, n)
}

func (r *renderer) list(n *ast.List, width int) []line {
	r.depth++
	defer func() { r.depth-- }()
	markers := r.markers(n)
	w := 0
	for _, m := range markers {
		w = max(w, ansi.StringWidth(m))
	}
	var out []line
	i := 0
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		m := markers[i]
		i++
		pad := w // styled: the items' text lines up
		if r.markdown() {
			pad = len(m) // Markdown: each item's content starts after its own marker
		}
		body := r.children(item, width-pad-1, n.IsTight)
		if len(out) > 0 && !n.IsTight {
			out = append(out, line{})
		}
		first := strings.Repeat(" ", pad-ansi.StringWidth(m)) + m + " "
		if len(body) == 0 {
			out = append(out, line{text: strings.TrimRight(first, " ")})
			continue
		}
		out = append(out, r.prefix(body, first, strings.Repeat(" ", pad+1))...)
	}
	return out
}

// markers are the list's item markers: in Markdown its own, numbered from
// its start; styled, bullets that change with depth, or numbers.
func (r *renderer) markers(n *ast.List) []string {
	var ms []string
	num := n.Start
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		var m string
		switch {
		case n.IsOrdered():
			m = strconv.Itoa(num) + string(n.Marker)
			num++
		case r.markdown():
			m = string(n.Marker)
		default:
			m = []string{"•", "◦", "▪"}[(r.depth-1)%3]
		}
		if !r.markdown() {
			m = r.st.Bullet.Render(m)
		}
		ms = append(ms, m)
	}
	return ms
}
