package check

import (
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
)

// Limits on what a check file may ask for, so a bad file cannot hang a run.
const (
	MaxWithin   = 30 * time.Second
	MaxExec     = 10 * time.Minute
	MaxCopies   = 200
	MaxInstance = 8
	MaxStdin    = 1 << 20
)

// cmdNameRE is what requires_cmd may name: a program looked up on PATH.
var cmdNameRE = lazyregexp.New(`^[A-Za-z0-9][A-Za-z0-9._+-]*$`)

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
		for _, set := range []bool{st.HTTP != nil, st.WS != nil, st.Exec != nil, st.Parallel != nil, st.SQL != nil, st.Git != nil, st.Judge != nil, st.Signal != nil, st.Log != nil, st.Load != nil} {
			if set {
				kinds++
			}
		}
		if kinds != 1 {
			d.errorAt(st.Pos, "step %q must have exactly one of http, ws, exec, parallel, sql, git, judge, signal, log, load", st.Name)
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
		for _, c := range st.RequiresCmd {
			if !cmdNameRE.MatchString(c) {
				d.errorAt(st.Pos, "requires_cmd: %q is not a program name (no path, no spaces)", c)
			}
		}
		instances := max(s.Instances, 1)
		switch {
		case st.Log != nil:
			lg := st.Log
			if len(lg.JSON) == 0 && lg.Text == nil {
				d.errorAt(st.Pos, "log: give json matchers or a text matcher for the line")
			}
			if lg.Instance < 0 || lg.Instance >= instances {
				d.errorAt(st.Pos, "log: instance %d does not exist (instances: %d)", lg.Instance, instances)
			}
			if w := time.Duration(lg.Within); w < 0 || w > MaxWithin || (lg.Absent && w != 0) {
				d.errorAt(st.Pos, "log: within must be between 0 and %s, and is not for absent (checked at once)", MaxWithin)
			}
			for _, m := range lg.JSON {
				d.validateMatcher(m, true, uses)
			}
			if lg.Text != nil {
				d.validateMatcher(lg.Text, false, uses)
			}
		case st.Signal != nil:
			sg := st.Signal
			if _, ok := signalNames[sg.Send]; !ok && sg.Send != "" {
				d.errorAt(st.Pos, "signal: send must be SIGTERM, SIGINT or SIGHUP, not %q", sg.Send)
			}
			if sg.Instance < 0 || sg.Instance >= instances {
				d.errorAt(st.Pos, "signal: instance %d does not exist (instances: %d)", sg.Instance, instances)
			}
			if w := time.Duration(sg.Within); w < 0 || w > MaxWithin {
				d.errorAt(st.Pos, "signal: within must be between 0 and %s", MaxWithin)
			}
			if a := time.Duration(sg.After); a < 0 || a > MaxWithin {
				d.errorAt(st.Pos, "signal: after must be between 0 and %s", MaxWithin)
			}
			if sg.After != 0 && sg.During == nil {
				d.errorAt(st.Pos, "signal: after goes with during, the request the signal interrupts")
			}
			if sg.During != nil {
				if sg.During.Request.Instance != sg.Instance {
					d.errorAt(st.Pos, "signal: the during request goes to the instance that gets the signal")
				}
				d.validateRequest(&sg.During.Request, instances, uses)
				d.validateExpect(&sg.During.Expect, uses)
				d.validateCaptures(st.Pos, sg.During.Capture, defined)
			}
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
			for k, e := range p.Expect.Each {
				if !statusKeyRE.MatchString(k) {
					d.errorAt(st.Pos, "parallel: each key %q must be a status (201), a class (4xx) or any", k)
				}
				if len(e.Status) > 0 {
					d.errorAt(e.Pos, "parallel: each.%s: the status is the key's; leave status out", k)
				}
				d.validateExpect(e, uses)
			}
		case st.Exec != nil:
			if len(st.Exec.Command) > 0 && len(st.Exec.Args) > 0 {
				d.errorAt(st.Pos, "exec: args go with the workspace's own program (no command); put them in the command")
			}
			if st.Exec.Stdin != nil && len(*st.Exec.Stdin) > MaxStdin {
				d.errorAt(st.Pos, "exec: stdin must be at most %d bytes", MaxStdin)
			}
			if st.Exec.Stdin != nil {
				uses(st.Pos, *st.Exec.Stdin)
			}
			uses(st.Pos, st.Exec.Command...)
			uses(st.Pos, st.Exec.Args...)
			for k, v := range st.Exec.Env {
				if !envNameRE.MatchString(k) {
					d.errorAt(st.Pos, "exec: env: %q is not a variable name (letters, digits and _, not starting with a digit)", k)
				}
				uses(st.Pos, v)
			}
			if mt := time.Duration(st.Exec.Expect.MinTime); mt < 0 || (mt > 0 && st.Exec.Timeout != 0 && mt >= time.Duration(st.Exec.Timeout)) {
				d.errorAt(st.Pos, "exec: expect: min_time must be positive and below the step's timeout")
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
		case st.SQL != nil:
			d.validateSQL(st.SQL)
		case st.Git != nil:
			d.validateGit(st.Git)
		case st.Judge != nil:
			d.validateJudge(st.Judge)
		case st.Load != nil:
			d.validateLoad(st.Load, instances, uses, defined)
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
