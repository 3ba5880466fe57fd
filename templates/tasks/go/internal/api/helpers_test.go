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

	"github.com/waymark-dev/waymark/templates/tasks/go/internal/config"
	"github.com/waymark-dev/waymark/templates/tasks/go/internal/store/storetest"
)

// testSecret signs the test server's access tokens.
const testSecret = "test-secret"

// newTestServer returns the application's handler over a fresh database
// (see storetest.Open). bcrypt runs at its lowest cost to keep tests fast.
func newTestServer(t testing.TB) http.Handler {
	t.Helper()
	return newTestServerWith(t, func(*config.Config) {})
}

// newTestServerWith is newTestServer with the configuration changed by edit.
func newTestServerWith(t testing.TB, edit func(*config.Config), opts ...Option) http.Handler {
	t.Helper()
	cfg := config.Config{
		JWTSecret:       testSecret,
		AccessTokenTTL:  15 * time.Minute,
		RefreshTokenTTL: time.Hour,
		BcryptCost:      4,
	}
	edit(&cfg)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := New(cfg, storetest.Open(t), log, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s.Handler()
}

// newTestServerAt is newTestServer on a clock the test moves.
func newTestServerAt(t testing.TB, c *testClock) http.Handler {
	t.Helper()
	return newTestServerWith(t, func(*config.Config) {}, WithClock(c.Now))
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

// request describes one call in a test.
type request struct {
	method, path string
	body         any    // encoded as JSON unless it is a string, sent as is
	token        string // sent as a Bearer token when not empty
	remote       string // the client's address (host:port); httptest's default when empty
	header       http.Header
}

// do sends req through h and returns the recorded response.
func do(t testing.TB, h http.Handler, req request) *httptest.ResponseRecorder {
	t.Helper()
	var body io.Reader
	switch b := req.body.(type) {
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
	r := httptest.NewRequest(req.method, req.path, body)
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	if req.token != "" {
		r.Header.Set("Authorization", "Bearer "+req.token)
	}
	if req.remote != "" {
		r.RemoteAddr = req.remote
	}
	for k, v := range req.header {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// expect checks the status of w and decodes its JSON body into a map
// (nil for an empty body).
func expect(t testing.TB, w *httptest.ResponseRecorder, status int) map[string]any {
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
