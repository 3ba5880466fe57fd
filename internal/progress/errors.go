package progress

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
)

// ParseError is a progress file that cannot be read. It names the place and
// says what to do, because the learner has to fix the file by hand: waymark
// refuses to guess and overwrite someone's record.
type ParseError struct {
	Path   string
	Line   int // 1-based; 0 when the YAML parser gives no line
	Column int // 1-based; 0 when the YAML parser gives no column
	Msg    string
}

// Error formats the problem as PATH:LINE:COL: MSG, which editors and
// terminals turn into a link, followed by what to do next.
func (e *ParseError) Error() string {
	loc := e.Path
	if e.Line > 0 {
		loc += ":" + strconv.Itoa(e.Line)
		if e.Column > 0 {
			loc += ":" + strconv.Itoa(e.Column)
		}
	}
	return loc + ": " + e.Msg + " (fix it by hand or restore it from Git; waymark will not overwrite it)"
}

// NewerFormatError is a progress file written by a newer waymark. It is not
// a ParseError: the file is fine, this waymark is too old to read it.
type NewerFormatError struct {
	Path   string
	Format int
}

// Error says which format was found and that upgrading is the way out.
func (e *NewerFormatError) Error() string {
	return fmt.Sprintf("%s: format %d was made by a newer waymark (this one reads up to format %d); upgrade waymark", e.Path, e.Format, Format)
}

var (
	// These regexps are immutable once compiled; they match the messages
	// of gopkg.in/yaml.v3, which exposes no structured errors.
	reSyntax    = lazyregexp.New(`^yaml: line (\d+): (.*)$`)
	reTypeLine  = lazyregexp.New(`^line (\d+): (.*)$`)
	reUnmarshal = lazyregexp.New("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (.+)$")
)

// yamlError turns an error from the YAML decoder into a ParseError with the
// best position available and a message in the learner's terms rather than
// Go's types.
func yamlError(path string, data []byte, root *yaml.Node, err error) error {
	pe := &ParseError{Path: path, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	var te *yaml.TypeError
	var tpe *time.ParseError
	switch {
	case errors.As(err, &te) && len(te.Errors) > 0:
		m := reTypeLine.FindStringSubmatch(te.Errors[0])
		if m == nil {
			pe.Msg = te.Errors[0]
			break
		}
		pe.Line, _ = strconv.Atoi(m[1])
		var match func(n *yaml.Node, isKey bool) bool
		pe.Msg, match = describeTypeError(m[2])
		pe.Column = findColumn(root, pe.Line, match)
		if more := len(te.Errors) - 1; more > 0 {
			pe.Msg += fmt.Sprintf(" (and %d more %s)", more, plural(more, "problem", "problems"))
		}
	case errors.As(err, &tpe):
		// time.Time decodes through UnmarshalText, whose errors carry no
		// position: find the offending scalar in the tree instead.
		pe.Msg = fmt.Sprintf("%q is not a date and time like 2026-11-24T10:00:00Z", tpe.Value)
		if n := findNode(root, func(n *yaml.Node, isKey bool) bool {
			return !isKey && n.Kind == yaml.ScalarNode && n.Value == tpe.Value
		}); n != nil {
			pe.Line, pe.Column = n.Line, n.Column
		}
	default:
		if m := reSyntax.FindStringSubmatch(err.Error()); m != nil {
			pe.Line, _ = strconv.Atoi(m[1])
			pe.Msg = m[2]
			if bytes.Contains(lineAt(data, pe.Line), []byte("\t")) {
				pe.Msg += " (YAML indents with spaces, not tabs)"
			}
		}
	}
	return pe
}

// describeTypeError rewrites one yaml.v3 type error and returns how to
// recognise the node it is about on its line.
func describeTypeError(msg string) (string, func(*yaml.Node, bool) bool) {
	if m := reUnmarshal.FindStringSubmatch(msg); m != nil {
		kind, value, into := m[1], m[2], m[3]
		found := map[string]string{"seq": "a list", "map": "a mapping", "null": "nothing"}[kind]
		if found == "" {
			found = strconv.Quote(value)
		}
		// yaml.v3 shortens long values to their first 7 bytes and "...".
		prefix, cut := strings.CutSuffix(value, "...")
		return fmt.Sprintf("expected %s, found %s", describeType(into), found),
			func(n *yaml.Node, isKey bool) bool {
				if isKey {
					return false
				}
				switch kind {
				case "seq":
					return n.Kind == yaml.SequenceNode
				case "map":
					return n.Kind == yaml.MappingNode
				}
				return n.Kind == yaml.ScalarNode && (n.Value == value || cut && strings.HasPrefix(n.Value, prefix))
			}
	}
	return msg, func(*yaml.Node, bool) bool { return true }
}

// describeType names a Go type the way a learner editing YAML thinks of it.
func describeType(t string) string {
	switch {
	case t == "int":
		return "a whole number"
	case t == "bool":
		return "true or false"
	case t == "time.Time":
		return "a date and time like 2026-11-24T10:00:00Z"
	case t == "string", t == "progress.Status":
		return "a text value"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	default:
		return "a mapping"
	}
}

// findColumn returns the column of the first node on line that match
// accepts, or of the first node on that line, or 0.
func findColumn(root *yaml.Node, line int, match func(*yaml.Node, bool) bool) int {
	if n := findNode(root, func(n *yaml.Node, isKey bool) bool { return n.Line == line && match(n, isKey) }); n != nil {
		return n.Column
	}
	if n := findNode(root, func(n *yaml.Node, _ bool) bool { return n.Line == line }); n != nil {
		return n.Column
	}
	return 0
}

// findNode returns the first node under root, in document order, that
// match accepts; nil if none does or there is no tree.
func findNode(root *yaml.Node, match func(n *yaml.Node, isKey bool) bool) *yaml.Node {
	if root == nil {
		return nil
	}
	var walk func(n *yaml.Node, isKey bool) *yaml.Node
	walk = func(n *yaml.Node, isKey bool) *yaml.Node {
		if n.Kind != yaml.DocumentNode && match(n, isKey) {
			return n
		}
		for i, c := range n.Content {
			if found := walk(c, n.Kind == yaml.MappingNode && i%2 == 0); found != nil {
				return found
			}
		}
		return nil
	}
	return walk(root, false)
}

// problem is a value that decoded but makes no sense, with the path of keys
// (string) and list indexes (int) leading to it; a trailing keyOf points at
// a mapping key rather than its value.
type problem struct {
	path []any
	msg  string
}

// keyOf marks the last path element as a key, for problems with a key.
type keyOf string

// locate finds a problem's node; a path that stops early (a missing field)
// yields the deepest node found, which is the mapping that lacks it.
func locate(root *yaml.Node, path []any) *yaml.Node {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for _, el := range path {
		next := (*yaml.Node)(nil)
		switch el := el.(type) {
		case int:
			switch {
			case n.Kind == yaml.SequenceNode && el < len(n.Content):
				next = n.Content[el]
			case n.Kind == yaml.MappingNode && el == 0:
				next = n // a single item stands for a list of one
			}
		case string, keyOf:
			name := fmt.Sprint(el)
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == name {
						next = n.Content[i+1]
						if _, isKey := el.(keyOf); isKey {
							next = n.Content[i]
						}
						break
					}
				}
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	return n
}

// problemsError turns validation problems into a ParseError at the first
// of them in the file, so that fixing them top to bottom works. The tree
// is only searched here, on the error path, to keep loading fast.
func problemsError(path string, root *yaml.Node, probs []problem) error {
	type placed struct {
		line, col int
		msg       string
	}
	all := make([]placed, 0, len(probs))
	for _, p := range probs {
		n := locate(root, p.path)
		all = append(all, placed{n.Line, n.Column, p.msg})
	}
	first := slices.MinFunc(all, func(a, b placed) int {
		if a.line != b.line {
			return a.line - b.line
		}
		if a.col != b.col {
			return a.col - b.col
		}
		return strings.Compare(a.msg, b.msg)
	})
	pe := &ParseError{Path: path, Line: first.line, Column: first.col, Msg: first.msg}
	if more := len(all) - 1; more > 0 {
		pe.Msg += fmt.Sprintf(" (and %d more %s)", more, plural(more, "problem", "problems"))
	}
	return pe
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// lineAt returns the 1-based line n of data, or nil.
func lineAt(data []byte, n int) []byte {
	for i := 1; len(data) > 0; i++ {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		if i == n {
			return line
		}
		data = rest
	}
	return nil
}
