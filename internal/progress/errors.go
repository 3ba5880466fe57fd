package progress

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/internal/yamlstrict"
	"gopkg.in/yaml.v3"
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

// parseError presents the decoder's problems the way a learner needs them:
// the first one, where it is, and how many more there are.
func parseError(errs yamlstrict.Errors) error {
	errs.Sort()
	first := errs[0]
	pe := &ParseError{Path: first.File, Line: first.Line, Column: first.Col, Msg: first.Msg}
	if more := len(errs) - 1; more > 0 {
		pe.Msg += fmt.Sprintf(" (and %d more %s)", more, plural(more, "problem", "problems"))
	}
	return pe
}

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
	errs := make(yamlstrict.Errors, 0, len(probs))
	for _, p := range probs {
		n := locate(root, p.path)
		errs = append(errs, &yamlstrict.Error{Pos: yamlstrict.Pos{File: path, Line: n.Line, Col: n.Column}, Msg: p.msg})
	}
	// The validation walks maps, in no fixed order: a tie on the position
	// goes to the message, so the same file always gives the same error.
	slices.SortStableFunc(errs, func(a, b *yamlstrict.Error) int { return strings.Compare(a.Msg, b.Msg) })
	return parseError(errs)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
