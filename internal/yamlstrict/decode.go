package yamlstrict

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"
)

// Unmarshaler is a type that decodes itself from a node, strictly, telling
// the decoder its problems (d.Errorf). Check files use it for values with
// a syntax of their own: durations, status codes, counts.
type Unmarshaler interface {
	UnmarshalStrict(d *Decoder, n *yaml.Node)
}

// Decoder fills Go values from YAML nodes: a mapping decodes into a struct
// (by its yaml tags; a key the struct lacks is a problem; a tag option
// ",legacy" accepts a key without naming it among the known ones, for what
// older files held) or a map (keys are
// strings; a repeated key is a problem), a sequence into a slice, a scalar
// into a string, number, bool or time.Time of the right kind. A struct with
// a field `Pos Pos` (tagged yaml:"-") gets the position of its mapping.
type Decoder struct {
	File string
	// Aliases lets anchors and aliases through, each alias decoded as the
	// value it names (at most maxNodes values in all, so that a document of
	// nested aliases cannot grow without bound). Without it they are
	// problems.
	Aliases bool
	// Index, when not nil, records the position of every value under its
	// path: map keys joined with ".", items as "[i]" ("steps[0].topics[2]").
	Index Index

	errs  Errors
	nodes int
}

// maxNodes bounds the values one document may decode into, aliases
// followed: far above any real file, far below what exhausts memory.
const maxNodes = 1 << 22

// Index maps a value's path in a document to its position.
type Index map[string]Pos

// At returns the position of path, falling back to its nearest recorded
// parent, so that a missing field points at the mapping that lacks it.
func (ix Index) At(path string) Pos {
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

// Errors returns the problems found so far, in the order found.
func (d *Decoder) Errors() Errors { return d.errs }

// At is the position of n.
func (d *Decoder) At(n *yaml.Node) Pos { return Pos{d.File, n.Line, n.Column} }

// Errorf records a problem at n.
func (d *Decoder) Errorf(n *yaml.Node, format string, a ...any) {
	d.errs = append(d.errs, &Error{d.At(n), fmt.Sprintf(format, a...)})
}

// ErrorAt records a problem at p.
func (d *Decoder) ErrorAt(p Pos, format string, a ...any) {
	d.errs = append(d.errs, &Error{p, fmt.Sprintf(format, a...)})
}

// Decode fills v, a pointer, from n.
func (d *Decoder) Decode(n *yaml.Node, v any) {
	d.decode(n, reflect.ValueOf(v).Elem(), "")
}

// DecodeValue fills v from n; for an Unmarshaler decoding a part of itself.
func (d *Decoder) DecodeValue(n *yaml.Node, v reflect.Value) { d.decode(n, v, "") }

var (
	posType         = reflect.TypeFor[Pos]()
	timeType        = reflect.TypeFor[time.Time]()
	unmarshalerType = reflect.TypeFor[Unmarshaler]()
)

func (d *Decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if d.nodes++; d.nodes > maxNodes {
		if d.nodes == maxNodes+1 {
			d.Errorf(n, "the document has more than %d values (aliases repeating aliases?)", maxNodes)
		}
		return
	}
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		if !d.Aliases {
			d.Errorf(n, "anchors and aliases are not supported here: write the value out")
			return
		}
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		}
	}
	if d.Index != nil {
		d.Index[path] = d.At(n)
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalerType) {
		v.Addr().Interface().(Unmarshaler).UnmarshalStrict(d, n)
		return
	}
	t := v.Type()
	if t == timeType {
		d.decodeTime(n, v)
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		// A type that decodes itself decides what null means (a JSON value
		// may be null); anything else needs a value.
		if n.Tag == "!!null" && !reflect.PointerTo(t.Elem()).Implements(unmarshalerType) {
			d.Errorf(n, "a value is required here, not null")
			return
		}
		p := reflect.New(t.Elem())
		d.decode(n, p.Elem(), path)
		v.Set(p)
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		if n.Tag == "!!null" {
			return // an empty list, written as nothing
		}
		if n.Kind != yaml.SequenceNode {
			d.Errorf(n, "expected a list, got %s", KindName(n))
			return
		}
		s := reflect.MakeSlice(t, len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.decode(item, s.Index(i), path+"["+strconv.Itoa(i)+"]")
		}
		v.Set(s)
	case reflect.Map:
		d.decodeMap(n, v, path)
	case reflect.Interface:
		var x any
		if err := n.Decode(&x); err != nil {
			d.Errorf(n, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
			return
		}
		v.Set(reflect.ValueOf(&x).Elem())
	default:
		d.decodeScalar(n, v)
	}
}

func (d *Decoder) decodeMap(n *yaml.Node, v reflect.Value, path string) {
	if n.Tag == "!!null" {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "expected a mapping, got %s", KindName(n))
		return
	}
	t := v.Type()
	m := reflect.MakeMapWithSize(t, len(n.Content)/2)
	first := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!null" || k.Tag == "!!merge" {
			d.Errorf(k, "keys here must be plain names")
			continue
		}
		if line, dup := first[k.Value]; dup {
			d.Errorf(k, "key %q appears twice (first at line %d)", k.Value, line)
			continue
		}
		first[k.Value] = k.Line
		e := reflect.New(t.Elem()).Elem()
		d.decode(val, e, join(path, k.Value))
		m.SetMapIndex(reflect.ValueOf(k.Value).Convert(t.Key()), e)
	}
	v.Set(m)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (d *Decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		if n.Tag != "!!null" {
			d.Errorf(n, "expected a mapping, got %s", KindName(n))
		}
		return
	}
	fs := fieldsOf(v.Type())
	if fs.pos != nil {
		v.FieldByIndex(fs.pos).Set(reflect.ValueOf(d.At(n)))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.Errorf(k, "keys here must be plain names")
			continue
		}
		// A struct has few keys: looking back is cheaper than a map.
		if line := earlier(n.Content[:i], k.Value); line > 0 {
			d.Errorf(k, "key %q appears twice (first at line %d)", k.Value, line)
			continue
		}
		f, ok := fs.byName[k.Value]
		if !ok {
			d.Errorf(k, "unknown key %q (known keys: %s)", k.Value, fs.known)
			continue
		}
		d.decode(val, v.FieldByIndex(f), join(path, k.Value))
	}
}

// structFields is what decoding a struct type needs, worked out once.
type structFields struct {
	byName map[string][]int
	known  string   // the keys, sorted, for messages
	pos    []int    // the Pos field, if any
	legacy []string // keys read from older files but not offered (",legacy")
}

var fieldCache sync.Map // reflect.Type → *structFields

func fieldsOf(t reflect.Type) *structFields {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.(*structFields)
	}
	fs := &structFields{byName: map[string][]int{}}
	collect(t, nil, fs)
	names := make([]string, 0, len(fs.byName))
	for name := range fs.byName {
		if !slices.Contains(fs.legacy, name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	fs.known = strings.Join(names, ", ")
	fieldCache.Store(t, fs)
	return fs
}

// collect lists the keys a struct accepts, following inline fields.
func collect(t reflect.Type, prefix []int, fs *structFields) {
	for i := range t.NumField() {
		f := t.Field(i)
		index := append(append([]int(nil), prefix...), i)
		if f.Name == "Pos" && f.Type == posType {
			fs.pos = index
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if strings.Contains(opts, "inline") {
			collect(f.Type, index, fs)
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fs.byName[name] = index
		if strings.Contains(opts, "legacy") {
			fs.legacy = append(fs.legacy, name)
		}
	}
}

func (d *Decoder) decodeScalar(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.ScalarNode {
		d.Errorf(n, "expected %s, got %s", want(v.Kind()), KindName(n))
		return
	}
	switch v.Kind() {
	case reflect.String:
		if n.Tag == "!!null" {
			d.Errorf(n, "expected a string, got null")
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if n.Tag != "!!bool" {
			d.Errorf(n, "expected true or false, got %s", KindName(n))
			return
		}
		v.SetBool(strings.EqualFold(n.Value, "true"))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, v.Type().Bits())
		if n.Tag != "!!int" || err != nil {
			d.Errorf(n, "expected a whole number, got %s", KindName(n))
			return
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		i, err := strconv.ParseUint(strings.ReplaceAll(n.Value, "_", ""), 0, v.Type().Bits())
		if n.Tag != "!!int" || err != nil {
			d.Errorf(n, "expected a whole number of at least 0, got %s", KindName(n))
			return
		}
		v.SetUint(i)
	case reflect.Float32, reflect.Float64:
		var f float64
		if n.Tag != "!!int" && n.Tag != "!!float" || n.Decode(&f) != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			d.Errorf(n, "expected a number, got %s", KindName(n))
			return
		}
		v.SetFloat(f)
	default:
		d.Errorf(n, "internal: cannot decode into %s", v.Type())
	}
}

func want(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a whole number"
}

func (d *Decoder) decodeTime(n *yaml.Node, v reflect.Value) {
	var t time.Time
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Decode(&t) != nil {
		d.Errorf(n, "expected a time like 2026-11-24T10:00:00Z, got %s", KindName(n))
		return
	}
	v.Set(reflect.ValueOf(t))
}

// DecodeFile parses data and decodes it into v, a pointer, strictly; it
// returns the position index of the document and every problem. Anchors
// and aliases are allowed (a long curriculum may reuse a resource list).
func DecodeFile(file string, data []byte, v any) (Index, Errors) {
	root, errs := Parse(file, data)
	if errs != nil {
		return Index{}, errs
	}
	d := &Decoder{File: file, Aliases: true, Index: Index{}}
	d.Decode(root, v)
	return d.Index, d.Errors()
}

// earlier is the line of key among the keys of pairs, 0 if it is not there.
func earlier(pairs []*yaml.Node, key string) int {
	for j := 0; j+1 < len(pairs); j += 2 {
		if pairs[j].Value == key {
			return pairs[j].Line
		}
	}
	return 0
}
