package markdown

import (
	"bytes"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// look is the style inline text is drawn in. Plain text (on false) is
// written as it is: rendering a style costs far more than the words.
type look struct {
	style lipgloss.Style
	on    bool
}

func (l look) render(s string) string {
	if !l.on || s == "" {
		return s
	}
	return l.style.Render(s)
}

// builder collects inline content as words: text breaks into words at
// spaces, while code spans and URLs are added whole, so that no line break
// ever falls inside one. A hard line break ends a run of words.
type builder struct {
	runs [][]string
	run  []string
	word strings.Builder
	// spaced says, for each hard break, whether the source wrote it as
	// trailing spaces rather than a backslash.
	spaced []bool
}

// prose adds text that may break at its spaces.
func (b *builder) prose(s string, l look) { b.split(s, " \t\r\n", l) }

// split adds text that may break at any of seps.
func (b *builder) split(s, seps string, l look) {
	for s != "" {
		i := strings.IndexAny(s, seps)
		if i < 0 {
			b.add(s, l)
			return
		}
		b.add(s[:i], l)
		b.end()
		s = s[i+1:]
	}
}

// add adds s to the word being built, whole.
func (b *builder) add(s string, l look) { b.word.WriteString(l.render(s)) }

// markup adds markup written back (a delimiter, a code span, a link's
// destination), whole.
func (b *builder) markup(s string) { b.word.WriteString(s) }

// end ends the word being built.
func (b *builder) end() {
	if b.word.Len() > 0 {
		b.run = append(b.run, b.word.String())
		b.word.Reset()
	}
}

func (b *builder) hardBreak(spaced bool) {
	b.end()
	b.runs = append(b.runs, b.run)
	b.spaced = append(b.spaced, spaced)
	b.run = nil
}

// words are n's inline content, as runs of words, and for each hard break
// between two runs whether the source wrote it with spaces.
func (r *renderer) words(n ast.Node, l look) (runs [][]string, spaced []bool) {
	var b builder
	r.inlines(n, &b, l)
	b.end()
	return append(b.runs, b.run), b.spaced
}

func (r *renderer) inlines(n ast.Node, b *builder, l look) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.inline(c, b, l)
	}
}

// inline adds one inline node. In Markdown output, text is copied from the
// source as written (escapes included) and the markup is written back.
func (r *renderer) inline(n ast.Node, b *builder, l look) {
	md := r.markdown()
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(r.src)
		if md {
			b.prose(escapeTicks(v), look{})
		} else {
			b.prose(unescape(v), l)
		}
		switch {
		case n.HardLineBreak():
			// Written back as the source wrote it: a backslash or a space
			// after a run of * or _ decides whether the run may close
			// emphasis, so the other form could pair it differently.
			b.hardBreak(n.Segment.Stop < len(r.src) && r.src[n.Segment.Stop] != '\\')
		case n.SoftLineBreak():
			b.end()
		}
	case *ast.String:
		b.prose(string(n.Value), l)
	case *ast.CodeSpan:
		code := r.codeText(n)
		if md {
			b.markup(codeSpan(code))
		} else {
			b.add(code, look{style: r.st.Code, on: true})
		}
	case *ast.Emphasis:
		if md {
			m := strings.Repeat(string(r.emphasisChar(n)), n.Level)
			b.markup(m)
			r.inlines(n, b, l)
			b.markup(m)
			return
		}
		st := l.style.Italic(true)
		if n.Level > 1 {
			st = l.style.Bold(true)
		}
		r.inlines(n, b, look{style: st, on: true})
	case *ast.Link:
		r.link(n, n.Destination, n.Title, "", b, l)
	case *ast.Image:
		r.link(n, n.Destination, n.Title, "!", b, l)
	case *ast.AutoLink:
		label := string(n.Label(r.src))
		if md {
			b.markup("<" + label + ">")
		} else {
			b.add(label, look{style: r.st.Link, on: true})
		}
	case *ast.RawHTML:
		for i := range n.Segments.Len() {
			s := n.Segments.At(i)
			if md {
				// Its tabs stay: goldmark reads "<a\t>" alone on a line as
				// inline HTML, but "<a >" as an HTML block.
				b.split(string(s.Value(r.src)), " \r\n", look{})
			} else {
				b.prose(string(s.Value(r.src)), look{style: r.st.HTML, on: true})
			}
		}
	default:
		r.inlines(n, b, l)
	}
}

// emphasisChar is the character, * or _, that n's delimiters are made of
// in the source: written back with the other one, emphasis next to a
// literal * or _ would pair up differently.
func (r *renderer) emphasisChar(n *ast.Emphasis) byte {
	depth := 0
	var c ast.Node = n
	for {
		em, ok := c.(*ast.Emphasis)
		if !ok {
			break
		}
		depth += em.Level
		c = em.FirstChild()
	}
	at := -1 // where n's opening delimiter starts in the source
	switch {
	case isText(c):
		at = c.(*ast.Text).Segment.Start - depth
	case isCodeSpan(c) && isText(c.FirstChild()):
		at = c.FirstChild().(*ast.Text).Segment.Start
		for at > 0 && r.src[at-1] == ' ' { // the one space CommonMark strips
			at--
		}
		for at > 0 && r.src[at-1] == '`' {
			at--
		}
		at -= depth
	case isText(n.PreviousSibling()):
		at = n.PreviousSibling().(*ast.Text).Segment.Stop
	case n.PreviousSibling() == nil && n.Parent() != nil && n.Parent().Type() == ast.TypeBlock && n.Parent().Lines().Len() > 0:
		at = n.Parent().Lines().At(0).Start
	}
	if at >= 0 && at < len(r.src) && r.src[at] == '_' {
		return '_'
	}
	return '*'
}

func isCodeSpan(n ast.Node) bool {
	_, ok := n.(*ast.CodeSpan)
	return ok
}

func isText(n ast.Node) bool {
	_, ok := n.(*ast.Text)
	return ok
}

// link adds a link or (bang "!") an image: styled, its text and then its
// URL, unless the text is the URL.
func (r *renderer) link(n ast.Node, dest, title []byte, bang string, b *builder, l look) {
	if r.markdown() {
		b.markup(bang + "[")
		r.inlines(n, b, l)
		b.markup("](" + destination(string(dest), string(title)) + ")")
		return
	}
	r.inlines(n, b, look{style: r.st.Link, on: true})
	var label strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			label.WriteString(unescape(t.Segment.Value(r.src)))
		}
	}
	if u := string(dest); u != "" && label.String() != u {
		b.end()
		b.add("("+u+")", look{style: r.st.URL, on: true})
	}
}

// destination writes a link's destination (as the source wrote it, its
// escapes in place) and title back as Markdown.
func destination(dest, title string) string {
	if dest == "" || strings.ContainsAny(dest, " ()<>") {
		dest = "<" + escapeUnescaped(dest, "<>") + ">"
	}
	if title != "" {
		dest += ` "` + strings.ReplaceAll(title, `"`, `\"`) + `"`
	}
	return dest
}

// escapeUnescaped puts a backslash before each of chars in s that no
// backslash escapes yet.
func escapeUnescaped(s, chars string) string {
	var b strings.Builder
	escaped := false
	for _, c := range s {
		if !escaped && strings.ContainsRune(chars, c) {
			b.WriteByte('\\')
		}
		escaped = !escaped && c == '\\'
		b.WriteRune(c)
	}
	return b.String()
}

// codeText is a code span's text as CommonMark defines it, line endings
// turned into spaces.
func (r *renderer) codeText(n *ast.CodeSpan) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(r.src))
		case *ast.String:
			b.Write(c.Value)
		}
	}
	return strings.ReplaceAll(b.String(), "\n", " ")
}

// codeSpan writes code back as a code span: between more backticks than
// any run inside it, with a space each side when CommonMark would
// otherwise take the code's own first and last space or backtick.
func codeSpan(code string) string {
	run, longest := 0, 0
	for i := range len(code) {
		if code[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	spaced := len(code) > 1 && code[0] == ' ' && code[len(code)-1] == ' ' && strings.TrimSpace(code) != ""
	if strings.HasPrefix(code, "`") || strings.HasSuffix(code, "`") || spaced {
		code = " " + code + " "
	}
	return fence + code + fence
}

// unescape resolves backslash escapes and entity references in source
// text, as a Markdown reader would see it.
func unescape(v []byte) string {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return string(v)
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]) {
			out = append(out, v[i+1])
			i++
			continue
		}
		if c == '&' {
			if j := bytes.IndexByte(v[i:min(len(v), i+40)], ';'); j > 1 {
				ref := v[i : i+j+1]
				res := util.ResolveEntityNames(ref)
				if ref[1] == '#' {
					res = util.ResolveNumericReferences(ref)
				}
				if !bytes.Equal(res, ref) {
					out = append(out, res...)
					i += j
					continue
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// escapeTicks escapes the backticks of source text. Text holds a backtick
// only when it opens no code span, but written next to a code span's own
// backticks it would join their run and change the span.
func escapeTicks(v []byte) string {
	if bytes.IndexByte(v, '`') < 0 {
		return string(v)
	}
	out := make([]byte, 0, len(v)+4)
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '\\' && i+1 < len(v):
			out = append(out, v[i], v[i+1]) // an escape, kept as it is
			i++
		case v[i] == '`':
			out = append(out, '\\', '`')
		default:
			out = append(out, v[i])
		}
	}
	return string(out)
}

// flatten joins runs of words into one run.
func flatten(runs [][]string) []string {
	var out []string
	for _, r := range runs {
		out = append(out, r...)
	}
	return out
}

// glueMarkers joins to the word before it every word that, at the start
// of a line, would begin a block (a list item, a heading, a quote, a rule,
// a fence, HTML, a table's delimiter row), and every word after one that ends in a backslash (at
// the end of a line, a line break): wrapped there, either would change
// what the Markdown means.
func glueMarkers(words []string) []string {
	out := make([]string, 0, len(words))
	for i, w := range words {
		if i > 0 && (startsBlock(w) || endsInBackslash(out[len(out)-1])) {
			out[len(out)-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return out
}

// endsInBackslash reports whether w ends in a backslash that escapes
// nothing before it.
func endsInBackslash(w string) bool {
	n := len(w) - len(strings.TrimRight(w, `\`))
	return n%2 == 1
}

// escapeStart escapes the character that makes w begin a block: its first,
// or the . or ) of a list number.
func escapeStart(w string) string {
	if num := len(w) - len(strings.TrimLeft(w, "0123456789")); num > 0 && num < len(w) {
		return w[:num] + `\` + w[num:]
	}
	return `\` + w
}

func startsBlock(w string) bool {
	switch {
	case strings.Trim(w, "-+*=_#:|") == "":
		return true
	case w[0] == '>':
		return true
	case w[0] == '<':
		// HTML, but not an autolink such as <https://example.com>.
		tag, _, _ := strings.Cut(w, ">")
		return !strings.ContainsAny(tag, ":@")
	case strings.HasPrefix(w, "```") || strings.HasPrefix(w, "~~~"):
		return true
	}
	rest := strings.TrimLeft(w, "0123456789")
	return (rest == "." || rest == ")") && len(w) > 1 && len(w) <= 10
}
