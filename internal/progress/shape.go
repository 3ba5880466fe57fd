package progress

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// The decoder works on a yaml.Node tree rather than yaml.v3's strict
// Decoder (KnownFields) for two reasons: yaml.v3 checks duplicate keys by
// comparing every pair, which takes 250 ms on 10,000 topics, and its errors
// give no column. checkShape does the same strictness in one pass and with
// exact positions; node.Decode then converts the values.

// shapeProblem is an unknown field or a duplicate key, at its key node.
type shapeProblem struct {
	node *yaml.Node
	msg  string
}

// checkShape reports mapping keys that t has no field for and keys that
// appear twice, walking n and the Go type t together. Scalars are left to
// node.Decode, which reports type mismatches itself.
func checkShape(n *yaml.Node, t reflect.Type) []shapeProblem {
	c := shapeChecker{seen: make(map[shapeVisit]bool)}
	c.check(n, t)
	return c.probs
}

type shapeVisit struct {
	n *yaml.Node
	t reflect.Type
}

type shapeChecker struct {
	probs []shapeProblem
	// seen guards alias targets: each is checked once per type, so a file
	// of nested aliases cannot make the walk exponential.
	seen map[shapeVisit]bool
}

var timeType = reflect.TypeFor[time.Time]()

func (c *shapeChecker) check(n *yaml.Node, t reflect.Type) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		v := shapeVisit{n.Alias, t}
		if c.seen[v] {
			return
		}
		c.seen[v] = true
		n = n.Alias
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case n.Kind == yaml.SequenceNode && t.Kind() == reflect.Slice:
		for _, item := range n.Content {
			c.check(item, t.Elem())
		}
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Slice:
		// A single item where a list is expected (format 1's one folder
		// per project): its fields are checked as the item's.
		c.check(n, t.Elem())
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Map:
		c.mapping(n, func(key *yaml.Node) (reflect.Type, bool) { return t.Elem(), true }, t)
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Struct && t != timeType:
		fields := make(map[string]reflect.Type, t.NumField())
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			fields[name] = t.Field(i).Type
		}
		c.mapping(n, func(key *yaml.Node) (reflect.Type, bool) {
			ft, ok := fields[key.Value]
			if !ok {
				c.probs = append(c.probs, shapeProblem{key, fmt.Sprintf("unknown field %q (known here: %s)", key.Value, knownFields(t))})
			}
			return ft, ok
		}, t)
	}
}

// mapping checks one mapping's keys and recurses into the values that
// field accepts.
func (c *shapeChecker) mapping(n *yaml.Node, field func(key *yaml.Node) (reflect.Type, bool), t reflect.Type) {
	first := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if key.Kind != yaml.ScalarNode || key.ShortTag() == "!!null" || key.ShortTag() == "!!merge" {
			c.probs = append(c.probs, shapeProblem{key, "keys here must be plain names"})
			continue
		}
		if line, dup := first[key.Value]; dup {
			c.probs = append(c.probs, shapeProblem{key, fmt.Sprintf("%q appears twice (first at line %d)", key.Value, line)})
			continue
		}
		first[key.Value] = key.Line
		if ft, ok := field(key); ok {
			c.check(val, ft)
		}
	}
}

// knownFields lists a struct's YAML keys for the unknown-field message. The
// file as a whole lists the current format's keys, not format 0's.
func knownFields(t reflect.Type) string {
	if t == reflect.TypeFor[fileDoc]() {
		t = reflect.TypeFor[Progress]()
	}
	names := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		names = append(names, name)
	}
	return strings.Join(names, ", ")
}

// UnmarshalYAML reads a list of folders, or format 1's single folder.
func (f *Folders) UnmarshalYAML(n *yaml.Node) error {
	n = resolve(n)
	if n.Kind == yaml.MappingNode {
		one := new(Project)
		if err := n.Decode(one); err != nil {
			return err
		}
		*f = Folders{one}
		return nil
	}
	var list []*Project
	if err := n.Decode(&list); err != nil {
		return err
	}
	*f = list
	return nil
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// decodeMap decodes a mapping entry by entry. yaml.v3 would compare every
// pair of keys for duplicates (checkShape has done that already), which is
// quadratic in the number of topics.
func decodeMap[V any](n *yaml.Node, out *map[string]V) error {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		return n.Decode(out) // null leaves the map nil; anything else is a type error
	}
	m := make(map[string]V, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		var v V
		if err := n.Content[i+1].Decode(&v); err != nil {
			return err
		}
		m[resolve(n.Content[i]).Value] = v
	}
	*out = m
	return nil
}

// decodeDoc decodes the document's mapping into d, the big maps entry by
// entry. checkShape has vetted the keys.
func decodeDoc(n *yaml.Node, d *fileDoc) error {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		return n.Decode(d) // a type error, or nothing for a null document
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i].Value, n.Content[i+1]
		var err error
		switch key {
		case "topics":
			err = decodeMap(val, &d.Topics)
		case "quizzes":
			err = decodeMap(val, &d.Quizzes)
		case "review":
			err = decodeMap(val, &d.Review)
		case "projects":
			err = decodeMap(val, &d.Projects)
		case "format":
			err = val.Decode(&d.Format)
		case "curriculum":
			err = val.Decode(&d.Curriculum)
		case "log":
			err = val.Decode(&d.Log)
		case "done":
			err = val.Decode(&d.Done)
		case "doing":
			err = val.Decode(&d.Doing)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
