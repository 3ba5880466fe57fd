package api

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/config"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store/storetest"
)

// testConfig is a configuration for tests: fast bcrypt, fixed secrets.
func testConfig() config.Config {
	return config.Config{
		JWTSecret:     "test-jwt-secret",
		WebhookSecret: "test-webhook-secret",
		TokenTTL:      time.Hour,
		Currency:      "EUR",
		BcryptCost:    4,
	}
}

// app is a server over a fresh database (see storetest.Open).
type app struct {
	h  http.Handler
	st *store.Store
	s  *Server
}

func newApp(t testing.TB) app {
	t.Helper()
	return newAppWith(t, testConfig())
}

// newAppWith is newApp with another configuration, and options.
func newAppWith(t testing.TB, cfg config.Config, opts ...Option) app {
	t.Helper()
	st := storetest.Open(t)
	s, err := New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return app{h: s.Handler(), st: st, s: s}
}

// testClock stands still until the test moves it, so that a test can wait
// out a token's lifetime or a rate limit's period without sleeping.
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

// call is one request in a test.
type call struct {
	method, path string
	body         any // JSON-encoded, or sent as is when a string
	token        string
	header       map[string]string
	remote       string // the client's address and port; httptest's default when empty
}

func (a app) do(t testing.TB, c call) *httptest.ResponseRecorder {
	t.Helper()
	var body io.Reader
	switch b := c.body.(type) {
	case nil:
	case string:
		body = bytes.NewBufferString(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		body = bytes.NewReader(data)
	}
	r := httptest.NewRequest(c.method, c.path, body)
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		r.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range c.header {
		r.Header.Set(k, v)
	}
	if c.remote != "" {
		r.RemoteAddr = c.remote
	}
	w := httptest.NewRecorder()
	a.h.ServeHTTP(w, r)
	return w
}

// want checks w's status and decodes its JSON object body.
func want(t testing.TB, w *httptest.ResponseRecorder, status int) map[string]any {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status = %d, want %d; body: %s", w.Code, status, w.Body)
	}
	if w.Body.Len() == 0 {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		t.Fatalf("body is not a JSON object: %v: %s", err, w.Body)
	}
	return m
}
