package api

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/templates/blog/go/internal/config"
	"github.com/waymark-dev/waymark/templates/blog/go/internal/store/storetest"
)

// testConfig is the configuration of every test server: a fixed secret, the
// cheapest bcrypt cost, and a first admin.
var testConfig = config.Config{
	JWTSecret:     "test-secret",
	TokenTTL:      time.Hour,
	SessionTTL:    time.Hour,
	BcryptCost:    4,
	AdminEmail:    "admin@blog.test",
	AdminPassword: "admin-password",
	AdminUsername: "admin",
}

// newServer returns a Server over a fresh database (storetest.Open).
func newServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := New(testConfig, storetest.Open(t), slog.New(slog.NewTextHandler(io.Discard, nil)), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s
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
	body         any    // JSON-encoded unless a string
	token        string // sent as "Authorization: Token <token>"
	header       http.Header
	remote       string // the client's address ("ip:port"); httptest's 192.0.2.1:1234 when empty
}

// send runs c through h and returns the recorded answer.
func send(t testing.TB, h http.Handler, c call) *httptest.ResponseRecorder {
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
	if _, isString := c.body.(string); body != nil && !isString {
		r.Header.Set("Content-Type", "application/json")
	}
	for k, v := range c.header {
		r.Header[k] = v
	}
	if c.token != "" {
		r.Header.Set("Authorization", "Token "+c.token)
	}
	if c.remote != "" {
		r.RemoteAddr = c.remote
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// want fails the test unless w has status, and decodes its JSON body.
func want(t testing.TB, w *httptest.ResponseRecorder, status int) map[string]any {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d; body: %s", w.Code, status, w.Body)
	}
	var m map[string]any
	if w.Body.Len() > 0 && json.Unmarshal(w.Body.Bytes(), &m) != nil {
		t.Fatalf("body is not a JSON object: %s", w.Body)
	}
	return m
}

// obj returns m[key] as an object.
func obj(m map[string]any, key string) map[string]any {
	v, _ := m[key].(map[string]any)
	return v
}

// errorAbout reports whether an error body in the GenericErrorModel shape
// ({"errors":{"body":[...]}}) has a message about field ("field …").
func errorAbout(body map[string]any, field string) bool {
	list, _ := obj(body, "errors")["body"].([]any)
	for _, m := range list {
		if s, ok := m.(string); ok && strings.HasPrefix(s, field+" ") {
			return true
		}
	}
	return false
}
