// Package markdown lays out a lesson's Markdown for a terminal, in one of
// two forms: Render styles it for a colour terminal and the TUI, and Reflow
// prints it as clean Markdown for a pipe or NO_COLOR. Both wrap prose to the
// width (at most MaxWidth), never pad a line, and never wrap, indent or
// cut a line of a code block, so that copying a block gives exactly its
// source; a code line wider than the width is left wider.
//
// Markdown is parsed by goldmark's CommonMark parser alone: its extension
// package compiles large regular expressions at start-up, which every
// waymark command would pay, so GFM tables are recognised here (table.go).
package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// MaxWidth is the widest prose is wrapped to, however wide the terminal:
// longer lines are hard to read.
const MaxWidth = 100

// minWidth is the narrowest prose is wrapped to, however deep in lists and
// quotes: narrower text is harder to read than a line that overflows.
const minWidth = 20

// Render lays out src for a terminal width cells wide, styled with st.
func Render(src string, width int, st Styles) string {
	return render(src, width, &st)
}

// Reflow prints src as Markdown with its paragraphs wrapped to width
// cells: valid Markdown that means what src means, with inline code,
// links, list markers and fenced code (with its language) as they were.
// Tables and HTML are kept as written.
func Reflow(src string, width int) string {
	return render(src, width, nil)
}

// renderer is one rendering: st is nil for Markdown output.
type renderer struct {
	src   []byte
	st    *Styles
	p     parser.Parser
	refs  []parser.Reference
	depth int // of lists, for the styled bullets
}

func render(src string, width int, st *Styles) string {
	r := &renderer{src: []byte(src), st: st, p: newParser()}
	pc := parser.NewContext()
	doc := r.p.Parse(text.NewReader(r.src), parser.WithContext(pc))
	r.refs = pc.References()
	lines := r.children(doc, min(width, MaxWidth), false)
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	return b.String()
}

func newParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
}

// parse parses a piece of the lesson (a table cell, the text before a
// table) as a document of its own that knows the lesson's link references,
// and returns it with a renderer that reads its nodes from that piece.
func (r *renderer) parse(src string) (ast.Node, *renderer) {
	pc := parser.NewContext()
	for _, ref := range r.refs {
		pc.AddReference(ref)
	}
	sub := *r
	sub.src = []byte(src)
	return r.p.Parse(text.NewReader(sub.src), parser.WithContext(pc)), &sub
}

// markdown reports whether the output is Markdown rather than styled.
func (r *renderer) markdown() bool { return r.st == nil }

// line is one output line. A code line is never prefixed in styled output
// (a list's indent or a quote's bar would be copied with it); in Markdown
// it is, since that is what keeps the block inside its list.
type line struct {
	text string
	code bool
}

// prefix puts first before the first line and rest before the others,
// leaving code lines alone in styled output and blank lines without
// trailing spaces.
func (r *renderer) prefix(lines []line, first, rest string) []line {
	out := make([]line, 0, len(lines)+1)
	if len(lines) > 0 && lines[0].code && !r.markdown() && strings.TrimSpace(first) != "" {
		out = append(out, line{text: strings.TrimRight(first, " ")})
		first = rest
	}
	for i, l := range lines {
		p := rest
		if i == 0 {
			p = first
		}
		switch {
		case l.code && !r.markdown():
		case l.text == "":
			l.text = strings.TrimRight(p, " ")
		default:
			l.text = p + l.text
		}
		out = append(out, l)
	}
	return out
}
