package check

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
)

// Defaults of a load step's WebSocket room.
const (
	DefaultLoadMessages = 20
	DefaultLoadInterval = 10 * time.Millisecond
	// roomSettle is the quiet the room must keep between the last client's
	// upgrade and the first message: a server registers a connection in
	// the room just after the upgrade, and a message sent in between is
	// not lost; and the frames the joins caused (a join event to every
	// member, a presence list to each joiner) must have been delivered, so
	// that a message's latency is the broadcast's own, not its wait behind
	// the join burst. The room waits until no client has received a frame
	// for roomSettle, at most roomSettleMax; the time is reported.
	roomSettle    = 100 * time.Millisecond
	roomSettleMax = 20 * time.Second
)

// wsRoom is one run of a broadcast room: who connects where, what they send.
type wsRoom struct {
	base     string        // http://host:port
	paths    []string      // per client
	headers  []http.Header // per client
	frames   []string      // per message, ${msg} already in
	interval time.Duration
	within   time.Duration
	marker   string // the prefix every message's mark starts with
}

func (r *Runner) runLoadWS(ctx context.Context, p *Plan, l *LoadStep, sc *scope, sr *StepResult) error {
	w := l.WS
	clients := l.shape(r.inCI()).clients
	workers := make([]*loadWorker, clients)
	for i := range workers {
		workers[i] = &loadWorker{sc: sc.fork(i)}
	}
	defer func() { sc.rand = workers[0].sc.rand }()
	if err := r.loadSetup(ctx, p, l.Setup, workers, sr); err != nil {
		return err
	}
	room := &wsRoom{base: r.URLs[0], interval: time.Duration(w.Interval), within: time.Duration(w.Within)}
	if room.interval == 0 {
		room.interval = DefaultLoadInterval
	}
	if room.within == 0 {
		room.within = DefaultWithin
	}
	for _, wk := range workers {
		path, err := wk.sc.expand(w.Connect.Path)
		if err != nil {
			return err
		}
		h, err := wsHeaders(&w.Connect, wk.sc)
		if err != nil {
			return err
		}
		room.paths, room.headers = append(room.paths, path), append(room.headers, h)
	}
	var id [4]byte
	_, _ = rand.Read(id[:])
	room.marker = "wm" + hex.EncodeToString(id[:]) + "-"
	messages := w.Messages
	if messages == 0 {
		messages = DefaultLoadMessages
	}
	for m := range messages {
		wk := workers[m%clients]
		wk.sc.vars["msg"] = room.marker + strconv.Itoa(m)
		text, err := wsFrameText(&w.Send, wk.sc)
		delete(wk.sc.vars, "msg")
		if err != nil {
			return err
		}
		room.frames = append(room.frames, text)
	}
	sr.Frames = []string{fmt.Sprintf("%d clients connect to %s; each of %d messages (every %s, in turn) goes to the %d others, such as: %s",
		clients, "ws"+strings.TrimPrefix(room.base, "http")+room.paths[0], messages, room.interval, clients-1, shorten(room.frames[0], 120))}
	res, err := r.playRoom(ctx, room, r.client)
	if err != nil {
		sr.Message = err.Error()
		var ce *connectError
		if errors.As(err, &ce) {
			sr.Diagnosis = ce.diagnosis(r)
		}
		return err
	}
	res.Kind, res.Clients = "ws", clients
	res.Scaled = scaledNote(l, clients)
	sr.Load = res
	if l.Expect.relative() {
		cal, err := r.calibrateRoom(ctx, room)
		if err != nil {
			sr.Diagnosis = "the calibration could not run: " + err.Error()
		}
		res.Calibration = cal
	}
	if err := judgeLoad(&l.Expect, res, sr); err != nil {
		sr.Diagnosis = joinSentences(sr.Diagnosis, loadAdvice(res, sr))
		return err
	}
	return nil
}

func wsHeaders(c *WSConnect, sc *scope) (http.Header, error) {
	h := http.Header{}
	for _, k := range sortedKeys(c.Headers) {
		v, err := sc.expand(c.Headers[k])
		if err != nil {
			return nil, err
		}
		h.Set(k, v)
	}
	if c.Bearer != "" {
		tok, err := sc.expand(c.Bearer)
		if err != nil {
			return nil, err
		}
		h.Set("Authorization", "Bearer "+tok)
	}
	return h, nil
}

func wsFrameText(m *WSMessage, sc *scope) (string, error) {
	if m.Text != nil {
		return sc.expand(*m.Text)
	}
	v, err := sc.expandValue(m.JSON.V)
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// connectError is a client of the room that could not join.
type connectError struct {
	client int
	url    string
	status int
	err    error
}

func (e *connectError) Error() string {
	if e.status != 0 {
		return fmt.Sprintf("client %d's upgrade to %s was answered %d", e.client, pathOf(e.url), e.status)
	}
	return fmt.Sprintf("client %d could not connect to %s", e.client, pathOf(e.url))
}

func (e *connectError) diagnosis(r *Runner) string {
	if e.status != 0 {
		return "the server refused a WebSocket upgrade partway through the clients: is there a limit on connections, or on connections from one address?"
	}
	return r.diagnose(&exchange{url: e.url, err: e.err}) + " (a server that accepts a few connections but not many may have run out of open files, or accept them on one thread)"
}

// playRoom connects every client, sends the frames in turn and counts
// what arrives where, within the room's bounds.
func (r *Runner) playRoom(ctx context.Context, room *wsRoom, client *http.Client) (*LoadResult, error) {
	n, msgs := len(room.headers), len(room.frames)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	conns := make([]*websocket.Conn, n)
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.CloseNow()
			}
		}
	}()
	ws := "ws" + strings.TrimPrefix(room.base, "http")
	var (
		wg      sync.WaitGroup
		gate    = make(chan struct{}, 32)
		mu      sync.Mutex
		failure *connectError
	)
	for i := range conns {
		wg.Add(1)
		gate <- struct{}{}
		go func() {
			defer func() { <-gate; wg.Done() }()
			dctx, dcancel := context.WithTimeout(ctx, r.Timeout)
			defer dcancel()
			c, resp, err := websocket.Dial(dctx, ws+room.paths[i], &websocket.DialOptions{HTTPClient: client, HTTPHeader: room.headers[i]})
			if err != nil {
				ce := &connectError{client: i, url: room.base + room.paths[i], err: err}
				if resp != nil {
					ce.status = resp.StatusCode
				}
				mu.Lock()
				if failure == nil || i < failure.client {
					failure = ce
				}
				mu.Unlock()
				return
			}
			c.SetReadLimit(r.BodyCap)
			conns[i] = c
		}()
	}
	wg.Wait()
	if failure != nil {
		return nil, failure
	}
	sentAt := make([]atomic.Int64, msgs)
	var delivered, broken atomic.Int64
	var closeOnce sync.Once
	closedWith := ""
	gone := make([]atomic.Bool, n)
	lose := func(i int) { // a connection counts once, broken reading or writing
		if !gone[i].Swap(true) {
			broken.Add(1)
		}
	}
	samples := make([][]time.Duration, n)
	var lastFrame atomic.Int64 // when any client last received a frame
	var readers sync.WaitGroup
	for i, c := range conns {
		readers.Add(1)
		go func() {
			defer readers.Done()
			seen := make([]bool, msgs)
			for {
				_, data, err := c.Read(ctx)
				if err != nil {
					if ctx.Err() == nil {
						lose(i)
						var ce websocket.CloseError
						if errors.As(err, &ce) {
							closeOnce.Do(func() { closedWith = fmt.Sprintf("%d %q", int(ce.Code), ce.Reason) })
						}
					}
					return
				}
				now := time.Now().UnixNano()
				lastFrame.Store(now)
				text := string(data)
				for {
					k := strings.Index(text, room.marker)
					if k < 0 {
						break
					}
					text = text[k+len(room.marker):]
					end := 0
					for end < len(text) && text[end] >= '0' && text[end] <= '9' {
						end++
					}
					m, err := strconv.Atoi(text[:end])
					if err != nil || m >= msgs || m%n == i || seen[m] {
						continue // the sender's own echo, a repeat, or not a mark
					}
					at := sentAt[m].Load()
					if at == 0 {
						continue
					}
					seen[m] = true
					samples[i] = append(samples[i], time.Duration(now-at))
					delivered.Add(1)
				}
			}
		}()
	}
	settled := settleRoom(ctx, &lastFrame)
	expected := int64(msgs * (n - 1))
	start := time.Now()
	tick := time.NewTicker(room.interval)
	sent := 0
	for m, frame := range room.frames {
		if m > 0 {
			select {
			case <-tick.C:
			case <-ctx.Done():
			}
		}
		if ctx.Err() != nil {
			break
		}
		sentAt[m].Store(time.Now().UnixNano())
		wctx, wcancel := context.WithTimeout(ctx, r.Timeout)
		err := conns[m%n].Write(wctx, websocket.MessageText, []byte(frame))
		wcancel()
		if err != nil {
			lose(m % n)
			continue
		}
		sent++
	}
	tick.Stop()
	deadline := time.Now().Add(room.within)
	for delivered.Load() < expected && time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(2 * time.Millisecond)
	}
	elapsed := time.Since(start)
	cancel()
	readers.Wait()
	var all []time.Duration
	for _, s := range samples {
		all = append(all, s...)
	}
	got := delivered.Load()
	res := &LoadResult{Histogram: nil, Settle: settled.Seconds()}
	res.Sent, res.Requests, res.Lost, res.Errors = sent, int(expected), int(expected-got), int(expected-got)
	res.Seconds = elapsed.Seconds()
	if expected > 0 {
		res.ErrorRate = float64(res.Lost) / float64(expected)
	}
	if res.Seconds > 0 {
		res.Throughput = float64(got) / res.Seconds
	}
	res.Samples = len(all)
	res.Latency = summarize(all)
	res.Histogram = Histogram(all)
	if b := broken.Load(); b > 0 {
		res.Broken = int(b)
		res.Stopped = fmt.Sprintf("%s of %s connections broke during the run", number(float64(b)), number(float64(n)))
		if closedWith != "" {
			res.Stopped += "; the server closed one with " + closedWith
		}
	}
	return res, nil
}

// settleRoom waits until no client has received a frame for roomSettle
// (at most roomSettleMax) and returns how long that took.
func settleRoom(ctx context.Context, lastFrame *atomic.Int64) time.Duration {
	joined := time.Now()
	for {
		now := time.Now()
		quiet := now.Sub(joined)
		if last := lastFrame.Load(); last > joined.UnixNano() {
			quiet = time.Duration(now.UnixNano() - last)
		}
		if quiet >= roomSettle || now.Sub(joined) >= roomSettleMax || ctx.Err() != nil {
			return now.Sub(joined)
		}
		select {
		case <-time.After(min(roomSettle-quiet, 10*time.Millisecond)):
		case <-ctx.Done():
		}
	}
}

// calibrateRoom plays the same room against a minimal broadcast hub on
// this machine.
func (r *Runner) calibrateRoom(ctx context.Context, room *wsRoom) (*LoadFigures, error) {
	base, stop, err := r.calibrationServer(ctx, &calibrationSpec{Room: true})
	if err != nil {
		return nil, err
	}
	defer stop()
	cal := *room
	cal.base = base
	res, err := r.playRoom(ctx, &cal, r.newClientFor(len(room.headers)))
	if err != nil {
		return nil, err
	}
	return &res.LoadFigures, nil
}

func newCalibrationHub() *calibrationHub {
	return &calibrationHub{conns: map[*websocket.Conn]*sync.Mutex{}}
}

// calibrationHub relays every frame to every other connection: the least
// a chat room does.
type calibrationHub struct {
	mu    sync.Mutex
	conns map[*websocket.Conn]*sync.Mutex
}

func (h *calibrationHub) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	c, err := websocket.Accept(w, req, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	h.mu.Lock()
	h.conns[c] = &sync.Mutex{}
	h.mu.Unlock()
	defer func() { h.mu.Lock(); delete(h.conns, c); h.mu.Unlock() }()
	ctx := req.Context()
	for {
		typ, data, err := c.Read(ctx)
		if err != nil {
			return
		}
		h.mu.Lock()
		peers := make(map[*websocket.Conn]*sync.Mutex, len(h.conns))
		for p, m := range h.conns {
			if p != c {
				peers[p] = m
			}
		}
		h.mu.Unlock()
		for p, m := range peers {
			m.Lock()
			wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			_ = p.Write(wctx, typ, data)
			cancel()
			m.Unlock()
		}
	}
}
