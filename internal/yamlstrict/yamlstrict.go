// Package yamlstrict decodes YAML documents strictly — unknown keys are
// errors — while remembering where every value sits, so that validation can
// point an author at the exact line and column of a problem.
package yamlstrict

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
)

// Position is a 1-based line and column.
type Position struct{ Line, Col int }

// Index maps a value's path in the document to its position. Paths join map
// keys with "." and sequence items with "[i]": "steps[0].topics[2].requires[1]".
type Index map[string]Position

// At returns the position of path, falling back to its nearest recorded
// parent so that a missing field points at the mapping that lacks it.
func (ix Index) At(path string) Position {
	for path != "" {
		if p, ok := ix[path]; ok {
			return p
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return ix[""]
}

// Error is a decoding problem at a position.
type Error struct {
	Position
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Decode parses data into v (a pointer to a struct), refusing keys that v's
// type does not declare. It returns every such problem, plus the position
// index of the document.
func Decode(data []byte, v any) (Index, []*Error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, errEOF(err)) {
			return Index{}, []*Error{{Position{1, 1}, "the file is empty"}}
		}
		return nil, []*Error{syntaxError(err)}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	ix := Index{}
	var errs []*Error
	walk(root, reflect.TypeOf(v), "", 0, ix, &errs)
	if len(errs) > 0 {
		return ix, errs
	}
	if err := root.Decode(v); err != nil {
		return ix, typeErrors(err)
	}
	return ix, nil
}

func errEOF(err error) error {
	if err != nil && err.Error() == "EOF" {
		return err
	}
	return errors.New("not eof")
}

// maxDepth bounds nesting; no real document comes near it.
const maxDepth = 64

// walk records positions and reports unknown keys, following t alongside n.
func walk(n *yaml.Node, t reflect.Type, path string, depth int, ix Index, errs *[]*Error) {
	ix[path] = Position{n.Line, n.Column}
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	// An alias repeats a node already walked at its anchor; following it
	// could loop forever on a self-referencing document.
	if n.Kind == yaml.AliasNode || depth > maxDepth {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		var fields map[string]reflect.Type
		if t != nil && t.Kind() == reflect.Struct {
			fields = yamlFields(t)
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			child := k.Value
			if path != "" {
				child = path + "." + k.Value
			}
			if seen[k.Value] {
				*errs = append(*errs, &Error{Position{k.Line, k.Column}, fmt.Sprintf("key %q appears twice", k.Value)})
			}
			seen[k.Value] = true
			var ct reflect.Type
			switch {
			case fields != nil:
				ft, ok := fields[k.Value]
				if !ok {
					*errs = append(*errs, &Error{Position{k.Line, k.Column}, unknownKey(k.Value, fields)})
					continue
				}
				ct = ft
			case t != nil && t.Kind() == reflect.Map:
				ct = t.Elem()
			}
			walk(val, ct, child, depth+1, ix, errs)
		}
	case yaml.SequenceNode:
		var et reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			et = t.Elem()
		}
		for i, item := range n.Content {
			walk(item, et, fmt.Sprintf("%s[%d]", path, i), depth+1, ix, errs)
		}
	}
}

func unknownKey(key string, fields map[string]reflect.Type) string {
	known := make([]string, 0, len(fields))
	for k := range fields {
		known = append(known, k)
	}
	sortStrings(known)
	return fmt.Sprintf("unknown key %q (known keys: %s)", key, strings.Join(known, ", "))
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// yamlFields lists the keys a struct type accepts, following inline fields.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	fields := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if strings.Contains(opts, "inline") {
			for k, v := range yamlFields(f.Type) {
				fields[k] = v
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields[name] = f.Type
	}
	return fields
}

var lineRE = lazyregexp.New(`line (\d+)(?:, column (\d+))?: (.*)`)

func syntaxError(err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		return &Error{Position{line, col}, m[3]}
	}
	return &Error{Position{1, 0}, msg}
}

func typeErrors(err error) []*Error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return []*Error{syntaxError(err)}
	}
	out := make([]*Error, 0, len(te.Errors))
	for _, e := range te.Errors {
		out = append(out, syntaxError(errors.New(e)))
	}
	return out
}
