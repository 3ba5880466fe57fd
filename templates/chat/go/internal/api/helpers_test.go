package api

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/config"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/store"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/store/storetest"
)

// newTestServer serves a fresh server over a fresh database. env adds
// configuration (REDIS_URL, say).
func newTestServer(t *testing.T, env map[string]string) (*Server, *httptest.Server) {
	t.Helper()
	return serveStore(t, storetest.Open(t), env)
}

// newTestServerSQL is newTestServer with a plain connection to its
// database, for changing rows behind the server's back.
func newTestServerSQL(t *testing.T, env map[string]string) (*Server, *httptest.Server, *sql.DB) {
	t.Helper()
	st, db := storetest.OpenWithSQL(t)
	srv, ts := serveStore(t, st, env)
	return srv, ts, db
}

// mustExec runs a statement on db or fails the test.
func mustExec(t *testing.T, db *sql.DB, query string) {
	t.Helper()
	if _, err := db.Exec(query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// serveStore serves a new server over st, which another may share.
func serveStore(t *testing.T, st *store.Store, env map[string]string) (*Server, *httptest.Server) {
	t.Helper()
	return serveStoreWith(t, st, env, nil)
}

// newTestServerAt is newTestServer on a clock the test moves.
func newTestServerAt(t *testing.T, env map[string]string, c *testClock) (*Server, *httptest.Server) {
	t.Helper()
	return serveStoreWith(t, storetest.Open(t), env, nil, WithClock(c.Now))
}

// testClock stands still until the test moves it, so that a test can wait
// out a session's lifetime or a rate limit's period without sleeping.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock {
	return &testClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
}

// Now is the clock's time.
func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// serveStoreWith is serveStore with options; setup, if not nil, changes the
// server before it runs.
func serveStoreWith(t *testing.T, st *store.Store, env map[string]string, setup func(*Server), opts ...Option) (*Server, *httptest.Server) {
	t.Helper()
	all := map[string]string{"BCRYPT_COST": "4"} // the minimum: fast tests
	for k, v := range env {
		all[k] = v
	}
	cfg, err := config.Load(func(k string) string { return all[k] })
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := New(ctx, cfg, st, log, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if setup != nil {
		setup(srv)
	}
	done := make(chan struct{})
	go func() { srv.Run(ctx); close(done) }()
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.CloseClientConnections(); ts.Close(); cancel(); <-done })
	return srv, ts
}

// call sends a JSON request (token may be empty) and decodes the answer.
func call(t *testing.T, ts *httptest.Server, method, path, token string, body any) (int, map[string]any) {
	t.Helper()
	status, out, _ := callWith(t, ts, method, path, token, body, nil)
	return status, out
}

// callWith is call with extra request headers; it also returns the
// response's headers.
func callWith(t *testing.T, ts *httptest.Server, method, path, token string, body any, header http.Header) (int, map[string]any, http.Header) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, ts.URL+path, rd)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out, res.Header
}
