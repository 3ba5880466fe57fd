package check

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/coder/websocket"
)

func TestDecodeLoad(t *testing.T) {
	s := mustDecode(t, kindSuite(`load:
      clients: 8
      requests: 400
      duration: 3s
      warmup: 200ms
      setup:
        - request: { method: POST, path: /login, json: { user: "u${i}" } }
          expect: { status: 200 }
          capture: { token: { json: .token } }
      sequence:
        - request: { path: /items, bearer: "${token}" }
          expect: { status: 200, json: [ { path: .items, type: array } ] }
      expect:
        errors: 0.5%
        throughput: 0.2x
        p50: 20ms
        p99: [20x, 250ms]
        max: 2s`))
	st := s.Steps[0]
	l := st.Load
	if st.Kind() != "load" || l.Clients != 8 || l.Requests != 400 || time.Duration(l.Duration) != 3*time.Second ||
		time.Duration(l.Warmup) != 200*time.Millisecond || len(l.Setup) != 1 || len(l.Sequence) != 1 {
		t.Fatalf("decoded %+v", l)
	}
	e := l.Expect
	if e.Errors.Max != 0.005 || e.Throughput.Factor != 0.2 || e.P50[0].Abs != 20*time.Millisecond ||
		len(e.P99) != 2 || e.P99[0].Factor != 20 || e.P99[1].Abs != 250*time.Millisecond || e.Max[0].Abs != 2*time.Second || !e.relative() {
		t.Fatalf("expect %+v", e)
	}
	if l.Sequence[0].Request.Method != "GET" {
		t.Errorf("method not defaulted: %q", l.Sequence[0].Request.Method)
	}
	w := mustDecode(t, kindSuite(`load: { clients: 50, ws: { connect: { path: "/ws?room=r" }, messages: 30, interval: 5ms, send: { json: { text: "hi ${msg}" } } }, expect: { lost: 0, p99: 100ms } }`)).Steps[0].Load
	if w.WS == nil || w.WS.Messages != 30 || w.Expect.Lost.Max != 0 || w.Expect.relative() {
		t.Fatalf("ws decoded %+v", w)
	}
}

func TestDecodeLoadErrors(t *testing.T) {
	seq := "sequence: [{request: {path: /}}]"
	cases := []struct{ name, step, want string }{
		{"unknown key", "load: {" + seq + ", clientz: 3}", "t.yaml:5:46: unknown key \"clientz\""},
		{"no sequence", "load: {clients: 3}", "t.yaml:5:11: load: give exactly one of sequence"},
		{"both", "load: {" + seq + ", ws: {connect: {path: /ws}, send: {text: \"${msg}\"}}}", "exactly one of sequence"},
		{"clients", "load: {clients: 9999, " + seq + "}", "clients must be between 1 and 256"},
		{"duration", "load: {duration: 5m, " + seq + "}", "duration must be at most 1m0s"},
		{"warmup", "load: {warmup: 1m, " + seq + "}", "warmup must be at most 10s"},
		{"requests", "load: {requests: 5000000, " + seq + "}", "requests must be between"},
		{"bad limit", "load: {" + seq + ", expect: {p99: fast}}", "t.yaml:5:60: expected a latency limit"},
		{"bad limit in list", "load: {" + seq + ", expect: {p99: [20x, 0s]}}", "t.yaml:5:66: expected a latency limit"},
		{"rate without %", "load: {" + seq + ", expect: {errors: 1}}", "t.yaml:5:63: expected an error rate"},
		{"throughput", "load: {" + seq + ", expect: {throughput: lots}}", "expected a throughput"},
		{"lost without ws", "load: {" + seq + ", expect: {lost: 0}}", "lost goes with ws"},
		{"uncaptured", "load: {sequence: [{request: {path: \"/${token}\"}}]}", "${token} is not captured"},
		{"ws marker", "load: {clients: 3, ws: {connect: {path: /ws}, send: {text: hi}}}", "must hold ${msg}"},
		{"ws one client", "load: {clients: 1, ws: {connect: {path: /ws}, send: {text: \"${msg}\"}}}", "at least 2 clients"},
		{"ws requests", "load: {requests: 5, ws: {connect: {path: /ws}, send: {text: \"${msg}\"}}}", "measured by messages"},
		{"ws deliveries", "load: {clients: 2000, ws: {connect: {path: /ws}, messages: 5000, send: {text: \"${msg}\"}}}", "deliveries"},
		{"ws too long", "load: {clients: 2, ws: {connect: {path: /ws}, messages: 10000, send: {text: \"${msg}\"}}}", "10000 messages 10ms apart take longer than 1m0s"},
		{"ci_scale", "load: {ci_scale: 2, " + seq + "}", "ci_scale must be more than 0 and at most 1"},
		{"msg elsewhere", "load: {sequence: [{request: {path: \"/${msg}\"}}]}", "${msg} is not captured"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode("t.yaml", []byte(strings.Replace(kindSuite(c.step), "\n    ", "\n    ", 1)))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v\nwant it to contain %q", err, c.want)
			}
		})
	}
}

// A capture inside a load step belongs to its clients: a later step of
// the file cannot use it.
func TestLoadCapturesStayInside(t *testing.T) {
	_, err := Decode("t.yaml", []byte("format: 1\nmilestone: a\nsteps:\n"+
		"  - name: l\n    load: {setup: [{request: {path: /login}, capture: {token: {json: .t}}}], sequence: [{request: {path: /, bearer: \"${token}\"}}]}\n"+
		"  - name: after\n    http: {request: {path: /, bearer: \"${token}\"}}\n"))
	if err == nil || !strings.Contains(err.Error(), "t.yaml:7:") || !strings.Contains(err.Error(), "${token} is not captured") {
		t.Fatalf("error = %v", err)
	}
}

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	cases := []struct {
		samples []time.Duration
		p       float64
		want    time.Duration
	}{
		{nil, 50, 0},
		{ms(7), 50, 7 * time.Millisecond},
		{ms(7), 99, 7 * time.Millisecond},
		{ms(1, 2), 50, time.Millisecond}, // rank ceil(1) = 1: never an average of the two
		{ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{ms(1, 2, 3, 4), 75, 3 * time.Millisecond},
		{ms(1, 2, 3, 4), 76, 4 * time.Millisecond},
		{ms(hundred...), 95, 95 * time.Millisecond},
		{ms(hundred...), 99, 99 * time.Millisecond},
		{ms(hundred...), 99.5, 100 * time.Millisecond},
		{ms(hundred...), 100, 100 * time.Millisecond},
		{ms(hundred...), 0, time.Millisecond},
	}
	for _, c := range cases {
		if got := Percentile(c.samples, c.p); got != c.want {
			t.Errorf("Percentile(%d samples, %g) = %s, want %s", len(c.samples), c.p, got, c.want)
		}
	}
	// 1,000 samples, 10 of them slow: p99 is the last fast one, max a slow one.
	var s []time.Duration
	for i := range 1000 {
		d := time.Duration(i%7+1) * time.Millisecond
		if i%100 == 0 {
			d = time.Second
		}
		s = append(s, d)
	}
	l := summarize(s)
	if l.P50 != 4*time.Millisecond || l.P99 != 7*time.Millisecond || l.Max != time.Second || l.P95 != 7*time.Millisecond {
		t.Errorf("summarize = %+v", l)
	}
	s = append(s, time.Second) // 11 of 1,001: the 991st is slow
	if l := summarize(s); l.P99 != time.Second {
		t.Errorf("p99 with 11 slow of 1001 = %s, want 1s", l.P99)
	}
}

func TestHistogram(t *testing.T) {
	s := []time.Duration{50 * time.Microsecond, 100 * time.Microsecond, 150 * time.Microsecond, 3 * time.Millisecond, 3 * time.Millisecond, 40 * time.Millisecond}
	h := Histogram(s)
	var got []string
	for _, b := range h {
		got = append(got, fmt.Sprintf("%s:%d", FormatBound(b.UpTo), b.Count))
	}
	want := "0.1ms:2 0.2ms:1 0.5ms:0 1ms:0 2ms:0 5ms:2 10ms:0 20ms:0 50ms:1"
	if strings.Join(got, " ") != want {
		t.Errorf("histogram = %s\nwant        %s", strings.Join(got, " "), want)
	}
	if Histogram(nil) != nil {
		t.Error("an empty histogram has buckets")
	}
	if h := Histogram([]time.Duration{2 * time.Minute}); len(h) != 1 || bucketLabel(h[0]) != "> 1.0m" && !strings.HasPrefix(bucketLabel(h[0]), "> ") {
		t.Errorf("overflow bucket = %+v", h)
	}
}

func TestParseLimits(t *testing.T) {
	for in, ok := range map[string]bool{"20x": true, "1.5x": true, "250ms": true, "2s": true, "0x": false, "x": false, "-1ms": false, "2m": false, "20": false} {
		if _, got := ParseLimit(in); got != ok {
			t.Errorf("ParseLimit(%q) ok = %v", in, got)
		}
	}
	for in, want := range map[string]float64{"0": 0, "1%": 0.01, "0.5%": 0.005, "100%": 1} {
		if r, ok := ParseRate(in); !ok || r.Max != want {
			t.Errorf("ParseRate(%q) = %v, %v", in, r, ok)
		}
	}
	for _, in := range []string{"1", "101%", "-1%", "half"} {
		if _, ok := ParseRate(in); ok {
			t.Errorf("ParseRate(%q) accepted", in)
		}
	}
	if tp, ok := ParseThroughput("500/s"); !ok || tp.PerSecond != 500 {
		t.Errorf("ParseThroughput(500/s) = %v", tp)
	}
}

// slowServer answers GET /items at once, except every tenth request, which
// waits slow; with fail, every twentieth answers 500 instead.
func slowServer(t *testing.T, slow time.Duration, fail bool) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"token": "t-%s"}`, r.URL.Query().Get("u"))
	})
	mux.HandleFunc("GET /items", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer t-") {
			w.WriteHeader(401)
			return
		}
		k := n.Add(1)
		if fail && k%20 == 0 {
			http.Error(w, "database is locked", 500)
			return
		}
		if k%10 == 0 {
			time.Sleep(slow)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"items": [1, 2, 3]}`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &n
}

const loadSteps = `
  - name: list under load
    load:
      clients: 4
      requests: 200
      setup:
        - request: { method: POST, path: "/login?u=${i}" }
          capture: { token: { json: .token } }
      sequence:
        - request: { path: /items, bearer: "${token}" }
          expect: { status: 200, json: [ { path: .items, len: 3 } ] }
      expect: { %s }
`

// The end-to-end proof: one request in ten is slow, so p95 and p99 are the
// slow ones and p50 a fast one, and the failure points at what is shared.
func TestLoadSlowTail(t *testing.T) {
	const slow = 120 * time.Millisecond
	srv, n := slowServer(t, slow, false)
	s := mustDecode(t, "format: 1\nmilestone: boot\nsteps:"+fmt.Sprintf(loadSteps, "p99: 60ms"))
	rep := runOne(t, srv.URL, s)
	st := onlyStep(t, rep)
	l := st.Load
	if l == nil || l.Requests != 200 || n.Load() != 200 || l.Errors != 0 || l.Samples != 200 {
		t.Fatalf("load result %+v (server saw %d)", l, n.Load())
	}
	if l.Latency.P95 < slow || l.Latency.P99 < slow || l.Latency.Max < slow {
		t.Errorf("p95/p99/max = %s/%s/%s, want all ≥ %s: 20 of 200 requests were slow", l.Latency.P95, l.Latency.P99, l.Latency.Max, slow)
	}
	if l.Latency.P50 >= slow {
		t.Errorf("p50 = %s, want a fast request's", l.Latency.P50)
	}
	total := 0
	for _, b := range l.Histogram {
		total += b.Count
	}
	if total != 200 {
		t.Errorf("histogram holds %d samples", total)
	}
	if st.Status != Failed {
		t.Fatalf("status %s, want failed", st.Status)
	}
	mustContain(t, "message", st.Message, "p99 latency", "over its limit of 60ms")
	mustContain(t, "diagnosis", st.Diagnosis, "a few are very slow", "connection pool", "lock", "logging")
	mustContain(t, "expected", st.Expected, "p99 ≤ 60ms")
	mustContain(t, "curl", st.Curl, "/items", "4 clients, 200 requests")
}

// Errors under load fail the step with the first one and the advice on
// pools and locks.
func TestLoadErrors(t *testing.T) {
	srv, _ := slowServer(t, 0, true)
	s := mustDecode(t, "format: 1\nmilestone: boot\nsteps:"+fmt.Sprintf(loadSteps, "errors: 1%"))
	st := onlyStep(t, runOne(t, srv.URL, s))
	if st.Status != Failed || st.Load.Errors != 10 || st.Load.Statuses["500"] != 10 || st.Load.Statuses["200"] != 190 {
		t.Fatalf("step %+v, load %+v", st, st.Load)
	}
	mustContain(t, "message", st.Message, "10 of 200 requests failed under load")
	mustContain(t, "got", st.Got, "(5%)", "first failure: GET /items answered 500")
	mustContain(t, "diagnosis", st.Diagnosis, "your server failed", "connection pool", "database is locked")
	mustContain(t, "body", st.Body, "database is locked")
}

// A relative limit measures a calibration in the same run; a generous
// factor passes, and --json carries both runs' figures.
func TestLoadCalibration(t *testing.T) {
	srv, _ := slowServer(t, 0, false)
	s := mustDecode(t, "format: 1\nmilestone: boot\nsteps:"+fmt.Sprintf(strings.Replace(loadSteps, "requests: 200", "duration: 300ms\n      warmup: 100ms", 1), "p99: 1000x, throughput: 0.001x"))
	rep := runOne(t, srv.URL, s)
	st := onlyStep(t, rep)
	if st.Status != Passed {
		t.Fatalf("status %s: %s (%s)", st.Status, st.Message, st.Diagnosis)
	}
	c := st.Load.Calibration
	if c == nil || c.Requests == 0 || c.Latency.P99 == 0 || c.Throughput == 0 {
		t.Fatalf("calibration %+v", c)
	}
	b, _ := json.Marshal(rep)
	mustContain(t, "json", string(b), `"load":{"kind":"http","clients":4`, `"calibration":{"requests":`, `"p99_us":`, `"histogram":[{"le_us":`)
}

// A factor of a calibration is never under MinRelativeLatency, and a
// relative limit without a calibration fails as such.
func TestJudgeLoadRelative(t *testing.T) {
	res := &LoadResult{Kind: "http", LoadFigures: LoadFigures{Requests: 10, Samples: 10, Latency: Latency{P99: 900 * time.Microsecond}}}
	res.Calibration = &LoadFigures{Samples: 10, Latency: Latency{P99: 10 * time.Microsecond}}
	e := &LoadExpect{P99: Limits{{Factor: 20, Text: "20x"}}}
	if err := judgeLoad(e, res, &StepResult{}); err != nil {
		t.Errorf("900µs against 20 × 10µs (floored to 1ms): %v", err)
	}
	res.Latency.P99 = 1100 * time.Microsecond
	sr := &StepResult{}
	if err := judgeLoad(e, res, sr); err == nil || !strings.Contains(sr.Expected, "20 × the calibration's 0.01ms = 1.0ms") {
		t.Errorf("1.1ms against a 1ms floor: %v, expected %q", err, sr.Expected)
	}
	res.Calibration = nil
	if err := judgeLoad(e, res, &StepResult{}); err == nil || !strings.Contains(err.Error(), "no calibration") {
		t.Errorf("without calibration: %v", err)
	}
}

// The load step's setup failing names its client and stops there.
func TestLoadSetupFailure(t *testing.T) {
	srv, n := slowServer(t, 0, false)
	s := mustDecode(t, "format: 1\nmilestone: boot\nsteps:"+fmt.Sprintf(strings.Replace(loadSteps, "/login?u=${i}", "/nowhere", 1), "p99: 1s"))
	st := onlyStep(t, runOne(t, srv.URL, s))
	if st.Status != Failed || n.Load() != 0 {
		t.Fatalf("status %s, server saw %d list requests", st.Status, n.Load())
	}
	if !regexp.MustCompile(`^client [0-3]'s setup: POST /nowhere answered 404$`).MatchString(st.Message) {
		t.Errorf("message = %q", st.Message)
	}
}

// roomServer is a broadcast room: every frame goes to every other client.
// Every dropEvery-th frame is dropped (0: none); every slowEvery-th waits
// slow first.
func roomServer(t *testing.T, dropEvery, slowEvery int64, slow time.Duration) *httptest.Server {
	t.Helper()
	var (
		room testRoom
		n    atomic.Int64
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		room.add(c)
		defer room.remove(c)
		for {
			_, data, err := c.Read(r.Context())
			if err != nil {
				return
			}
			k := n.Add(1)
			if dropEvery > 0 && k%dropEvery == 0 {
				continue
			}
			go func() {
				if slowEvery > 0 && k%slowEvery == 0 {
					time.Sleep(slow)
				}
				room.broadcast(c, data)
			}()
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

const roomStep = "format: 1\nmilestone: boot\nsteps:\n  - name: room\n    load: { clients: 5, ws: { connect: { path: /ws }, messages: 20, interval: 2ms, within: 400ms, send: { json: { text: \"hi ${msg}\" } } }, expect: { %s } }\n"

func TestLoadWSLost(t *testing.T) {
	srv := roomServer(t, 5, 0, 0)
	st := onlyStep(t, runOne(t, srv.URL, mustDecode(t, fmt.Sprintf(roomStep, "p99: 1s"))))
	l := st.Load
	if st.Status != Failed || l == nil || l.Sent != 20 || l.Requests != 80 || l.Lost != 16 {
		t.Fatalf("status %s, load %+v", st.Status, l)
	}
	mustContain(t, "message", st.Message, "16 of 80 deliveries never arrived")
	mustContain(t, "diagnosis", st.Diagnosis, "send queue")
}

func TestLoadWSSlowBroadcast(t *testing.T) {
	const slow = 150 * time.Millisecond
	srv := roomServer(t, 0, 10, slow)
	st := onlyStep(t, runOne(t, srv.URL, mustDecode(t, fmt.Sprintf(roomStep, "p99: 75ms"))))
	l := st.Load
	if st.Status != Failed || l.Lost != 0 || l.Samples != 80 {
		t.Fatalf("status %s: %s, load %+v", st.Status, st.Message, l)
	}
	if l.Latency.P95 < slow || l.Latency.P50 >= slow {
		t.Errorf("p50 %s, p95 %s: 8 of 80 deliveries were %s late", l.Latency.P50, l.Latency.P95, slow)
	}
	mustContain(t, "message", st.Message, "p99 latency", "over its limit of 75ms")
	mustContain(t, "diagnosis", st.Diagnosis, "room's lock")
}

func TestLoadWSCalibration(t *testing.T) {
	srv := roomServer(t, 0, 0, 0)
	st := onlyStep(t, runOne(t, srv.URL, mustDecode(t, fmt.Sprintf(roomStep, "p99: [1000x, 1s], lost: 0"))))
	if st.Status != Passed || st.Load.Calibration == nil || st.Load.Calibration.Samples != 80 || st.Load.Calibration.Lost != 0 {
		t.Fatalf("status %s: %s %s; load %+v", st.Status, st.Message, st.Diagnosis, st.Load)
	}
}

// goldenLoadSteps are two measured load steps, written out so that the
// report's layout is compared byte for byte.
func goldenLoadSteps() (*MilestoneResult, []*StepResult) {
	ms := time.Millisecond
	us := time.Microsecond
	samples := []time.Duration{}
	for i := range 200 {
		d := 300*us + time.Duration(i%9)*100*us
		switch {
		case i%50 == 0:
			d = 180 * ms
		case i%10 == 0:
			d = 7 * ms
		}
		samples = append(samples, d)
	}
	lat := summarize(samples)
	passed := &StepResult{Name: "product list under load", Kind: "load", Status: Passed, Duration: 2400 * ms,
		Load: &LoadResult{Kind: "http", Clients: 32, LoadFigures: LoadFigures{Requests: 12840, Errors: 0, Seconds: 2, Throughput: 6420, Samples: 12840,
			Latency: Latency{P50: 3100 * us, P95: 9 * ms, P99: 14 * ms, Max: 41 * ms}},
			Statuses:    map[string]int{"200": 12840},
			Histogram:   []Bucket{{UpTo: 2 * ms, Count: 4100}, {UpTo: 5 * ms, Count: 6900}, {UpTo: 10 * ms, Count: 1500}, {UpTo: 20 * ms, Count: 300}, {UpTo: 50 * ms, Count: 40}},
			Calibration: &LoadFigures{Requests: 30000, Seconds: 2, Throughput: 15000, Samples: 30000, Latency: Latency{P50: 900 * us, P95: 2 * ms, P99: 3100 * us, Max: 12 * ms}}}}
	for i := range passed.Load.Histogram {
		passed.Load.Histogram[i].UpToU = passed.Load.Histogram[i].UpTo.Microseconds()
	}
	failed := &StepResult{Name: "room broadcast", Kind: "load", Status: Failed, Duration: 1200 * ms,
		Message: "p99 latency 180ms is over its limit of 62ms", Expected: "p99 ≤ 20 × the calibration's 3.1ms = 62ms", Got: "p99 180ms",
		Diagnosis: "Under load, look at: slow broadcasts come from writing to every client in turn while holding the room's lock.",
		Load: &LoadResult{Kind: "ws", Clients: 5, LoadFigures: LoadFigures{Requests: 200, Sent: 50, Seconds: 0.6, Throughput: 333, Samples: 200, Latency: lat},
			Histogram: Histogram(samples), Calibration: &LoadFigures{Requests: 200, Sent: 50, Seconds: 0.5, Throughput: 400, Samples: 200, Latency: Latency{P50: 400 * us, P95: 2 * ms, P99: 3100 * us, Max: 4 * ms}}}}
	m := &MilestoneResult{ID: "performance", Title: "Fast under load", Hint: "measure before you tune", Status: Failed, Steps: []*StepResult{passed, failed}}
	return m, m.Steps
}

func TestGoldenLoadReport(t *testing.T) {
	m, steps := goldenLoadSteps()
	var out bytes.Buffer
	w := &colorprofile.Writer{Forward: &out, Profile: colorprofile.NoTTY}
	tr := NewTextReport(w, w, false)
	tr.MilestoneStarted(m)
	for _, s := range steps {
		tr.StepFinished(m, s)
	}
	tr.MilestoneFinished(m)
	golden.RequireEqual(t, out.String())
}

func TestGoldenLoadJSON(t *testing.T) {
	_, steps := goldenLoadSteps()
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetIndent("", "  ")
	if err := enc.Encode(steps); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, out.String())
}

// FuzzDecodeLoad feeds the body of a load step to the decoder: whatever it
// accepts is within the step's bounds, and whatever it refuses is named by
// position.
func FuzzDecodeLoad(f *testing.F) {
	f.Add("{clients: 8, requests: 400, warmup: 200ms, sequence: [{request: {path: /items}}], expect: {errors: 1%, p99: [20x, 250ms], throughput: 0.2x}}")
	f.Add("{setup: [{request: {method: POST, path: /login}, capture: {t: {json: .t}}}], sequence: [{request: {path: /, bearer: \"${t}\"}}], expect: {max: 2s}}")
	f.Add("{clients: 50, ws: {connect: {path: /ws}, messages: 30, interval: 5ms, within: 1s, send: {text: \"hi ${msg}\"}}, expect: {lost: \"<=2\", p95: 10x}}")
	f.Add("{duration: 5m, sequence: [], ws: {send: {json: {a: [\"${msg}\"]}}}, expect: {p50: [], errors: 150%}}")
	f.Fuzz(func(t *testing.T, body string) {
		s, err := Decode("f.yaml", []byte("format: 1\nmilestone: a\nsteps:\n  - name: l\n    load: "+body+"\n"))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.yaml:") {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		l := s.Steps[0].Load
		if l == nil || s.Steps[0].Kind() != "load" {
			return // the body was not a mapping the step kept, such as a comment
		}
		sh := l.shape(true)
		maxClients := MaxLoadClients
		if l.WS != nil {
			maxClients = MaxLoadWSClients
		}
		if sh.clients < 1 || sh.clients > maxClients || sh.duration <= 0 || sh.duration > DefaultLoadRequestBound+MaxLoadDuration ||
			sh.warmup > MaxLoadWarmup || sh.requests < 0 || sh.requests > MaxLoadRequests || (len(l.Sequence) == 0) == (l.WS == nil) {
			t.Fatalf("accepted a load step out of bounds: %+v", l)
		}
		for _, ls := range []Limits{l.Expect.P50, l.Expect.P95, l.Expect.P99, l.Expect.Max} {
			for _, lim := range ls {
				if (lim.Abs <= 0) == (lim.Factor <= 0) {
					t.Fatalf("accepted a limit that is neither a duration nor a factor: %+v", lim)
				}
			}
		}
		if e := l.Expect.Errors; e != nil && (e.Max < 0 || e.Max > 1) {
			t.Fatalf("accepted an error rate of %v", e.Max)
		}
	})
}

// With a Calibrator the calibration server is a process of its own (this
// test binary, through TestMain); one that cannot start says so.
func TestLoadCalibratorProcess(t *testing.T) {
	srv, _ := slowServer(t, 0, false)
	suite := "format: 1\nmilestone: boot\nsteps:" + fmt.Sprintf(strings.Replace(loadSteps, "requests: 200", "duration: 300ms", 1), "p99: 1000x")
	room := roomServer(t, 0, 0, 0)
	for _, c := range []struct {
		name, url, suite string
		cmd              []string
		ok               bool
	}{
		{"http", srv.URL, suite, []string{os.Args[0]}, true},
		{"ws", room.URL, fmt.Sprintf(roomStep, "p99: 1000x"), []string{os.Args[0]}, true},
		{"missing", srv.URL, suite, []string{filepath.Join(t.TempDir(), "nothing")}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := &Runner{URLs: []string{c.url}, Seed: 7, Timeout: 2 * time.Second, Calibrator: c.cmd}
			rep := r.Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones, Suites: []*Suite{mustDecode(t, c.suite)}, Upto: "boot"})
			st := onlyStep(t, rep)
			if c.ok && (st.Status != Passed || st.Load.Calibration == nil || st.Load.Calibration.Samples == 0) {
				t.Fatalf("status %s: %s %s; calibration %+v", st.Status, st.Message, st.Diagnosis, st.Load.Calibration)
			}
			if !c.ok {
				if st.Status != Failed {
					t.Fatalf("status %s", st.Status)
				}
				mustContain(t, "diagnosis", st.Diagnosis, "the calibration could not run: starting the calibration server")
				mustContain(t, "message", st.Message, "p99 cannot be judged")
			}
		})
	}
}

func TestServeCalibrationRefusesNothing(t *testing.T) {
	if err := ServeCalibration(strings.NewReader("{}\n"), io.Discard); err == nil {
		t.Error("a calibration without replies or room was served")
	}
	if err := ServeCalibration(strings.NewReader("not json\n"), io.Discard); err == nil {
		t.Error("a broken calibration was served")
	}
}

// Each client connects with its own path (${i} and its own captures); a
// server that closes connections is reported with its close status.
func TestLoadWSPerClientAndBroken(t *testing.T) {
	var seen sync.Map
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		who := r.URL.Query().Get("c")
		seen.Store(who, true)
		if who == "1" || who == "3" {
			time.Sleep(150 * time.Millisecond) // after the room has settled
			c.Close(websocket.StatusPolicyViolation, "too slow: send queue full")
			return
		}
		defer c.CloseNow()
		for {
			if _, _, err := c.Read(r.Context()); err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	st := onlyStep(t, runOne(t, srv.URL, mustDecode(t, strings.Replace(strings.Replace(fmt.Sprintf(roomStep, "lost: any"), "clients: 5", "clients: 4", 1), "path: /ws", `path: "/ws?c=${i}"`, 1))))
	for _, c := range []string{"0", "1", "2", "3"} {
		if _, ok := seen.Load(c); !ok {
			t.Errorf("no client connected with c=%s", c)
		}
	}
	if st.Status != Passed || st.Load.Broken != 2 {
		t.Fatalf("status %s: %s; load %+v", st.Status, st.Message, st.Load)
	}
	mustContain(t, "stopped", st.Load.Stopped, "2 of 4 connections broke", `1008 "too slow: send queue full"`)
	res := *st.Load
	mustContain(t, "advice", loadAdvice(&res, &StepResult{}), "2 connections broke", "send queue fills")
}

// Setup runs a few clients at a time: it usually hashes passwords, and
// many at once would time out on a small machine.
func TestLoadSetupAFewAtATime(t *testing.T) {
	var now, most atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		n := now.Add(1)
		defer now.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(20 * time.Millisecond)
		fmt.Fprint(w, `{"token": "t-1"}`)
	})
	mux.HandleFunc("GET /items", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `{"items": [1, 2, 3]}`) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	suite := strings.Replace(strings.Replace(fmt.Sprintf(loadSteps, "errors: 100%"), "clients: 4", "clients: 12", 1), "requests: 200", "requests: 12", 1)
	st := onlyStep(t, runOne(t, srv.URL, mustDecode(t, "format: 1\nmilestone: boot\nsteps:"+suite)))
	if st.Status != Passed {
		t.Fatalf("status %s: %s", st.Status, st.Message)
	}
	if m := most.Load(); m > 4 || m < 2 {
		t.Errorf("%d setups ran at once, want 2…4", m)
	}
}

// The first failing setup stops the others: a server that refuses every
// login is not asked once per client.
func TestLoadSetupStopsAtTheFirstFailure(t *testing.T) {
	var logins atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logins.Add(1)
		time.Sleep(20 * time.Millisecond)
		http.Error(w, "no", http.StatusServiceUnavailable)
	}))
	t.Cleanup(srv.Close)
	suite := strings.Replace(fmt.Sprintf(loadSteps, "errors: 100%"), "clients: 4", "clients: 40", 1)
	st := onlyStep(t, runOne(t, srv.URL, mustDecode(t, "format: 1\nmilestone: boot\nsteps:"+suite)))
	if st.Status != Failed || !strings.Contains(st.Message, "setup: POST /login?u=") {
		t.Fatalf("status %s: %s", st.Status, st.Message)
	}
	if n := logins.Load(); n > 8 {
		t.Errorf("%d of 40 clients tried to log in after the first had failed", n)
	}
}

// Under CI=true, ci_scale multiplies the clients and the request count,
// and the report says so; elsewhere the step runs as written.
func TestLoadCIScale(t *testing.T) {
	srv, n := slowServer(t, 0, false)
	suite := mustDecode(t, "format: 1\nmilestone: boot\nsteps:"+strings.Replace(strings.Replace(fmt.Sprintf(loadSteps, "errors: 0"), "clients: 4", "clients: 40", 1), "requests: 200", "requests: 200\n      ci_scale: 0.1", 1))
	for _, ci := range []bool{false, true} {
		n.Store(0)
		r := &Runner{URLs: []string{srv.URL}, Seed: 7, Timeout: 2 * time.Second, Env: func(k string) (string, bool) { return "true", ci && k == "CI" }}
		st := onlyStep(t, r.Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones, Suites: []*Suite{suite}, Upto: "boot"}))
		clients, requests, note := 40, 200, ""
		if ci {
			clients, requests, note = 4, 20, "scaled for CI by ci_scale 0.1: 4 of 40 clients"
		}
		if st.Status != Passed || st.Load.Clients != clients || st.Load.Requests != requests || int(n.Load()) != requests || st.Load.Scaled != note {
			t.Errorf("CI=%v: status %s, %d clients, %d requests, note %q", ci, st.Status, st.Load.Clients, st.Load.Requests, st.Load.Scaled)
		}
	}
}

// The first message waits until the frames the joins caused have been
// delivered, so that its latency is the broadcast's, not its wait behind
// a join burst; the report says how long the room took to fall quiet.
func TestLoadWSWaitsForTheJoinBurst(t *testing.T) {
	const burst, gap = 8, 40 * time.Millisecond // 320ms of join frames after each upgrade
	var (
		room      testRoom
		lastJoin  atomic.Int64
		firstSend atomic.Int64
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		room.add(c)
		defer room.remove(c)
		go func() {
			for range burst {
				time.Sleep(gap)
				if c.Write(r.Context(), websocket.MessageText, []byte(`{"type":"join"}`)) != nil {
					return
				}
				lastJoin.Store(time.Now().UnixNano())
			}
		}()
		for {
			_, data, err := c.Read(r.Context())
			if err != nil {
				return
			}
			firstSend.CompareAndSwap(0, time.Now().UnixNano())
			room.broadcast(c, data)
		}
	}))
	t.Cleanup(srv.Close)
	st := onlyStep(t, runOne(t, srv.URL, mustDecode(t, fmt.Sprintf(roomStep, "lost: 0"))))
	if st.Status != Passed {
		t.Fatalf("status %s: %s", st.Status, st.Message)
	}
	if first, last := firstSend.Load(), lastJoin.Load(); first < last {
		t.Errorf("the first message was sent %s before the last join frame", time.Duration(last-first))
	}
	if st.Load.Settle < 0.25 || st.Load.Settle > 5 {
		t.Errorf("settle %.3fs, want about %s", st.Load.Settle, burst*gap)
	}
	mustContain(t, "note", settleNote(st.Load), "fell quiet", "after the last client joined")
}
