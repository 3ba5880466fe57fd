package check

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
)

var (
	varRE     = lazyregexp.New(`\$\{([^}]*)\}`)
	varNameRE = lazyregexp.New(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// MaxFill is the largest ${fill.N}.
const MaxFill = 8 << 20

// varRefs lists the variable names a string uses.
func varRefs(s string) []string {
	var out []string
	s = strings.ReplaceAll(s, "$${", "") // an escaped literal ${ refers to nothing
	for _, m := range varRE.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// builtinVar reports names that need no capture: port, base_url (and .N
// for instance N), i (the copy number in a parallel step), rand.NAME and
// fill.N.
func builtinVar(name string) bool {
	base, arg, dotted := strings.Cut(name, ".")
	switch base {
	case "port", "base_url":
		if !dotted {
			return true
		}
		n, err := strconv.Atoi(arg)
		return err == nil && n >= 0 && n < MaxInstance
	case "i":
		return !dotted
	case "rand":
		return dotted && varNameRE.MatchString(arg)
	case "fill":
		n, err := strconv.Atoi(arg)
		return dotted && err == nil && n >= 0 && n <= MaxFill
	}
	return false
}

// scope holds a suite's variables while it runs.
type scope struct {
	seed      int64
	milestone string
	vars      map[string]any
	unset     map[string]string // a capture that failed → why
	rand      map[string]string // rand.NAME → value, as used
	urls      []string
	ports     []string
	index     int // ${i} in parallel copies; -1 elsewhere
}

func newScope(seed int64, milestone string, urls []string) *scope {
	sc := &scope{seed: seed, milestone: milestone, vars: map[string]any{}, unset: map[string]string{},
		rand: map[string]string{}, urls: urls, index: -1}
	for _, u := range urls {
		sc.ports = append(sc.ports, portOf(u))
	}
	return sc
}

// randValue is ${rand.NAME}: stable for one seed, milestone and name, so a
// failure can be reproduced with --seed; distinct across milestones so that
// two files registering "${rand.user}" do not collide.
func randValue(seed int64, milestone, name string) string {
	h := sha256.New()
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(seed))
	h.Write(b[:])
	fmt.Fprintf(h, "%s/%s", milestone, name)
	return name[:1] + "-" + hex.EncodeToString(h.Sum(nil)[:4])
}

// missingVarError is a reference to a variable that has no value.
type missingVarError struct{ names []string }

func (e *missingVarError) Error() string {
	return "missing variable " + strings.Join(e.names, ", ")
}

// lookupVar resolves one name.
func (sc *scope) lookupVar(name string) (any, bool) {
	base, arg, dotted := strings.Cut(name, ".")
	switch base {
	case "port", "base_url":
		n := 0
		if dotted {
			n, _ = strconv.Atoi(arg)
		}
		if n >= len(sc.urls) {
			return nil, false
		}
		if base == "port" {
			return sc.ports[n], true
		}
		return sc.urls[n], true
	case "i":
		if !dotted && sc.index >= 0 {
			return float64(sc.index), true
		}
	case "rand":
		if dotted {
			v := randValue(sc.seed, sc.milestone, arg)
			sc.rand[arg] = v
			return v, true
		}
	case "fill":
		if n, err := strconv.Atoi(arg); dotted && err == nil && n >= 0 && n <= MaxFill {
			return strings.Repeat("x", n), true
		}
	}
	v, ok := sc.vars[name]
	return v, ok
}

// expand replaces ${name} in s. "$${" writes a literal "${".
func (sc *scope) expand(s string) (string, error) {
	if !strings.Contains(s, "${") {
		return s, nil
	}
	const esc = "\x00dollar\x00"
	s = strings.ReplaceAll(s, "$${", esc)
	var missing []string
	out := varRE.ReplaceAllStringFunc(s, func(m string) string {
		name := m[2 : len(m)-1]
		v, ok := sc.lookupVar(name)
		if !ok {
			missing = append(missing, "${"+name+"}")
			return m
		}
		return textOf(v)
	})
	if len(missing) > 0 {
		return "", &missingVarError{missing}
	}
	return strings.ReplaceAll(out, esc, "${"), nil
}

// expandValue interpolates every string of a JSON value. A string that is
// exactly one "${name}" takes the variable's own JSON type, so that
// `eq: ${task_id}` matches a numeric id.
func (sc *scope) expandValue(v any) (any, error) {
	switch x := v.(type) {
	case string:
		if m := varRE.FindStringSubmatchIndex(x); m != nil && m[0] == 0 && m[1] == len(x) {
			name := x[2 : len(x)-1]
			val, ok := sc.lookupVar(name)
			if !ok {
				return nil, &missingVarError{[]string{x}}
			}
			return val, nil
		}
		return sc.expand(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			j, err := sc.expandValue(e)
			if err != nil {
				return nil, err
			}
			out[i] = j
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			j, err := sc.expandValue(e)
			if err != nil {
				return nil, err
			}
			out[k] = j
		}
		return out, nil
	}
	return v, nil
}

// expandMatcher returns a copy of m with its values interpolated.
func (sc *scope) expandMatcher(m *Matcher) (*Matcher, error) {
	c := *m
	for _, p := range []**Value{&c.Eq, &c.Ne, &c.Gt, &c.Gte, &c.Lt, &c.Lte, &c.Contains, &c.NotContains} {
		if *p == nil {
			continue
		}
		v, err := sc.expandValue((*p).V)
		if err != nil {
			return nil, err
		}
		*p = &Value{V: v}
	}
	return &c, nil
}

// Var is a variable as the report shows it.
type Var struct {
	Name  string `json:"name"`
	Value string `json:"value,omitempty"`
	Why   string `json:"why,omitempty"` // for a missing variable
}

// snapshot lists the captured variables and the rand values used, sorted.
func (sc *scope) snapshot() (vars, rands []Var) {
	names := make([]string, 0, len(sc.vars))
	for k := range sc.vars {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		s := textOf(sc.vars[k])
		if len(s) > 60 {
			s = s[:57] + "…"
		}
		vars = append(vars, Var{Name: k, Value: s})
	}
	for _, k := range sortedKeys(sc.rand) {
		rands = append(rands, Var{Name: "rand." + k, Value: sc.rand[k]})
	}
	return vars, rands
}

func portOf(u string) string {
	rest := u[strings.Index(u, "//")+2:]
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 && !strings.HasSuffix(rest, "]") {
		return rest[i+1:]
	}
	if strings.HasPrefix(u, "https") {
		return "443"
	}
	return "80"
}

// fork is a copy of sc for one client of a load step: its own captures and
// ${i}, so that concurrent clients never share a map.
func (sc *scope) fork(index int) *scope {
	c := *sc
	c.vars = make(map[string]any, len(sc.vars))
	for k, v := range sc.vars {
		c.vars[k] = v
	}
	c.unset = map[string]string{}
	c.rand = map[string]string{}
	c.index = index
	return &c
}
