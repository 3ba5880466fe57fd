package api

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHealthz(t *testing.T) {
	h := newTestServer(t)
	w := do(t, h, request{method: "GET", path: "/healthz"})
	body := expect(t, w, http.StatusOK)
	if body["status"] != "ok" {
		t.Errorf("body = %v, want status ok", body)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
}

func TestUnknownRoutesAnswerJSON(t *testing.T) {
	h := newTestServer(t)
	tests := []struct {
		name   string
		req    request
		status int
	}{
		{"unknown path", request{method: "GET", path: "/nope"}, http.StatusNotFound},
		{"unknown method on a known path", request{method: "DELETE", path: "/healthz"}, http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := expect(t, do(t, h, tt.req), tt.status)
			if _, ok := body["error"].(string); !ok {
				t.Errorf("body = %v, want an error message", body)
			}
		})
	}
}

func TestPanicsBecomeBare500s(t *testing.T) {
	s := &Server{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	h := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("secret internal detail")
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	body := expect(t, w, http.StatusInternalServerError)
	if strings.Contains(w.Body.String(), "secret") || strings.Contains(w.Body.String(), "goroutine") {
		t.Errorf("the 500 leaks internals: %v", body)
	}
}
