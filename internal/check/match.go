package check

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pathStep is one step of a JSON path: a key or an index.
type pathStep struct {
	key   string
	index int // used when key is ""
	isIdx bool
}

// parsePath parses our small JSON path language: "." is the whole value,
// ".user.token", ".data[0].id", `."odd key".x`.
func parsePath(p string) ([]pathStep, error) {
	if p == "" {
		return nil, fmt.Errorf("a JSON path such as .user.id is required")
	}
	if p[0] != '.' && p[0] != '[' {
		return nil, fmt.Errorf("JSON path %q must start with . (for example .user.id)", p)
	}
	var out []pathStep
	i := 0
	for i < len(p) {
		switch p[i] {
		case '.':
			i++
			if i == len(p) {
				if len(out) == 0 {
					return nil, nil // "." alone
				}
				return nil, fmt.Errorf("JSON path %q ends with a dot", p)
			}
			if p[i] == '"' {
				end := strings.IndexByte(p[i+1:], '"')
				if end < 0 {
					return nil, fmt.Errorf("JSON path %q has an unclosed quote", p)
				}
				out = append(out, pathStep{key: p[i+1 : i+1+end]})
				i += end + 2
				continue
			}
			if p[i] == '[' {
				continue
			}
			j := i
			for j < len(p) && p[j] != '.' && p[j] != '[' {
				j++
			}
			if j == i {
				return nil, fmt.Errorf("JSON path %q has an empty key", p)
			}
			out = append(out, pathStep{key: p[i:j]})
			i = j
		case '[':
			end := strings.IndexByte(p[i:], ']')
			if end < 0 {
				return nil, fmt.Errorf("JSON path %q has an unclosed [", p)
			}
			n, err := strconv.Atoi(p[i+1 : i+end])
			if err != nil || n < 0 {
				return nil, fmt.Errorf("JSON path %q: [%s] must be an index such as [0]", p, p[i+1:i+end])
			}
			out = append(out, pathStep{index: n, isIdx: true})
			i += end + 1
		default:
			return nil, fmt.Errorf("JSON path %q: expected . or [ at %q", p, p[i:])
		}
	}
	return out, nil
}

// lookup finds path in v.
func lookup(v any, path string) (any, bool) {
	steps, err := parsePath(path)
	if err != nil {
		return nil, false
	}
	for _, s := range steps {
		switch x := v.(type) {
		case map[string]any:
			if s.isIdx {
				return nil, false
			}
			e, ok := x[s.key]
			if !ok {
				return nil, false
			}
			v = e
		case []any:
			if !s.isIdx || s.index >= len(x) {
				return nil, false
			}
			v = x[s.index]
		default:
			return nil, false
		}
	}
	return v, true
}

// typeOf names a JSON value's type as matchers spell it.
func typeOf(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		if x == math.Trunc(x) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// show renders a value for a report: JSON, shortened.
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(b)
	if len(s) > 120 {
		s = s[:117] + "…"
	}
	return s
}

// textOf is v as text, for header and body comparisons.
func textOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return jsonNumber(x)
	case nil:
		return "null"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func numberOf(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

// equal compares JSON values; when textual is set (headers, bodies) the
// expectation is compared as text.
func equal(want, got any, textual bool) bool {
	if textual {
		return textOf(want) == textOf(got)
	}
	return reflect.DeepEqual(want, got)
}

// Mismatch says why a matcher failed.
type Mismatch struct {
	What     string // ".user.id", "header Content-Type", "body"
	Expected string
	Got      string
}

// apply tests got (found says whether the path exists) against m, whose
// values have been interpolated already. It returns the first mismatch.
func (m *Matcher) apply(what string, got any, found, textual bool) *Mismatch {
	fail := func(expected string) *Mismatch {
		g := "nothing (missing)"
		if found {
			g = show(got)
			if t := typeOf(got); !textual && expected != "" && strings.HasPrefix(expected, "type") {
				g += " (" + t + ")"
			}
		}
		return &Mismatch{What: what, Expected: expected, Got: g}
	}
	if m.Exists != nil {
		if found != *m.Exists {
			if *m.Exists {
				return fail("to exist")
			}
			return &Mismatch{what, "not to exist", show(got)}
		}
		if !found {
			return nil
		}
	}
	if !found {
		return fail(m.describe())
	}
	if m.Type != "" {
		t := typeOf(got)
		if !(t == m.Type || (m.Type == "number" && t == "integer")) {
			return &Mismatch{what, "type " + m.Type, show(got) + " (" + t + ")"}
		}
	}
	if m.Eq != nil && !equal(m.Eq.V, got, textual) {
		return fail("== " + show(m.Eq.V))
	}
	if m.Ne != nil && equal(m.Ne.V, got, textual) {
		return fail("!= " + show(m.Ne.V))
	}
	for _, c := range []struct {
		op string
		v  *Value
		ok func(a, b float64) bool
	}{
		{">", m.Gt, func(a, b float64) bool { return a > b }},
		{">=", m.Gte, func(a, b float64) bool { return a >= b }},
		{"<", m.Lt, func(a, b float64) bool { return a < b }},
		{"<=", m.Lte, func(a, b float64) bool { return a <= b }},
	} {
		if c.v == nil {
			continue
		}
		want, _ := numberOf(c.v.V)
		g, ok := numberOf(got)
		if !ok || !c.ok(g, want) {
			return fail(c.op + " " + show(c.v.V))
		}
	}
	if m.Contains != nil && !contains(got, m.Contains.V) {
		return fail("to contain " + show(m.Contains.V))
	}
	if m.NotContains != nil && contains(got, m.NotContains.V) {
		return fail("not to contain " + show(m.NotContains.V))
	}
	if m.Matches != "" {
		re, err := regexp.Compile(m.Matches)
		if err != nil || !re.MatchString(textOf(got)) {
			return fail("to match /" + m.Matches + "/")
		}
	}
	if m.Len != nil {
		n, ok := lengthOf(got)
		if !ok || n != *m.Len {
			mm := fail(fmt.Sprintf("length %d", *m.Len))
			if ok {
				mm.Got = fmt.Sprintf("length %d: %s", n, show(got))
			}
			return mm
		}
	}
	return nil
}

// describe is the matcher's expectation in words, for a missing value.
func (m *Matcher) describe() string {
	var parts []string
	add := func(op string, v *Value) {
		if v != nil {
			parts = append(parts, op+" "+show(v.V))
		}
	}
	add("==", m.Eq)
	add("!=", m.Ne)
	add(">", m.Gt)
	add(">=", m.Gte)
	add("<", m.Lt)
	add("<=", m.Lte)
	add("to contain", m.Contains)
	add("not to contain", m.NotContains)
	if m.Matches != "" {
		parts = append(parts, "to match /"+m.Matches+"/")
	}
	if m.Type != "" {
		parts = append(parts, "type "+m.Type)
	}
	if m.Len != nil {
		parts = append(parts, fmt.Sprintf("length %d", *m.Len))
	}
	return strings.Join(parts, ", ")
}

func contains(got, want any) bool {
	switch g := got.(type) {
	case string:
		return strings.Contains(g, textOf(want))
	case []any:
		for _, e := range g {
			if reflect.DeepEqual(e, want) {
				return true
			}
		}
	case map[string]any:
		if k, ok := want.(string); ok {
			_, has := g[k]
			return has
		}
	}
	return false
}

func lengthOf(v any) (int, bool) {
	switch x := v.(type) {
	case string:
		return utf8.RuneCountInString(x), true
	case []any:
		return len(x), true
	case map[string]any:
		return len(x), true
	}
	return 0, false
}
