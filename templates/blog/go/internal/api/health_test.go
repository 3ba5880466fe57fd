package api

import (
	"net/http"
	"strings"
	"testing"
)

func TestHealthz(t *testing.T) {
	w := send(t, newServer(t).Handler(), call{method: "GET", path: "/healthz"})
	if body := want(t, w, http.StatusOK); body["status"] != "ok" {
		t.Errorf("body = %v", body)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
}

func TestUnknownRoutes(t *testing.T) {
	h := newServer(t).Handler()
	want(t, send(t, h, call{method: "GET", path: "/nope"}), http.StatusNotFound)
	want(t, send(t, h, call{method: "DELETE", path: "/healthz"}), http.StatusMethodNotAllowed)
}

func TestPanicsAreBare500s(t *testing.T) {
	s := newServer(t)
	h := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("secret detail") }))
	w := send(t, h, call{method: "GET", path: "/"})
	want(t, w, http.StatusInternalServerError)
	if strings.Contains(w.Body.String(), "secret") {
		t.Errorf("the 500 leaks the panic: %s", w.Body)
	}
}

func TestEveryAnswerHasSecurityHeaders(t *testing.T) {
	w := send(t, newServer(t).Handler(), call{method: "GET", path: "/healthz"})
	if w.Header().Get("X-Content-Type-Options") != "nosniff" || w.Header().Get("X-Frame-Options") != "DENY" {
		t.Errorf("headers = %v", w.Header())
	}
}
