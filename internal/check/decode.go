package check

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
)

// Error is a problem in a check file, at a position.
type Error struct {
	Pos
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg) }

// Errors are all the problems of one or more check files.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// LoadSuites reads every *.yaml file of dir in fsys, ordered by file name.
// It returns every problem of every file at once.
func LoadSuites(fsys fs.FS, dir string) ([]*Suite, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var suites []*Suite
	var all Errors
	for _, e := range entries {
		if e.IsDir() || !(strings.HasSuffix(e.Name(), ".yaml") || strings.HasSuffix(e.Name(), ".yml")) {
			continue
		}
		name := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		s, err := Decode(name, data)
		var es Errors
		if errors.As(err, &es) {
			all = append(all, es...)
			continue
		} else if err != nil {
			return nil, err
		}
		suites = append(suites, s)
	}
	if len(all) > 0 {
		return nil, all
	}
	return suites, nil
}

// Decode parses and validates one check file. Every problem comes back at
// once, as Errors naming file, line and column.
func Decode(file string, data []byte) (*Suite, error) {
	d := &decoder{file: file}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, Errors{{Pos{file, 1, 1}, "the file is empty"}}
		}
		return nil, Errors{d.syntax(err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, Errors{{Pos{file, extra.Line, extra.Column}, "one document per file: remove the second one"}}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	s := &Suite{}
	d.decode(root, reflect.ValueOf(s).Elem())
	if len(d.errs) == 0 {
		d.validate(s)
	}
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	sum := sha256.Sum256(data)
	s.SHA256 = hex.EncodeToString(sum[:])
	return s, nil
}

var lineRE = lazyregexp.New(`line (\d+)(?:, column (\d+))?: (.*)`)

func (d *decoder) syntax(err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		return &Error{Pos{d.file, line, max(col, 1)}, m[3]}
	}
	return &Error{Pos{d.file, 1, 1}, msg}
}

type decoder struct {
	file string
	errs Errors
}

func (d *decoder) at(n *yaml.Node) Pos { return Pos{d.file, n.Line, n.Column} }

func (d *decoder) errorf(n *yaml.Node, format string, a ...any) {
	d.errs = append(d.errs, &Error{d.at(n), fmt.Sprintf(format, a...)})
}

func (d *decoder) errorAt(p Pos, format string, a ...any) {
	d.errs = append(d.errs, &Error{p, fmt.Sprintf(format, a...)})
}

var (
	posType      = reflect.TypeOf(Pos{})
	valueType    = reflect.TypeOf(Value{})
	durationType = reflect.TypeOf(Duration(0))
	statusType   = reflect.TypeOf(StatusSet(nil))
	wordsType    = reflect.TypeOf(Words(nil))
	countType    = reflect.TypeOf(Count{})
	matcherType  = reflect.TypeOf(Matcher{})
	clientType   = reflect.TypeOf(WSClient{})
)

func kindName(n *yaml.Node) string {
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
	return fmt.Sprintf("%q", n.Value)
}

// decode fills v from n, strictly: unknown keys, duplicate keys, wrong
// kinds and aliases are errors.
func (d *decoder) decode(n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		d.errorf(n, "anchors and aliases are not supported in check files")
		return
	}
	t := v.Type()
	switch t {
	case valueType:
		d.decodeValue(n, v.Addr().Interface().(*Value))
		return
	case durationType:
		d.decodeDuration(n, v.Addr().Interface().(*Duration))
		return
	case statusType:
		d.decodeStatus(n, v.Addr().Interface().(*StatusSet))
		return
	case wordsType:
		d.decodeWords(n, v.Addr().Interface().(*Words))
		return
	case countType:
		d.decodeCount(n, v.Addr().Interface().(*Count))
		return
	case matcherType:
		if n.Kind == yaml.ScalarNode { // shorthand: a bare value means eq
			m := v.Addr().Interface().(*Matcher)
			m.Pos = d.at(n)
			m.Eq = &Value{}
			d.decodeValue(n, m.Eq)
			return
		}
	case clientType:
		if n.Kind == yaml.ScalarNode { // shorthand: a bare name
			c := v.Addr().Interface().(*WSClient)
			c.Pos, c.Name = d.at(n), n.Value
			return
		}
	}
	switch t.Kind() {
	case reflect.Pointer:
		if n.Tag == "!!null" && t.Elem() != valueType {
			d.errorf(n, "a value is required here, not null")
			return
		}
		p := reflect.New(t.Elem())
		d.decode(n, p.Elem())
		v.Set(p)
	case reflect.Struct:
		d.decodeStruct(n, v)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, "expected a list, got %s", kindName(n))
			return
		}
		s := reflect.MakeSlice(t, len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.decode(item, s.Index(i))
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.errorf(n, "expected a mapping, got %s", kindName(n))
			return
		}
		m := reflect.MakeMap(t)
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				d.errorf(k, "keys must be plain words")
				continue
			}
			if seen[k.Value] {
				d.errorf(k, "key %q appears twice", k.Value)
				continue
			}
			seen[k.Value] = true
			e := reflect.New(t.Elem()).Elem()
			d.decode(val, e)
			m.SetMapIndex(reflect.ValueOf(k.Value), e)
		}
		v.Set(m)
	case reflect.String:
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			d.errorf(n, "expected a string, got %s", kindName(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			d.errorf(n, "expected a whole number, got %s", kindName(n))
			return
		}
		i, err := strconv.ParseInt(n.Value, 0, 32)
		if err != nil {
			d.errorf(n, "expected a whole number, got %s", kindName(n))
			return
		}
		v.SetInt(i)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.errorf(n, "expected true or false, got %s", kindName(n))
			return
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	default:
		d.errorf(n, "internal: cannot decode into %s", t)
	}
}

type field struct {
	index []int
	t     reflect.Type
}

// fieldsOf lists the keys a struct accepts, following inline fields.
func fieldsOf(t reflect.Type) map[string]field {
	out := map[string]field{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if strings.Contains(opts, "inline") {
			for k, sub := range fieldsOf(f.Type) {
				out[k] = field{append([]int{i}, sub.index...), sub.t}
			}
			continue
		}
		out[name] = field{[]int{i}, f.Type}
	}
	return out
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "expected a mapping, got %s", kindName(n))
		return
	}
	if f, ok := v.Type().FieldByName("Pos"); ok && f.Type == posType {
		v.FieldByIndex(f.Index).Set(reflect.ValueOf(d.at(n)))
	}
	fields := fieldsOf(v.Type())
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			d.errorf(k, "key %q appears twice", k.Value)
			continue
		}
		seen[k.Value] = true
		f, ok := fields[k.Value]
		if !ok {
			known := make([]string, 0, len(fields))
			for name := range fields {
				known = append(known, name)
			}
			sort.Strings(known)
			d.errorf(k, "unknown key %q (known keys: %s)", k.Value, strings.Join(known, ", "))
			continue
		}
		d.decode(val, v.FieldByIndex(f.index))
	}
}

func (d *decoder) decodeValue(n *yaml.Node, out *Value) {
	if bad := findAlias(n); bad != nil {
		d.errorf(bad, "anchors and aliases are not supported in check files")
		return
	}
	var raw any
	if err := n.Decode(&raw); err != nil {
		d.errorf(n, "%v", err)
		return
	}
	v, err := toJSONValue(raw)
	if err != nil {
		d.errorf(n, "%v", err)
		return
	}
	out.V = v
}

func findAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if bad := findAlias(c); bad != nil {
			return bad
		}
	}
	return nil
}

// toJSONValue turns a decoded YAML value into the shape encoding/json
// produces (map[string]any, []any, float64, string, bool, nil).
func toJSONValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, string, bool, float64:
		return x, nil
	case int:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			j, err := toJSONValue(e)
			if err != nil {
				return nil, err
			}
			out[k] = j
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			j, err := toJSONValue(e)
			if err != nil {
				return nil, err
			}
			out[i] = j
		}
		return out, nil
	case time.Time:
		return x.Format(time.RFC3339Nano), nil
	}
	return nil, fmt.Errorf("a %T cannot be written as JSON (map keys must be strings)", v)
}

func (d *decoder) decodeDuration(n *yaml.Node, out *Duration) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "expected a duration such as 2s or 500ms, got %s", kindName(n))
		return
	}
	dur, err := time.ParseDuration(n.Value)
	if err != nil || dur <= 0 {
		d.errorf(n, "expected a positive duration such as 2s or 500ms, got %q", n.Value)
		return
	}
	*out = Duration(dur)
}

func (d *decoder) decodeStatus(n *yaml.Node, out *StatusSet) {
	one := func(n *yaml.Node) {
		c, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil || c < 100 || c > 599 {
			d.errorf(n, "expected an HTTP status code (100-599), got %s", kindName(n))
			return
		}
		*out = append(*out, c)
	}
	if n.Kind == yaml.SequenceNode {
		for _, c := range n.Content {
			one(c)
		}
		return
	}
	one(n)
}

func (d *decoder) decodeWords(n *yaml.Node, out *Words) {
	switch n.Kind {
	case yaml.ScalarNode:
		*out = strings.Fields(n.Value)
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				d.errorf(c, "expected a word, got %s", kindName(c))
				continue
			}
			*out = append(*out, c.Value)
		}
	default:
		d.errorf(n, "expected a command (a string or a list), got %s", kindName(n))
	}
}

var countRE = lazyregexp.New(`^\s*(?:(\d+)|any|(\d+)\s*\.\.\s*(\d+)|>=\s*(\d+)|<=\s*(\d+))\s*$`)

// ParseCount parses an expected count: 5, any, 1..5, >=1, <=3.
func ParseCount(s string) (Count, bool) {
	m := countRE.FindStringSubmatch(s)
	if m == nil {
		return Count{}, false
	}
	atoi := func(s string) int { i, _ := strconv.Atoi(s); return i }
	c := Count{Text: strings.TrimSpace(s)}
	switch {
	case m[1] != "":
		c.Min, c.Max = atoi(m[1]), atoi(m[1])
	case m[2] != "":
		c.Min, c.Max = atoi(m[2]), atoi(m[3])
	case m[4] != "":
		c.Min, c.Max = atoi(m[4]), -1
	case m[5] != "":
		c.Min, c.Max = 0, atoi(m[5])
	default:
		c.Min, c.Max = 0, -1
	}
	return c, c.Max < 0 || c.Min <= c.Max
}

func (d *decoder) decodeCount(n *yaml.Node, out *Count) {
	c, ok := ParseCount(n.Value)
	if n.Kind != yaml.ScalarNode || !ok {
		d.errorf(n, "expected a count: a number, any, N..M, >=N or <=N; got %s", kindName(n))
		return
	}
	*out = c
}

// Limits on what a check file may ask for, so a bad file cannot hang a run.
const (
	MaxWithin   = 30 * time.Second
	MaxExec     = 10 * time.Minute
	MaxCopies   = 200
	MaxInstance = 8
)

var validTypes = []string{"string", "number", "integer", "boolean", "object", "array", "null"}

// validate checks what decoding cannot: required fields, one kind per step,
// known operators, and that every ${var} is set by an earlier step.
func (d *decoder) validate(s *Suite) {
	top := s.Pos
	if s.Format != 1 {
		d.errorAt(top, "format: 1 is required (this waymark reads format 1)")
	}
	if !idRE.MatchString(s.Milestone) {
		d.errorAt(top, "milestone: a milestone id (lower-case letters, digits, -) is required")
	}
	if s.Instances < 0 || s.Instances > MaxInstance {
		d.errorAt(top, "instances must be between 1 and %d", MaxInstance)
	}
	if len(s.Steps) == 0 {
		d.errorAt(top, "steps: at least one step is required")
	}
	defined := map[string]bool{}
	names := map[string]bool{}
	for _, st := range s.Steps {
		if strings.TrimSpace(st.Name) == "" {
			d.errorAt(st.Pos, "every step needs a name")
		} else if names[st.Name] {
			d.errorAt(st.Pos, "step name %q is used twice in this file", st.Name)
		}
		names[st.Name] = true
		kinds := 0
		for _, set := range []bool{st.HTTP != nil, st.WS != nil, st.Exec != nil, st.Parallel != nil} {
			if set {
				kinds++
			}
		}
		if kinds != 1 {
			d.errorAt(st.Pos, "step %q must have exactly one of http, ws, exec, parallel", st.Name)
			continue
		}
		uses := func(p Pos, strs ...string) {
			for _, str := range strs {
				for _, name := range varRefs(str) {
					if !builtinVar(name) && !defined[name] {
						d.errorAt(p, "${%s} is not captured by an earlier step of this file", name)
					}
				}
			}
		}
		instances := max(s.Instances, 1)
		switch {
		case st.HTTP != nil:
			d.validateRequest(&st.HTTP.Request, instances, uses)
			d.validateExpect(&st.HTTP.Expect, uses)
			d.validateCaptures(st.Pos, st.HTTP.Capture, defined)
		case st.Parallel != nil:
			p := st.Parallel
			if p.Copies < 2 || p.Copies > MaxCopies {
				d.errorAt(st.Pos, "parallel: copies must be between 2 and %d", MaxCopies)
			}
			d.validateRequest(&p.Request, instances, uses)
			if len(p.Expect.Counts) == 0 {
				d.errorAt(st.Pos, "parallel: expect.counts is required, e.g. {201: 5, 409: 15}")
			}
			for k := range p.Expect.Counts {
				if !statusKeyRE.MatchString(k) {
					d.errorAt(st.Pos, "parallel: count key %q must be a status (201), a class (4xx) or any", k)
				}
			}
		case st.Exec != nil:
			if len(st.Exec.Command) == 0 {
				d.errorAt(st.Pos, "exec: command is required")
			}
			if time.Duration(st.Exec.Timeout) > MaxExec {
				d.errorAt(st.Pos, "exec: timeout must be at most %s", MaxExec)
			}
			for _, m := range []*Matcher{st.Exec.Expect.Stdout, st.Exec.Expect.Stderr} {
				if m != nil {
					d.validateMatcher(m, false, uses)
				}
			}
		case st.WS != nil:
			d.validateWS(st.WS, instances, uses, defined)
		}
	}
}

var (
	idRE        = lazyregexp.New(`^[a-z0-9][a-z0-9-]*$`)
	statusKeyRE = lazyregexp.New(`^([1-5][0-9][0-9]|[1-5]xx|any)$`)
	methods     = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
)

func (d *decoder) validateRequest(r *Request, instances int, uses func(Pos, ...string)) {
	r.Method = strings.ToUpper(r.Method)
	if r.Method == "" {
		r.Method = "GET"
	}
	if !slices.Contains(methods, r.Method) {
		d.errorAt(r.Pos, "request: method %q is not one of %s", r.Method, strings.Join(methods, ", "))
	}
	if !strings.HasPrefix(r.Path, "/") && !strings.HasPrefix(r.Path, "${") {
		d.errorAt(r.Pos, "request: path must start with / (or be a captured ${variable})")
	}
	if r.JSON != nil && r.Body != nil {
		d.errorAt(r.Pos, "request: give json or body, not both")
	}
	if r.Instance < 0 || r.Instance >= instances {
		d.errorAt(r.Pos, "request: instance %d does not exist (the suite has %d)", r.Instance, instances)
	}
	uses(r.Pos, r.Path, r.Bearer)
	for _, v := range r.Headers {
		uses(r.Pos, v)
	}
	if r.Body != nil {
		uses(r.Pos, *r.Body)
	}
	if r.JSON != nil {
		uses(r.Pos, stringsIn(r.JSON.V)...)
	}
}

func (d *decoder) validateExpect(e *Expect, uses func(Pos, ...string)) {
	for name, m := range e.Headers {
		if m.Path != "" {
			d.errorAt(m.Pos, "headers: %s: a header matcher has no path", name)
		}
		d.validateMatcher(m, false, uses)
	}
	for _, m := range e.JSON {
		d.validateMatcher(m, true, uses)
	}
	if e.Body != nil {
		d.validateMatcher(e.Body, false, uses)
	}
}

func (d *decoder) validateMatcher(m *Matcher, needPath bool, uses func(Pos, ...string)) {
	if needPath {
		if _, err := parsePath(m.Path); err != nil {
			d.errorAt(m.Pos, "path: %v", err)
		}
	} else if m.Path != "" {
		d.errorAt(m.Pos, "path is only for json matchers")
	}
	ops := 0
	for _, v := range []*Value{m.Eq, m.Ne, m.Gt, m.Gte, m.Lt, m.Lte, m.Contains, m.NotContains} {
		if v != nil {
			ops++
			uses(m.Pos, stringsIn(v.V)...)
		}
	}
	for _, v := range []*Value{m.Gt, m.Gte, m.Lt, m.Lte} {
		if v != nil {
			if s, ok := v.V.(string); !ok || len(varRefs(s)) == 0 {
				if _, ok := v.V.(float64); !ok {
					d.errorAt(m.Pos, "gt, gte, lt and lte take a number")
				}
			}
		}
	}
	if m.Matches != "" {
		ops++
		if _, err := regexp.Compile(m.Matches); err != nil {
			d.errorAt(m.Pos, "matches: %v", err)
		}
	}
	if m.Type != "" {
		ops++
		if !slices.Contains(validTypes, m.Type) {
			d.errorAt(m.Pos, "type %q is not one of %s", m.Type, strings.Join(validTypes, ", "))
		}
	}
	if m.Exists != nil {
		ops++
	}
	if m.Len != nil {
		ops++
		if *m.Len < 0 {
			d.errorAt(m.Pos, "len cannot be negative")
		}
	}
	if ops == 0 {
		d.errorAt(m.Pos, "a matcher needs at least one of eq, ne, gt, gte, lt, lte, contains, not_contains, matches, type, exists, len")
	}
}

func (d *decoder) validateCaptures(p Pos, caps map[string]*Capture, defined map[string]bool) {
	for _, name := range sortedKeys(caps) {
		c := caps[name]
		if !varNameRE.MatchString(name) || builtinVar(name) {
			d.errorAt(c.Pos, "capture: %q is not a usable variable name", name)
		}
		if (c.JSON == "") == (c.Header == "") {
			d.errorAt(c.Pos, "capture %q: give exactly one of json (a path) or header (a name)", name)
		}
		if c.JSON != "" {
			if _, err := parsePath(c.JSON); err != nil {
				d.errorAt(c.Pos, "capture %q: %v", name, err)
			}
		}
		if c.JWT != nil && !slices.Contains([]string{"expired", "no-exp", "alg-none", "bad-signature"}, c.JWT.Forge) {
			d.errorAt(c.Pos, "capture %q: jwt.forge must be expired, no-exp, alg-none or bad-signature", name)
		}
		defined[name] = true
	}
	_ = p
}

func (d *decoder) validateWS(w *WSStep, instances int, uses func(Pos, ...string), defined map[string]bool) {
	if len(w.Clients) == 0 {
		d.errorAt(w.Pos, "ws: clients is required")
	}
	clients := map[string]bool{}
	refused := map[string]bool{}
	for _, c := range w.Clients {
		if c.Refused != 0 || w.Connect.Refused != 0 {
			refused[c.Name] = true
		}
		if !varNameRE.MatchString(c.Name) {
			d.errorAt(c.Pos, "ws: client name %q must be a plain word", c.Name)
		}
		if clients[c.Name] {
			d.errorAt(c.Pos, "ws: client %q is listed twice", c.Name)
		}
		clients[c.Name] = true
		p := c.Path
		if p == "" {
			p = w.Connect.Path
		}
		if !strings.HasPrefix(p, "/") {
			d.errorAt(c.Pos, "ws: client %q needs a connect path starting with /", c.Name)
		}
		if c.Instance < 0 || c.Instance >= instances {
			d.errorAt(c.Pos, "ws: instance %d does not exist (the suite has %d)", c.Instance, instances)
		}
		uses(c.Pos, p, c.Bearer, w.Connect.Bearer)
		for _, h := range []map[string]string{c.Headers, w.Connect.Headers} {
			for _, v := range h {
				uses(c.Pos, v)
			}
		}
	}
	if len(w.Script) == 0 && len(refused) < len(clients) {
		d.errorAt(w.Pos, "ws: script is required")
	}
	for _, a := range w.Script {
		switch {
		case a.HTTP != nil:
			if a.Client != "" {
				d.errorAt(a.Pos, "ws: an http line is sent by waymark, not by a client: remove client")
			}
		case !clients[a.Client]:
			d.errorAt(a.Pos, "ws: client %q is not in clients", a.Client)
		case refused[a.Client]:
			d.errorAt(a.Pos, "ws: client %q expects its upgrade to be refused, so it cannot be scripted", a.Client)
		}
		n := 0
		for _, set := range []bool{a.Send != nil, a.Expect != nil, a.ExpectNone != nil, a.ExpectClose != nil, a.Close, a.HTTP != nil} {
			if set {
				n++
			}
		}
		if n != 1 {
			d.errorAt(a.Pos, "ws: each script line has exactly one of send, expect, expect_none, expect_close, close, http")
			continue
		}
		if time.Duration(a.Within) > MaxWithin {
			d.errorAt(a.Pos, "ws: within must be at most %s", MaxWithin)
		}
		if a.Within != 0 && a.Expect == nil && a.ExpectNone == nil && a.ExpectClose == nil {
			d.errorAt(a.Pos, "ws: within goes with expect, expect_none or expect_close")
		}
		if a.Capture != nil && a.Expect == nil {
			d.errorAt(a.Pos, "ws: capture goes with expect (an http line has its own)")
		}
		if a.ExpectClose != nil && (a.ExpectClose.Code < 1000 || a.ExpectClose.Code > 4999) {
			d.errorAt(a.Pos, "ws: expect_close needs a code from 1000 to 4999, such as 1008")
		}
		if a.HTTP != nil {
			d.validateRequest(&a.HTTP.Request, instances, uses)
			d.validateExpect(&a.HTTP.Expect, uses)
			d.validateCaptures(a.Pos, a.HTTP.Capture, defined)
		}
		if a.Send != nil {
			if (a.Send.JSON == nil) == (a.Send.Text == nil) {
				d.errorAt(a.Pos, "ws: send needs exactly one of json or text")
			}
			if a.Send.JSON != nil {
				uses(a.Pos, stringsIn(a.Send.JSON.V)...)
			}
			if a.Send.Text != nil {
				uses(a.Pos, *a.Send.Text)
			}
		}
		for _, e := range []*WSExpect{a.Expect, a.ExpectNone} {
			if e == nil {
				continue
			}
			for _, m := range e.JSON {
				d.validateMatcher(m, true, uses)
			}
			if e.Text != nil {
				d.validateMatcher(e.Text, false, uses)
			}
		}
		if a.Capture != nil {
			for name, c := range a.Capture {
				if c.Header != "" {
					d.errorAt(c.Pos, "ws: capture %q: frames have no headers; use json", name)
				}
			}
			d.validateCaptures(a.Pos, a.Capture, defined)
		}
	}
}

// stringsIn lists every string inside a JSON value, keys excluded.
func stringsIn(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, stringsIn(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range x {
			out = append(out, stringsIn(e)...)
		}
		return out
	}
	return nil
}

func sortedKeys[T any](m map[string]T) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// jsonNumber formats a float64 as JSON would, without exponent for integers.
func jsonNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatInt(int64(f), 10)
	}
	b, _ := json.Marshal(f)
	return string(b)
}
