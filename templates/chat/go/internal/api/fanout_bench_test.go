//go:build unix

package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/config"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/ratelimit"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/store"
)

// BenchmarkFanout measures one instance holding n WebSocket clients in one
// room: every iteration sends one message from one client and waits until
// all n clients (the sender too) have received it. It reports the p50 and
// p99 of that fan-out time, the heap bytes, goroutine stack bytes and
// goroutines each connection costs (both ends: the load clients run in this
// process), and how long filling the room took.
//
//	go test -run '^$' -bench Fanout -benchtime 50x ./internal/api/
//
// FANOUT_CLIENTS=100,1000,5000 (the default) picks the sizes. Each
// connection takes two file descriptors here (client and server end); sizes
// the descriptor limit cannot hold are skipped.
//
// The server runs with its default limits. The rate limit is per
// connection, so the sender rotates through the clients, and a client whose
// bucket (mirrored here) is empty waits, off the clock, before sending.
func BenchmarkFanout(b *testing.B) {
	sizes := []int{100, 1000, 5000}
	if v := os.Getenv("FANOUT_CLIENTS"); v != "" {
		sizes = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				b.Fatalf("FANOUT_CLIENTS=%q: want numbers like 100,1000,5000", v)
			}
			sizes = append(sizes, n)
		}
	}
	fds := raiseFileLimit()
	for _, n := range sizes {
		var fx *fanoutRoom // built once, kept across the runs of one size
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) {
			if need := uint64(2*n + 256); need > fds {
				b.Skipf("%d clients need about %d file descriptors; the limit is %d", n, need, fds)
			}
			if fx == nil {
				fx = &fanoutRoom{n: n}
				if err := fx.fill(); err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
			}
			lat := make([]time.Duration, 0, b.N)
			for range b.N {
				d, err := fx.send(b)
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, d)
			}
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(ms(percentile(lat, 50)), "p50-ms")
			b.ReportMetric(ms(percentile(lat, 99)), "p99-ms")
			b.ReportMetric(fx.heapPerConn, "heap-B/conn")
			b.ReportMetric(fx.stackPerConn, "stack-B/conn")
			b.ReportMetric(fx.goroutinesPerConn, "goroutines/conn")
			b.ReportMetric(fx.fillTime.Seconds(), "fill-s")
		})
		if fx != nil {
			if err := fx.close(); err != nil {
				b.Error(err)
			}
		}
	}
}

// fanoutWait bounds the wait for one message to reach every client.
const fanoutWait = 20 * time.Second

// fanoutRoom is a server over a fresh SQLite file with n clients in one room.
type fanoutRoom struct {
	n        int
	dir      string
	st       *store.Store
	srv      *Server
	ts       *httptest.Server
	stop     context.CancelFunc
	ran      chan struct{}
	room     int64
	clients  []*fanoutClient
	readers  sync.WaitGroup
	closing  atomic.Bool
	lost     atomic.Int64 // connections that ended while we still needed them
	lostErr  atomic.Value // the first such error
	next     int          // the next sender, round robin
	seq      int64        // the last message sent
	want     atomic.Int64 // the message the readers are counting
	left     atomic.Int64 // clients that have not received it yet
	reached  chan time.Time
	fillTime time.Duration

	heapPerConn, stackPerConn, goroutinesPerConn float64
}

type fanoutClient struct {
	conn   *websocket.Conn
	bucket *tokenBucket // mirrors the server's rate limit for this connection
	joined chan struct{}
}

// fill starts the server, registers n users through the API, connects each
// with ?room= and measures what the connections cost.
// On an error the caller still closes f.
func (f *fanoutRoom) fill() (err error) {
	f.reached = make(chan time.Time, 1)
	f.want.Store(-1)
	if f.dir, err = os.MkdirTemp("", "chat-fanout-"); err != nil {
		return err
	}
	ctx := context.Background()
	if f.st, err = store.Open(ctx, "sqlite://"+filepath.Join(f.dir, "chat.db")); err != nil {
		return err
	}
	if _, err = f.st.Migrate(ctx); err != nil {
		return err
	}
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"BCRYPT_COST": "4"}[k] // bcrypt's minimum: registering is not what we measure
	})
	if err != nil {
		return err
	}
	sctx, stop := context.WithCancel(ctx)
	f.stop, f.ran = stop, make(chan struct{})
	if f.srv, err = New(sctx, cfg, f.st, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		close(f.ran)
		return err
	}
	// All the load clients sign up from 127.0.0.1: the per-address
	// sign-up limit is not what we measure.
	f.srv.signups = ratelimit.New(f.n, time.Minute, time.Now)
	go func() { f.srv.Run(sctx); close(f.ran) }()
	f.ts = httptest.NewServer(f.srv.Handler()) // a real listener on 127.0.0.1:0

	tokens, err := f.register()
	if err != nil {
		return err
	}
	var room struct {
		ID int64 `json:"id"`
	}
	if err := f.post("/api/rooms", tokens[0], map[string]string{"name": "fanout"}, http.StatusCreated, &room); err != nil {
		return err
	}
	f.room = room.ID

	before, goroutines := memNow(), runtime.NumGoroutine()
	start := time.Now()
	base := "ws" + strings.TrimPrefix(f.ts.URL, "http") + "/ws?room=" + strconv.FormatInt(f.room, 10) + "&token="
	for i, tok := range tokens {
		c := &fanoutClient{
			bucket: newTokenBucket(0.95*f.srv.limits.ratePerSec, f.srv.limits.burst-1),
			joined: make(chan struct{}),
		}
		dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		c.conn, _, err = websocket.Dial(dctx, base+tok, nil)
		cancel()
		if err != nil {
			return fmt.Errorf("client %d of %d: dial: %w", i+1, f.n, err)
		}
		c.conn.SetReadLimit(1 << 20) // presence lists grow with the room
		f.clients = append(f.clients, c)
		f.readers.Add(1)
		go f.read(c)
		select {
		case <-c.joined:
		case <-time.After(10 * time.Second):
			return fmt.Errorf("client %d of %d: no joined frame within 10s", i+1, f.n)
		}
		if err := f.lostError(); err != nil {
			return fmt.Errorf("after %d of %d clients joined: %w", i+1, f.n, err)
		}
	}
	// Frames reach each client in order, so once this message has reached
	// everyone, so have all the join and presence frames before it.
	if _, err := f.send(nil); err != nil {
		return fmt.Errorf("filling the room: %w", err)
	}
	f.fillTime = time.Since(start)
	after := memNow()
	f.heapPerConn = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(f.n)
	f.stackPerConn = float64(int64(after.StackInuse)-int64(before.StackInuse)) / float64(f.n)
	f.goroutinesPerConn = float64(runtime.NumGoroutine()-goroutines) / float64(f.n)
	return nil
}

// register signs up n users, a few at a time, and returns their tokens.
func (f *fanoutRoom) register() ([]string, error) {
	tokens := make([]string, f.n)
	errs := make([]error, f.n)
	var wg sync.WaitGroup
	next := atomic.Int64{}
	for range max(2, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < f.n; i = int(next.Add(1) - 1) {
				var out struct {
					Token string `json:"token"`
				}
				body := map[string]string{"username": fmt.Sprintf("load%05d", i), "password": "correct-horse"}
				errs[i] = f.post("/api/auth/register", "", body, http.StatusCreated, &out)
				tokens[i] = out.Token
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("register user %d: %w", i, err)
		}
	}
	return tokens, nil
}

func (f *fanoutRoom) post(path, token string, body any, want int, out any) error {
	data, _ := json.Marshal(body)
	req, err := http.NewRequest("POST", f.ts.URL+path, bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := f.ts.Client().Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != want {
		msg, _ := io.ReadAll(res.Body)
		return fmt.Errorf("POST %s = %d %s, want %d", path, res.StatusCode, msg, want)
	}
	return json.NewDecoder(res.Body).Decode(out)
}

var (
	joinedPrefix = []byte(`{"type":"joined"`)
	msgPrefix    = []byte(`{"type":"message"`)
	textMarker   = []byte(`"text":"fanout-`)
)

// read receives c's frames until the connection ends, counting the
// arrivals of the message being measured.
func (f *fanoutRoom) read(c *fanoutClient) {
	defer f.readers.Done()
	joined := false
	for {
		_, data, err := c.conn.Read(context.Background())
		if err != nil {
			if !f.closing.Load() {
				f.lostErr.CompareAndSwap(nil, err)
				f.lost.Add(1)
			}
			return
		}
		if !joined && bytes.HasPrefix(data, joinedPrefix) {
			joined = true
			close(c.joined)
			continue
		}
		if !bytes.HasPrefix(data, msgPrefix) {
			continue
		}
		i := bytes.Index(data, textMarker)
		if i < 0 {
			continue
		}
		rest := data[i+len(textMarker):]
		end := bytes.IndexByte(rest, '"')
		if end < 0 {
			continue
		}
		seq, err := strconv.ParseInt(string(rest[:end]), 10, 64)
		if err == nil && seq == f.want.Load() && f.left.Add(-1) == 0 {
			f.reached <- time.Now()
		}
	}
}

// send sends the next message from the next client and waits for all n
// clients to receive it. With b, a wait for the rate limit is off the clock.
func (f *fanoutRoom) send(b *testing.B) (time.Duration, error) {
	c := f.clients[f.next%len(f.clients)]
	f.next++
	if !c.bucket.take(time.Now()) {
		if b != nil {
			b.StopTimer()
		}
		for !c.bucket.take(time.Now()) {
			time.Sleep(time.Duration(float64(time.Second) / f.srv.limits.ratePerSec / 4))
		}
		if b != nil {
			b.StartTimer()
		}
	}
	f.seq++
	f.left.Store(int64(len(f.clients)))
	f.want.Store(f.seq)
	frame, _ := json.Marshal(inbound{Type: "message", Room: f.room, Text: "fanout-" + strconv.FormatInt(f.seq, 10)})

	start := time.Now()
	wctx, cancel := context.WithTimeout(context.Background(), fanoutWait)
	err := c.conn.Write(wctx, websocket.MessageText, frame)
	cancel()
	if err != nil {
		return 0, fmt.Errorf("send message %d: %w", f.seq, err)
	}
	timeout := time.NewTimer(fanoutWait)
	defer timeout.Stop()
	select {
	case at := <-f.reached:
		return at.Sub(start), nil
	case <-timeout.C:
		return 0, fmt.Errorf("message %d reached %d of %d clients within %s (connections lost: %d, first: %v)",
			f.seq, int64(len(f.clients))-f.left.Load(), len(f.clients), fanoutWait, f.lost.Load(), f.lostError())
	}
}

func (f *fanoutRoom) lostError() error {
	if err, ok := f.lostErr.Load().(error); ok {
		return fmt.Errorf("%d connection(s) lost: %w", f.lost.Load(), err)
	}
	return nil
}

// close disconnects every client, waits until the server has let them all
// go (so the next size's memory figures start clean) and stops the server.
func (f *fanoutRoom) close() error {
	f.closing.Store(true)
	for _, c := range f.clients {
		c.conn.CloseNow()
	}
	f.readers.Wait()
	var err error
	if f.srv != nil && f.room != 0 {
		deadline := time.Now().Add(60 * time.Second)
		for len(f.srv.hub.Members(f.room)) > 0 {
			if time.Now().After(deadline) {
				err = fmt.Errorf("%d clients still in the room 60s after disconnecting", len(f.srv.hub.Members(f.room)))
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if f.ts != nil {
		f.ts.CloseClientConnections()
		f.ts.Close()
	}
	if f.stop != nil {
		f.stop()
		<-f.ran
	}
	if f.st != nil {
		f.st.Close()
	}
	if f.dir != "" {
		os.RemoveAll(f.dir)
	}
	return err
}

// memNow is the memory in use once garbage is collected.
func memNow() runtime.MemStats {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m
}

// raiseFileLimit lifts the soft descriptor limit to the hard one where
// allowed and returns the soft limit in force.
func raiseFileLimit() uint64 {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 1024
	}
	if lim.Cur < lim.Max {
		raised := lim
		raised.Cur = lim.Max
		if syscall.Setrlimit(syscall.RLIMIT_NOFILE, &raised) == nil {
			lim = raised
		}
	}
	return uint64(lim.Cur)
}

// percentile is the nearest-rank p-th percentile of sorted durations.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (p*len(sorted)+99)/100 - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
