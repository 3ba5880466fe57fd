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
	var last ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		ls := r.block(c, width)
		if len(ls) == 0 {
			continue
		}
		if r.markdown() && sameList(last, c) {
			// Written one after the other, two such lists would be read
			// as one; CommonMark's way to keep them apart is a comment.
			out = append(out, line{}, line{text: listBreak})
		}
		if len(out) > 0 && !tight {
			out = append(out, line{})
		}
		out = append(out, ls...)
		last = c
	}
	return out
}

// listBreak keeps two lists apart in Markdown output.
const listBreak = "<!-- -->"

// sameList reports whether a and b are lists of the same kind, which
// CommonMark would join if nothing came between them.
func sameList(a, b ast.Node) bool {
	la, ok := a.(*ast.List)
	lb, ok2 := b.(*ast.List)
	return ok && ok2 && la.Marker == lb.Marker
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
		body := r.children(n, width-2, false)
		if len(body) == 0 {
			body = []line{{}} // an empty quote is still a quote
		}
		if r.markdown() {
			return r.prefix(body, "> ", "> ")
		}
		bar := r.st.Quote.Render("│") + " "
		return r.prefix(body, bar, bar)
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
		runs, spaced := r.words(n, look{})
		if len(runs) > 1 && n.Level <= 2 {
			// A line break: only a setext heading can hold one.
			underline := map[int]string{1: "===", 2: "---"}[n.Level]
			return append(r.wrap(runs, spaced, width), line{text: underline})
		}
		text := strings.Join(flatten(runs), " ")
		if strings.HasSuffix(text, "#") {
			text += " #" // a closing sequence, so that the text's own # stay
		}
		return []line{{text: strings.TrimRight(strings.Repeat("#", n.Level)+" "+text, " ")}}
	}
	st := r.st.H3
	switch n.Level {
	case 1:
		st = r.st.H1
	case 2:
		st = r.st.H2
	}
	runs, spaced := r.words(n, look{style: st, on: true})
	return r.wrap(runs, spaced, width)
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
		if r.markdown() { // the lines above the table too: they are its paragraph
			for _, l := range src {
				out = append(out, line{text: strings.TrimRight(l, " \t")})
			}
			return out
		}
		if len(before) > 0 {
			doc, sub := r.parse(strings.Join(before, "\n"))
			out = append(sub.children(doc, width, true), line{})
		}
		return append(out, r.table(t, width)...)
	}
	words, spaced := r.words(n, look{})
	if r.markdown() {
		for i, run := range words {
			words[i] = glueMarkers(run)
		}
		words[0] = glueDefinition(words[0])
	}
	return r.wrap(words, spaced, width)
}

// glueDefinition keeps a paragraph that begins like a link reference
// definition ("[label]: url") from being wrapped after its URL: alone on
// the first line, that would be read as one.
func glueDefinition(words []string) []string {
	if len(words) < 2 || !strings.HasPrefix(words[0], "[") {
		return words
	}
	for k, w := range words {
		if strings.Contains(w, "]:") {
			end := min(k+3, len(words)) // the label's words, the URL and one more
			return append([]string{strings.Join(words[:end], " ")}, words[end:]...)
		}
	}
	return words
}

// wrap lays out each run of words (runs end at hard line breaks, spaced
// as words says) on lines of at most width cells.
func (r *renderer) wrap(runs [][]string, spaced []bool, width int) []line {
	var out []line
	for i, words := range runs {
		lines := wrap.Words(words, width)
		brk := "" // the hard break after the run, in Markdown
		if i < len(runs)-1 && r.markdown() {
			brk = `\`
			if spaced[i] {
				brk = "  "
			}
		}
		first := "" // the first line as it will be written
		if len(lines) > 0 {
			first = lines[0]
			if len(lines) == 1 {
				first += brk
			}
		}
		if r.markdown() && first != "" && (r.opensBlock(first) || i > 0 && isDelimiterRow(first)) {
			// Text that would begin a block where it now stands was text
			// for some other reason (an indent, a line ending CommonMark
			// does not know): say so with an escape.
			words[0] = escapeStart(words[0])
			lines = wrap.Words(words, width)
		}
		if len(lines) == 0 {
			lines = []string{""}
		}
		if brk != "" {
			last := &lines[len(lines)-1]
			if n := len(*last) - len(strings.TrimRight(*last, `\`)); n > 0 {
				// The text's own last backslash (alone, or escaped by one
				// before it), written so that a backslash break cannot pair
				// with it; before spaces too, where goldmark would then take
				// an escape at the start of the next line literally.
				*last = (*last)[:len(*last)-2+n%2] + "&#92;"
			}
			*last += brk
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

// isDelimiterRow reports whether l, under a line of a paragraph, would
// make a GFM table of the two.
func isDelimiterRow(l string) bool {
	_, ok := delimiterRow(l)
	return ok && strings.Contains(l, "|")
}

// opensBlock reports whether line l, at the start of a paragraph, would
// begin some other block. Raw HTML is left alone: escaped, it would turn
// into text.
func (r *renderer) opensBlock(l string) bool {
	if first, _, _ := strings.Cut(l, " "); !startsBlock(first) || strings.HasPrefix(l, "<") {
		return false // the cheap check first: almost every line
	}
	doc := r.p.Parse(text.NewReader([]byte(l)))
	_, para := doc.FirstChild().(*ast.Paragraph)
	return !para
}

// code lays out a code block's lines exactly as they are, between fences
// that name the language.
func (r *renderer) code(segs *text.Segments, info string) []line {
	body := make([]string, 0, segs.Len())
	for i := range segs.Len() {
		s := segs.At(i)
		v := string(s.Value(r.src))
		if v == "" && i == segs.Len()-1 {
			// A last line with nothing left once its indent is taken
			// (" " at the end of a fence opened with one space): goldmark
			// holds it, but it is no line of the code.
			break
		}
		body = append(body, strings.TrimRight(v, "\r\n"))
	}
	info = strings.Trim(info, " \t") // CommonMark trims spaces and tabs only
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
		indent := strings.Repeat(" ", pad+1)
		if r.markdown() && !body[0].code && r.notAnItem(first+body[0].text) {
			if k := item.FirstChild().Kind(); k != ast.KindParagraph && k != ast.KindTextBlock {
				// "* * *" would be a rule, and an escape would turn the
				// nested list or rule into text: it starts on the next
				// line.
				out = append(out, line{text: strings.TrimRight(first, " ")})
				out = append(out, r.prefix(body, indent, indent)...)
				continue
			}
			body[0].text = escapeStart(body[0].text) // "* **" is a rule, "* \**" an item
		}
		out = append(out, r.prefix(body, first, indent)...)
	}
	return out
}

// notAnItem reports whether l, written as a list item's first line, would
// be read as something else: a thematic break, such as "* **", is the one
// line a marker and its content can make. Only a line made of one of the
// three rule characters is parsed to be sure, so that nested lists ("- - -
// x") are not parsed again at every depth.
func (r *renderer) notAnItem(l string) bool {
	if !ruleLike(l) {
		return false
	}
	_, list := r.p.Parse(text.NewReader([]byte(l))).FirstChild().(*ast.List)
	return !list
}

// ruleLike reports whether l holds, besides spaces and tabs, three or more
// of one of *, - and _ and nothing else.
func ruleLike(l string) bool {
	var c rune
	n := 0
	for _, x := range l {
		switch {
		case x == ' ' || x == '\t':
		case c == 0 && (x == '*' || x == '-' || x == '_'):
			c, n = x, 1
		case x == c:
			n++
		default:
			return false
		}
	}
	return n >= 3
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
