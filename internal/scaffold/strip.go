package scaffold

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
)

// Marker keywords, written in a comment alone on their line (docs/templates.md).
const (
	markerPrefix = "waymark:"
	markerBegin  = "begin"
	markerStub   = "stub"
	markerEnd    = "end"
)

// leakMinLen is the shortest trimmed line the leak check looks for: shorter
// lines ("}", "return err") are too common to mean anything.
const leakMinLen = 12

// markerWord finds marker-looking text anywhere in a line, so that a marker
// that is not alone on its line (and would be ignored) is an error instead
// of a silent leak.
var markerWord = lazyregexp.New(`waymark:(begin|stub|end)\b`)

// MarkerError is a problem with a file's solution markers.
type MarkerError struct {
	Path string
	Line int // 1-based; 0 when the problem is about the whole file
	Msg  string
}

func (e *MarkerError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
}

// Strip turns a reference file into the file a mode asks for. path (slash
// separated, relative to the stack directory) decides the comment style and
// names the file in errors. A block whose milestone keep accepts is kept
// without its markers and stub; any other block is replaced by its stub, or
// by the file type's default stub. knownMilestone rejects milestones the
// manifest does not have.
//
// A file without markers is returned unchanged. A Go file with markers has
// the imports only the stripped code used removed and is gofmt'ed. Finally a
// leak check refuses output that still holds a distinctive line of a stripped
// block.
func Strip(path string, src []byte, keep func(milestone string) bool, knownMilestone func(string) bool) ([]byte, error) {
	r, err := stripMarkers(path, src, keep, knownMilestone)
	if err != nil {
		return nil, err
	}
	if !r.markers {
		return src, nil
	}
	out := r.out
	if strings.HasSuffix(path, ".go") {
		if out, err = tidyGo(path, src, out); err != nil {
			return nil, err
		}
	}
	if err := r.checkLeaks(path, out); err != nil {
		return nil, err
	}
	return out, nil
}

// stripped is the outcome of marker processing, before any Go tidying.
type stripped struct {
	out     []byte
	markers bool
	// leaks maps a distinctive trimmed line of a stripped block to its line
	// number; lines also written to the output by other means are left out.
	leaks map[string]int
}

// block is an open solution block.
type block struct {
	milestone string
	line      int    // line of the begin marker
	indent    string // indentation of the begin marker
	eol       string // "\r" when the file has CRLF line endings
	stubLine  int    // line of the stub marker, 0 if none yet
	body      []numberedLine
	stub      []numberedLine
}

type numberedLine struct {
	n    int
	text string
}

func stripMarkers(path string, src []byte, keep func(string) bool, knownMilestone func(string) bool) (*stripped, error) {
	if !bytes.Contains(src, []byte(markerPrefix)) {
		return &stripped{out: src}, nil
	}
	style, ok := commentFor(path)
	lines := strings.Split(string(src), "\n")
	if !ok {
		for i, l := range lines {
			if markerWord.MatchString(l) {
				return nil, &MarkerError{path, i + 1, "solution markers are not supported in this file type (no known comment syntax); move the code to a file type that has comments, or list the file under solution_only"}
			}
		}
		return &stripped{out: src}, nil
	}

	r := &stripped{leaks: map[string]int{}}
	var out []string
	kept := map[string]bool{} // trimmed lines written to the output
	emit := func(l string) {
		out = append(out, l)
		kept[strings.TrimSpace(l)] = true
	}
	var cur *block
	for i, line := range lines {
		n := i + 1
		kw, args, isMarker := parseMarker(style, line)
		if !isMarker {
			if markerWord.MatchString(line) {
				return nil, &MarkerError{path, n, "a waymark marker must be a comment alone on its line"}
			}
			switch {
			case cur == nil:
				emit(line)
			case cur.stubLine > 0:
				cur.stub = append(cur.stub, numberedLine{n, line})
			default:
				cur.body = append(cur.body, numberedLine{n, line})
			}
			continue
		}
		r.markers = true
		switch kw {
		case markerBegin:
			if cur != nil {
				return nil, &MarkerError{path, n, fmt.Sprintf("waymark:begin inside the block opened at line %d: blocks do not nest; close it with waymark:end first", cur.line)}
			}
			if len(args) != 2 || args[0] != "solution" {
				return nil, &MarkerError{path, n, `malformed marker: write "waymark:begin solution <milestone>"`}
			}
			if !knownMilestone(args[1]) {
				return nil, &MarkerError{path, n, fmt.Sprintf("unknown milestone %q: it is not in the manifest's milestones", args[1])}
			}
			cur = &block{milestone: args[1], line: n, indent: indentOf(line)}
			if strings.HasSuffix(line, "\r") {
				cur.eol = "\r"
			}
		case markerStub:
			if len(args) != 0 {
				return nil, &MarkerError{path, n, `malformed marker: "waymark:stub" takes no arguments`}
			}
			if cur == nil {
				return nil, &MarkerError{path, n, "waymark:stub outside a solution block"}
			}
			if cur.stubLine > 0 {
				return nil, &MarkerError{path, n, fmt.Sprintf("second waymark:stub in the block opened at line %d", cur.line)}
			}
			cur.stubLine = n
		case markerEnd:
			if len(args) != 0 {
				return nil, &MarkerError{path, n, `malformed marker: "waymark:end" takes no arguments`}
			}
			if cur == nil {
				return nil, &MarkerError{path, n, "waymark:end without a waymark:begin"}
			}
			if keep(cur.milestone) {
				for _, l := range cur.body {
					emit(l.text)
				}
			} else {
				repl, err := cur.replacement(path, style)
				if err != nil {
					return nil, err
				}
				for _, l := range repl {
					emit(l)
				}
				for _, l := range cur.body {
					if t := strings.TrimSpace(l.text); len(t) >= leakMinLen {
						if _, seen := r.leaks[t]; !seen {
							r.leaks[t] = l.n
						}
					}
				}
			}
			cur = nil
		default:
			return nil, &MarkerError{path, n, fmt.Sprintf("unknown marker %q: use waymark:begin solution <milestone>, waymark:stub or waymark:end", markerPrefix+kw)}
		}
	}
	if cur != nil {
		return nil, &MarkerError{path, cur.line, "waymark:begin is never closed: add a waymark:end"}
	}
	for t := range r.leaks {
		if kept[t] {
			delete(r.leaks, t) // also written outside the stripped blocks
		}
	}
	r.out = []byte(strings.Join(out, "\n"))
	return r, nil
}

// replacement is what a stripped block becomes: its stub uncommented, or the
// file type's default stub.
func (b *block) replacement(path string, style commentStyle) ([]string, error) {
	if b.stubLine > 0 {
		repl := make([]string, 0, len(b.stub))
		for _, l := range b.stub {
			u, ok := style.uncomment(l.text)
			if !ok {
				return nil, &MarkerError{path, l.n, fmt.Sprintf("stub line is not a %s comment: every line between waymark:stub and waymark:end is commented out in the reference", style.leader)}
			}
			repl = append(repl, u)
		}
		return repl, nil
	}
	todo := fmt.Sprintf("TODO(%s): not implemented yet", b.milestone)
	if style == slashComment && strings.HasSuffix(path, ".go") && b.indent != "" {
		return []string{b.indent + fmt.Sprintf("panic(%q)", todo) + b.eol}, nil
	}
	// In Python a comment is no statement: a function whose whole body was
	// the block would not even parse.
	if style == hashComment && strings.HasSuffix(strings.TrimSuffix(path, ".tmpl"), ".py") && b.indent != "" {
		return []string{b.indent + fmt.Sprintf("raise NotImplementedError(%q)", todo) + b.eol}, nil
	}
	return []string{style.comment(b.indent, todo) + b.eol}, nil
}

// parseMarker reports whether line is a marker comment and splits it into
// keyword and arguments.
func parseMarker(style commentStyle, line string) (kw string, args []string, ok bool) {
	body, isComment := style.body(line)
	if !isComment || !strings.HasPrefix(body, markerPrefix) {
		return "", nil, false
	}
	fields := strings.Fields(strings.TrimPrefix(body, markerPrefix))
	if len(fields) == 0 {
		return "", nil, true
	}
	return fields[0], fields[1:], true
}

func indentOf(line string) string {
	return line[:len(line)-len(strings.TrimLeft(line, " \t"))]
}

// checkLeaks refuses out if it still holds a distinctive line of a stripped
// block.
func (r *stripped) checkLeaks(path string, out []byte) error {
	if len(r.leaks) == 0 {
		return nil
	}
	for _, l := range strings.Split(string(out), "\n") {
		if n, ok := r.leaks[strings.TrimSpace(l)]; ok {
			return &MarkerError{path, n, fmt.Sprintf("solution line leaked into the output: %q", strings.TrimSpace(l))}
		}
	}
	return nil
}
