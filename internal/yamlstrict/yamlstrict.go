// Package yamlstrict is waymark's one strict YAML decoder: every file an
// author or learner writes by hand (curricula, project manifests, check
// suites, the progress file) is decoded through it, so that every one of
// them refuses unknown and repeated keys, names values of the wrong kind,
// and reports each problem at its file, line and column — all of them at
// once, so that a file can be fixed in one pass.
//
// It decodes a yaml.v3 node tree by reflection rather than with yaml.v3's
// own Decode: yaml.v3 checks duplicate keys by comparing every pair, which
// is quadratic in a mapping's size, and its errors give no column.
package yamlstrict

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
)

// Pos is a place in a file: 1-based line and column (0 when unknown).
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is one problem, where it is.
type Error struct {
	Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// String is Error: without it, the embedded Pos's String would print the
// position alone.
func (e *Error) String() string { return e.Error() }

// Errors are every problem found; it is an error when not empty.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort orders the problems by file, line and column.
func (es Errors) Sort() {
	slices.SortStableFunc(es, func(a, b *Error) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
}

// Err returns the problems sorted, or nil when there are none.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	es.Sort()
	return es
}

// ErrEmpty is the problem of a file with no document in it.
const ErrEmpty = "the file is empty"

// Parse reads the one YAML document in data. An empty file, a syntax error
// and a second document are problems at their position.
func Parse(file string, data []byte) (*yaml.Node, Errors) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, Errors{{Pos{file, 1, 1}, ErrEmpty}}
		}
		return nil, Errors{syntaxError(file, data, err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, Errors{syntaxError(file, data, err)}
		}
		at := &extra
		if len(extra.Content) > 0 {
			at = extra.Content[0]
		}
		return nil, Errors{{Pos{file, at.Line, at.Column}, "a second YAML document (after ---): keep one document per file"}}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	return root, nil
}

var lineRE = lazyregexp.New(`line (\d+)(?:, column (\d+))?: (.*)`)

// syntaxError places a yaml.v3 error, which names its line in its text,
// and says what is wrong in plain words where yaml.v3's are cryptic.
func syntaxError(file string, data []byte, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	m := lineRE.FindStringSubmatch(msg)
	if m == nil {
		return &Error{Pos{file, 1, 0}, msg}
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	msg = m[3]
	if text := lineOf(data, line); strings.HasPrefix(strings.TrimLeft(text, " "), "\t") {
		msg = "a tab in the indentation: YAML indents with spaces only (" + msg + ")"
	}
	return &Error{Pos{file, line, col}, msg}
}

// lineOf is line n (1-based) of data, "" past the end.
func lineOf(data []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return string(data)
}

// KindName says what a node is, for "expected X, got Y" messages.
func KindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "null"
	}
	if v := []rune(n.Value); len(v) > maxQuoted {
		return fmt.Sprintf("%q", string(v[:maxQuoted])+"…")
	}
	return fmt.Sprintf("%q", n.Value)
}

// maxQuoted is how much of a wrong value a message repeats.
const maxQuoted = 40

// Empty reports whether Parse found a file with no document in it, which
// some files (a learner's fresh progress) may be.
func Empty(errs Errors) bool { return len(errs) == 1 && errs[0].Msg == ErrEmpty }
