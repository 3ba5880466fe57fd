package check

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// calibrationHeader tells the calibration server which request of the
// sequence it answers.
const calibrationHeader = "X-Waymark-Calibration"

// setupAtOnce is how many clients run their setup at the same time: setup
// usually registers and logs in, and a password hash costs a core a
// quarter of a second, so more at once would time out on a small machine
// before anything is measured.
const setupAtOnce = 4

// loadWorker is one client of a load step and what it measured.
type loadWorker struct {
	sc       *scope
	samples  []time.Duration
	requests int
	errors   int
	statuses map[string]int
}

// loadFailure keeps the first failed request of a phase for the report.
type loadFailure struct {
	mu  sync.Mutex
	set bool
	sr  StepResult
	ex  *exchange
}

func (f *loadFailure) keep(sr *StepResult, ex *exchange) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.set {
		f.set, f.sr, f.ex = true, *sr, ex
	}
}

// recorded is a response of the learner's server, replayed by the
// calibration server.
type recorded struct {
	status      int
	contentType string
	body        []byte
}

// loadPhase is one timed run of the sequence by every worker.
type loadPhase struct {
	until       time.Time
	limit       int  // requests; 0: none
	measure     bool // keep latencies and counts
	calibration string
	client      *http.Client
	payloads    []atomic.Pointer[recorded] // filled by the learner's phases
	fail        *loadFailure
}

func (r *Runner) runLoad(ctx context.Context, p *Plan, l *LoadStep, sc *scope, sr *StepResult) error {
	if l.WS != nil {
		return r.runLoadWS(ctx, p, l, sc, sr)
	}
	shape := l.shape(r.inCI())
	workers := make([]*loadWorker, shape.clients)
	for i := range workers {
		workers[i] = &loadWorker{sc: sc.fork(i), statuses: map[string]int{}}
	}
	defer func() { sc.rand = workers[0].sc.rand }()
	if err := r.loadSetup(ctx, p, l.Setup, workers, sr); err != nil {
		return err
	}
	if first, err := r.build(&l.Sequence[0].Request, workers[0].sc); err == nil {
		sr.Curl = curlLine(first) + "   # " + shape.String()
	}
	client := r.newClientFor(shape.clients)
	defer client.CloseIdleConnections()
	payloads := make([]atomic.Pointer[recorded], len(l.Sequence))
	if shape.warmup > 0 {
		r.drive(ctx, p, l, workers, &loadPhase{until: time.Now().Add(shape.warmup), client: client, payloads: payloads, fail: &loadFailure{}})
	}
	fail := &loadFailure{}
	res := r.drive(ctx, p, l, workers, &loadPhase{until: time.Now().Add(shape.duration), limit: shape.requests,
		measure: true, client: client, payloads: payloads, fail: fail})
	res.Kind, res.Clients = "http", shape.clients
	res.Scaled = scaledNote(l, shape.clients)
	sr.Load = res
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if l.Expect.relative() {
		cal, err := r.calibrateLoad(ctx, p, l, shape, workers, payloads)
		if err != nil {
			sr.Diagnosis = "the calibration could not run: " + err.Error()
		}
		res.Calibration = cal
	}
	if err := judgeLoad(&l.Expect, res, sr); err != nil {
		if fail.set {
			sr.Body = fail.sr.Body
			if fail.ex != nil && fail.ex.err != nil {
				sr.Diagnosis = r.diagnose(fail.ex)
			} else if fail.sr.Diagnosis != "" {
				sr.Diagnosis = fail.sr.Diagnosis
			}
			if !strings.HasPrefix(sr.Diagnosis, "not implemented") {
				sr.Diagnosis = joinSentences(sr.Diagnosis, loadAdvice(res, sr))
			}
			sr.Got = joinSentences(sr.Got, "first failure: "+fail.sr.Message)
		} else {
			sr.Diagnosis = joinSentences(sr.Diagnosis, loadAdvice(res, sr))
		}
		return err
	}
	return nil
}

// inCI reports whether the check environment says CI=true.
func (r *Runner) inCI() bool {
	v, ok := r.Env("CI")
	return ok && v == "true"
}

// scaledNote says how ci_scale changed the step, or "".
func scaledNote(l *LoadStep, clients int) string {
	written := l.Clients
	if written == 0 {
		written = 10
	}
	if clients == written {
		return ""
	}
	return fmt.Sprintf("scaled for CI by ci_scale %s: %s of %s clients", number(l.CIScale), number(float64(clients)), number(float64(written)))
}

func joinSentences(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return strings.TrimSuffix(a, ".") + ". " + b
}

// loadSetup runs the setup requests of every client, setupAtOnce clients
// at a time, unmeasured. The first failure fails the step, named by its
// client.
func (r *Runner) loadSetup(ctx context.Context, p *Plan, setup []*HTTPStep, workers []*loadWorker, sr *StepResult) error {
	if len(setup) == 0 {
		return nil
	}
	// The first failure stops the others, and the whole setup has a bound
	// of its own, so a server that hangs costs MaxLoadSetup at most.
	ctx, cancel := context.WithTimeout(ctx, MaxLoadSetup)
	defer cancel()
	var (
		wg    sync.WaitGroup
		gate  = make(chan struct{}, setupAtOnce)
		mu    sync.Mutex
		first *StepResult
		who   int
	)
	for i, w := range workers {
		gate <- struct{}{}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer func() { <-gate; wg.Done() }()
			for _, h := range setup {
				scratch := &StepResult{}
				err := r.runHTTP(ctx, p, h, w.sc, scratch)
				if err == nil {
					continue
				}
				var mv *missingVarError
				if errors.As(err, &mv) {
					scratch.Message = "this request uses " + strings.Join(mv.names, ", ") + ", which was not captured"
				}
				mu.Lock()
				stopped := ctx.Err() != nil && first != nil // by another client's failure
				if !stopped && (first == nil || i < who) {
					first, who = scratch, i
				}
				mu.Unlock()
				cancel()
				return
			}
		}()
	}
	wg.Wait()
	if first == nil && ctx.Err() != nil {
		sr.Message = fmt.Sprintf("the setup of %d clients took longer than %s", len(workers), MaxLoadSetup)
		return errors.New(sr.Message)
	}
	if first == nil {
		return nil
	}
	sr.Expected, sr.Got, sr.Diagnosis, sr.Body, sr.Curl = first.Expected, first.Got, first.Diagnosis, first.Body, first.Curl
	sr.Message = fmt.Sprintf("client %d's setup: %s", who, first.Message)
	return errors.New(sr.Message)
}

// drive runs every worker's sequence until the phase ends and sums what
// they measured.
func (r *Runner) drive(ctx context.Context, p *Plan, l *LoadStep, workers []*loadWorker, ph *loadPhase) *LoadResult {
	var issued atomic.Int64
	var wg sync.WaitGroup
	ctx, cancel := context.WithDeadline(ctx, ph.until.Add(r.Timeout))
	defer cancel()
	start := time.Now()
	for _, w := range workers {
		w.samples, w.requests, w.errors, w.statuses = w.samples[:0], 0, 0, map[string]int{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				for idx, h := range l.Sequence {
					if (ph.limit > 0 && issued.Add(1) > int64(ph.limit)) || time.Now().After(ph.until) || ctx.Err() != nil {
						return
					}
					r.loadRequest(ctx, p, h, idx, w, ph)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	res := &LoadResult{Statuses: map[string]int{}}
	var all []time.Duration
	for _, w := range workers {
		res.Requests += w.requests
		res.Errors += w.errors
		all = append(all, w.samples...)
		for k, v := range w.statuses {
			res.Statuses[k] += v
		}
	}
	res.Seconds = elapsed.Seconds()
	if res.Requests > 0 {
		res.ErrorRate = float64(res.Errors) / float64(res.Requests)
	}
	if res.Seconds > 0 {
		res.Throughput = float64(res.Requests) / res.Seconds
	}
	res.Samples = len(all)
	res.Latency = summarize(all)
	res.Histogram = Histogram(all)
	if ph.limit > 0 && res.Requests < ph.limit {
		res.Stopped = fmt.Sprintf("the %s bound ended the run after %d of %d requests", FormatDuration(ph.until.Sub(start)), res.Requests, ph.limit)
	}
	return res
}

// loadRequest sends one request of a worker's sequence and records it.
func (r *Runner) loadRequest(ctx context.Context, p *Plan, h *HTTPStep, idx int, w *loadWorker, ph *loadPhase) {
	scratch := &StepResult{}
	ex, err := r.build(&h.Request, w.sc)
	if err != nil {
		if ph.measure {
			w.requests++
			w.errors++
			w.statuses["not sent"]++
			scratch.Message = "a request could not be built: " + err.Error()
			ph.fail.keep(scratch, nil)
		}
		return
	}
	if ph.calibration != "" {
		ex.url = ph.calibration + strings.TrimPrefix(ex.url, r.URLs[ex.instance])
		ex.header.Set(calibrationHeader, strconv.Itoa(idx))
	}
	r.sendWith(ctx, ph.client, ex, h.Request.FollowRedirect == nil || *h.Request.FollowRedirect)
	if ctx.Err() != nil && ex.err != nil {
		return // the phase ended while this request was in flight
	}
	bad := ex.err != nil
	if !bad && ph.calibration == "" {
		bad = r.expect(p, &h.Expect, ex, w.sc, scratch) != nil || r.capture(h.Capture, ex, w.sc, scratch) != nil
		if !bad && ph.payloads[idx].Load() == nil {
			ph.payloads[idx].Store(&recorded{status: ex.status, contentType: ex.resHeader.Get("Content-Type"), body: ex.resBody})
		}
	}
	if !ph.measure {
		return
	}
	w.requests++
	if ex.err != nil {
		w.statuses["no response"]++
	} else {
		w.statuses[strconv.Itoa(ex.status)]++
		w.samples = append(w.samples, ex.elapsed)
	}
	if bad {
		w.errors++
		if ex.err != nil {
			scratch.Message = fmt.Sprintf("%s %s: no response", ex.method, pathOf(ex.url))
		}
		scratch.Body = prettyBody(ex.resBody, ex.truncated)
		ph.fail.keep(scratch, ex)
	}
}

// calibrateLoad runs the same load against a minimal server inside waymark,
// on this machine, answering each request with the learner's own response
// to it: what the machine and waymark's own client cost, which relative
// limits are multiples of.
func (r *Runner) calibrateLoad(ctx context.Context, p *Plan, l *LoadStep, shape loadShape, workers []*loadWorker, payloads []atomic.Pointer[recorded]) (*LoadFigures, error) {
	for i := range payloads {
		if payloads[i].Load() == nil {
			return nil, fmt.Errorf("request %d of the sequence never succeeded, so there is no response to replay", i+1)
		}
	}
	spec := &calibrationSpec{}
	for i := range payloads {
		rec := payloads[i].Load()
		spec.Replies = append(spec.Replies, calibrationReply{Status: rec.status, ContentType: rec.contentType, Body: rec.body})
	}
	url, stop, err := r.calibrationServer(ctx, spec)
	if err != nil {
		return nil, err
	}
	defer stop()
	client := r.newClientFor(shape.clients)
	defer client.CloseIdleConnections()
	dur := min(shape.duration, MaxCalibration)
	r.drive(ctx, p, l, workers, &loadPhase{until: time.Now().Add(min(100*time.Millisecond, dur)), calibration: url, client: client, payloads: payloads, fail: &loadFailure{}})
	res := r.drive(ctx, p, l, workers, &loadPhase{until: time.Now().Add(dur), limit: shape.requests, measure: true,
		calibration: url, client: client, payloads: payloads, fail: &loadFailure{}})
	return &res.LoadFigures, nil
}
