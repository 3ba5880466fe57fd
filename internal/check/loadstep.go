package check

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
	"github.com/waymark-dev/waymark/internal/yamlstrict"
)

// Limits of a load step, so a check file cannot turn waymark into a
// flood or keep a run going for long.
const (
	MaxLoadClients    = 256  // HTTP clients at once
	MaxLoadWSClients  = 2000 // WebSocket clients in one room
	MaxLoadDuration   = 60 * time.Second
	MaxLoadWarmup     = 10 * time.Second
	MaxLoadRequests   = 1_000_000
	MaxLoadMessages   = 10_000
	MaxLoadDeliveries = 2_000_000 // messages × receivers
	MaxLoadSequence   = 8
	// DefaultLoadDuration bounds a step that gives neither a duration nor
	// a request count, and a request count that is not reached.
	DefaultLoadDuration = 5 * time.Second
	// DefaultLoadRequestBound bounds a step that gives only a request count.
	DefaultLoadRequestBound = 30 * time.Second
	// MaxLoadSetup bounds the setup of all clients together.
	MaxLoadSetup = time.Minute
	// MaxCalibration is the longest a calibration run measures.
	MaxCalibration = 2 * time.Second
	// MinRelativeLatency is the smallest limit a factor of the calibration
	// gives: below it, loopback noise (a scheduler tick) decides.
	MinRelativeLatency = time.Millisecond
)

// LoadStep runs a request sequence (or a WebSocket broadcast) from many
// clients at once and checks error rate, throughput and latency.
type LoadStep struct {
	Pos      `yaml:"-"`
	Clients  int      `yaml:"clients"`  // concurrent clients (default 10)
	Duration Duration `yaml:"duration"` // the measured phase
	Requests int      `yaml:"requests"` // or: stop after this many measured requests
	Warmup   Duration `yaml:"warmup"`   // sent first and not measured
	// Setup runs once per client before the warm-up, unmeasured; its
	// captures (a token per client) are the client's own.
	Setup []*HTTPStep `yaml:"setup"`
	// Sequence is what each client sends, in order, again and again.
	Sequence []*HTTPStep `yaml:"sequence"`
	// WS, instead of Sequence, is a broadcast room.
	WS     *LoadWS    `yaml:"ws"`
	Expect LoadExpect `yaml:"expect"`
	// CIScale, when CI=true in the check environment, multiplies the
	// clients and the request count (0 < CIScale ≤ 1), so that a step
	// written for a learner's machine also runs on a small CI runner.
	CIScale float64 `yaml:"ci_scale"`
}

// LoadWS is the WebSocket variant: every client joins one room, Messages
// frames are sent in turn by the clients, and every other client must
// receive each.
type LoadWS struct {
	Pos      `yaml:"-"`
	Connect  WSConnect `yaml:"connect"`
	Messages int       `yaml:"messages"` // frames sent in all (default 20)
	Interval Duration  `yaml:"interval"` // between two sends (default 10ms)
	Send     WSMessage `yaml:"send"`     // must hold ${msg}, the frame's marker
	Within   Duration  `yaml:"within"`   // after the last send, for deliveries (default 2s)
}

// LoadExpect is what the measured phase must show. Every limit given must
// hold; errors defaults to 0.
type LoadExpect struct {
	Pos        `yaml:"-"`
	Errors     *Rate           `yaml:"errors"`     // the largest error rate: 0, 1%, 0.5%
	Throughput *ThroughputSpec `yaml:"throughput"` // at least: 500 (per second) or 0.2x the calibration
	P50        Limits          `yaml:"p50"`
	P95        Limits          `yaml:"p95"`
	P99        Limits          `yaml:"p99"`
	Max        Limits          `yaml:"max"`
	Lost       *Count          `yaml:"lost"` // ws: messages not delivered (default 0)
}

// Rate is a largest share of failures, written 0, 2% or 0.5%.
type Rate struct {
	Max  float64 // a fraction, 0…1
	Text string
}

// Limit is a latency bound: an absolute duration (250ms) or a factor of
// the calibration's same percentile (20x).
type Limit struct {
	Abs    time.Duration
	Factor float64
	Text   string
}

// Limits are the bounds of one percentile; every one must hold.
type Limits []Limit

// ThroughputSpec is a smallest throughput: requests (or deliveries) per
// second, or a factor of the calibration's.
type ThroughputSpec struct {
	PerSecond float64
	Factor    float64
	Text      string
}

// relative reports whether a limit needs a calibration run.
func (e *LoadExpect) relative() bool {
	for _, ls := range []Limits{e.P50, e.P95, e.P99, e.Max} {
		for _, l := range ls {
			if l.Factor > 0 {
				return true
			}
		}
	}
	return e.Throughput != nil && e.Throughput.Factor > 0
}

// A factor such as 20x is the judge's time-limit syntax (factorRE, judge.go).
var (
	rateRE   = lazyregexp.New(`^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$`)
	perSecRE = lazyregexp.New(`^\s*(\d+(?:\.\d+)?)\s*(?:/s)?\s*$`)
)

func parseFactor(s string) (float64, bool) {
	m := factorRE.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	f, err := strconv.ParseFloat(m[1], 64)
	return f, err == nil && f > 0 && f <= 1e6
}

// ParseLimit reads a latency limit: a duration (250ms) or a factor (20x).
func ParseLimit(s string) (Limit, bool) {
	if f, ok := parseFactor(s); ok {
		return Limit{Factor: f, Text: strings.TrimSpace(s)}, true
	}
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil || d <= 0 || d > MaxLoadDuration {
		return Limit{}, false
	}
	return Limit{Abs: d, Text: strings.TrimSpace(s)}, true
}

// UnmarshalStrict reads one limit or a list of them.
func (out *Limits) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	one := func(n *yaml.Node) {
		l, ok := ParseLimit(n.Value)
		if n.Kind != yaml.ScalarNode || !ok {
			d.Errorf(n, "expected a latency limit: a duration such as 250ms (at most %s) or a factor of the calibration such as 20x; got %s", MaxLoadDuration, describeNode(n))
			return
		}
		*out = append(*out, l)
	}
	if n.Kind == yaml.SequenceNode {
		if len(n.Content) == 0 {
			d.Errorf(n, "expected at least one latency limit")
		}
		for _, c := range n.Content {
			one(c)
		}
		return
	}
	one(n)
}

// ParseRate reads an error rate: 0, 1%, 0.5%. A bare number other than 0
// must carry its %, so that 1 is never read as 100%.
func ParseRate(s string) (Rate, bool) {
	m := rateRE.FindStringSubmatch(s)
	if m == nil {
		return Rate{}, false
	}
	f, err := strconv.ParseFloat(m[1], 64)
	if err != nil || (m[2] == "" && f != 0) || f > 100 {
		return Rate{}, false
	}
	return Rate{Max: f / 100, Text: strings.TrimSpace(s)}, true
}

// UnmarshalStrict reads an error rate.
func (out *Rate) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	r, ok := ParseRate(n.Value)
	if n.Kind != yaml.ScalarNode || !ok {
		d.Errorf(n, "expected an error rate: 0 or a percentage such as 1%% or 0.5%%; got %s", describeNode(n))
		return
	}
	*out = r
}

// ParseThroughput reads a smallest throughput: 500, 500/s or 0.2x.
func ParseThroughput(s string) (ThroughputSpec, bool) {
	if f, ok := parseFactor(s); ok {
		return ThroughputSpec{Factor: f, Text: strings.TrimSpace(s)}, true
	}
	m := perSecRE.FindStringSubmatch(s)
	if m == nil {
		return ThroughputSpec{}, false
	}
	f, err := strconv.ParseFloat(m[1], 64)
	if err != nil || f <= 0 || math.IsInf(f, 0) {
		return ThroughputSpec{}, false
	}
	return ThroughputSpec{PerSecond: f, Text: strings.TrimSpace(s)}, true
}

// UnmarshalStrict reads a throughput.
func (out *ThroughputSpec) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	t, ok := ParseThroughput(n.Value)
	if n.Kind != yaml.ScalarNode || !ok {
		d.Errorf(n, "expected a throughput: requests a second such as 500 (or 500/s), or a factor of the calibration such as 0.2x; got %s", describeNode(n))
		return
	}
	*out = t
}

func describeNode(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return strconv.Quote(n.Value)
	}
	return yamlstrict.KindName(n)
}

// validateLoad checks a load step. Captures inside it (setup, sequence)
// belong to each client and are not seen by later steps.
func (d *decoder) validateLoad(l *LoadStep, instances int, uses func(Pos, ...string), defined map[string]bool) {
	local := map[string]bool{}
	for k, v := range defined {
		local[k] = v
	}
	localUses := func(p Pos, strs ...string) {
		for _, str := range strs {
			for _, name := range varRefs(str) {
				if !builtinVar(name) && !local[name] {
					d.errorAt(p, "${%s} is not captured by an earlier step of this file or an earlier request of this load step", name)
				}
			}
		}
	}
	maxClients := MaxLoadClients
	if l.WS != nil {
		maxClients = MaxLoadWSClients
	}
	if l.Clients < 0 || l.Clients > maxClients {
		d.errorAt(l.Pos, "load: clients must be between 1 and %d", maxClients)
	}
	if time.Duration(l.Duration) > MaxLoadDuration {
		d.errorAt(l.Pos, "load: duration must be at most %s", MaxLoadDuration)
	}
	if time.Duration(l.Warmup) > MaxLoadWarmup {
		d.errorAt(l.Pos, "load: warmup must be at most %s", MaxLoadWarmup)
	}
	if l.Requests < 0 || l.Requests > MaxLoadRequests {
		d.errorAt(l.Pos, "load: requests must be between 1 and %d", MaxLoadRequests)
	}
	if l.CIScale < 0 || l.CIScale > 1 {
		d.errorAt(l.Pos, "load: ci_scale must be more than 0 and at most 1, such as 0.1")
	}
	if len(l.Setup) > MaxLoadSequence {
		d.errorAt(l.Pos, "load: setup has at most %d requests", MaxLoadSequence)
	}
	for _, h := range l.Setup {
		d.validateRequest(&h.Request, instances, localUses)
		d.validateExpect(&h.Expect, localUses)
		d.validateCaptures(l.Pos, h.Capture, local)
	}
	switch {
	case (len(l.Sequence) > 0) == (l.WS != nil):
		d.errorAt(l.Pos, "load: give exactly one of sequence (requests each client sends) or ws (a broadcast room)")
	case len(l.Sequence) > MaxLoadSequence:
		d.errorAt(l.Pos, "load: a sequence has at most %d requests", MaxLoadSequence)
	}
	for _, h := range l.Sequence {
		d.validateRequest(&h.Request, instances, localUses)
		d.validateExpect(&h.Expect, localUses)
		d.validateCaptures(l.Pos, h.Capture, local)
	}
	e := &l.Expect
	if w := l.WS; w != nil {
		d.validateLoadWS(l, w, localUses)
	} else if e.Lost != nil {
		d.errorAt(e.Pos, "load: lost goes with ws (messages not delivered)")
	}
}

func (d *decoder) validateLoadWS(l *LoadStep, w *LoadWS, uses func(Pos, ...string)) {
	if l.Requests != 0 || l.Duration != 0 || l.Warmup != 0 {
		d.errorAt(w.Pos, "load: a ws room is measured by messages, not by requests, duration or warmup")
	}
	if !strings.HasPrefix(w.Connect.Path, "/") {
		d.errorAt(w.Pos, "load: ws.connect.path must start with /")
	}
	if w.Connect.Refused != 0 {
		d.errorAt(w.Pos, "load: ws clients must connect; refused belongs to a ws step")
	}
	if w.Messages < 0 || w.Messages > MaxLoadMessages {
		d.errorAt(w.Pos, "load: ws.messages must be between 1 and %d", MaxLoadMessages)
	}
	clients, msgs := max(l.Clients, 1), max(w.Messages, 1)
	if clients > 1 && (clients-1)*msgs > MaxLoadDeliveries {
		d.errorAt(w.Pos, "load: %d clients × %d messages is more than %d deliveries", clients, msgs, MaxLoadDeliveries)
	}
	if l.Clients == 1 {
		d.errorAt(w.Pos, "load: a ws room needs at least 2 clients (each message goes to the others)")
	}
	if time.Duration(w.Within) > MaxWithin {
		d.errorAt(w.Pos, "load: ws.within must be at most %s", MaxWithin)
	}
	if time.Duration(w.Interval) > time.Second {
		d.errorAt(w.Pos, "load: ws.interval must be at most 1s")
	}
	interval := time.Duration(w.Interval)
	if interval == 0 {
		interval = DefaultLoadInterval
	}
	if interval*time.Duration(msgs) > MaxLoadDuration {
		d.errorAt(w.Pos, "load: %d messages %s apart take longer than %s", msgs, interval, MaxLoadDuration)
	}
	var text []string
	switch {
	case (w.Send.JSON == nil) == (w.Send.Text == nil):
		d.errorAt(w.Pos, "load: ws.send needs exactly one of json or text")
	case w.Send.JSON != nil:
		text = stringsIn(w.Send.JSON.V)
	default:
		text = []string{*w.Send.Text}
	}
	marked := false
	var rest []string
	for _, s := range text {
		if strings.Contains(strings.ReplaceAll(s, "$${", ""), "${msg}") {
			marked = true
		}
		rest = append(rest, strings.ReplaceAll(s, "${msg}", ""))
	}
	if (w.Send.JSON == nil) != (w.Send.Text == nil) && !marked {
		d.errorAt(w.Pos, "load: ws.send must hold ${msg} in a string, such as text: \"load ${msg}\": it is how each delivery is recognised")
	}
	uses(w.Pos, rest...)
	uses(w.Pos, w.Connect.Path, w.Connect.Bearer)
	for _, v := range w.Connect.Headers {
		uses(w.Pos, v)
	}
}

// loadShape is a load step's bounds with the defaults filled in.
type loadShape struct {
	clients  int
	duration time.Duration // the measured phase's longest time
	requests int           // 0: no count
	warmup   time.Duration
}

// shape is the step's bounds; ci applies ci_scale.
func (l *LoadStep) shape(ci bool) loadShape {
	s := loadShape{clients: l.Clients, duration: time.Duration(l.Duration), requests: l.Requests, warmup: time.Duration(l.Warmup)}
	if s.clients == 0 {
		s.clients = 10
	}
	if ci && l.CIScale > 0 {
		s.clients = max(int(math.Round(float64(s.clients)*l.CIScale)), 1)
		if l.WS != nil {
			s.clients = max(s.clients, 2)
		}
		if s.requests > 0 {
			s.requests = max(int(math.Round(float64(s.requests)*l.CIScale)), 1)
		}
	}
	if s.duration == 0 {
		s.duration = DefaultLoadDuration
		if s.requests > 0 {
			s.duration = DefaultLoadRequestBound
		}
	}
	return s
}

func (s loadShape) String() string {
	what := FormatDuration(s.duration)
	if s.requests > 0 {
		what = fmt.Sprintf("%d requests (at most %s)", s.requests, FormatDuration(s.duration))
	}
	return fmt.Sprintf("%d clients, %s", s.clients, what)
}
