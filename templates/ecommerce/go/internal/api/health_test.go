package api

import (
	"net/http"
	"testing"
)

func TestHealth(t *testing.T) {
	a := newApp(t)
	if got := want(t, a.do(t, call{method: "GET", path: "/healthz"}), http.StatusOK); got["status"] != "ok" {
		t.Fatalf("body = %v", got)
	}
}

func TestUnknownRouteAndMethod(t *testing.T) {
	a := newApp(t)
	want(t, a.do(t, call{method: "GET", path: "/nope"}), http.StatusNotFound)
	w := a.do(t, call{method: "DELETE", path: "/healthz"})
	want(t, w, http.StatusMethodNotAllowed)
	if w.Header().Get("Allow") == "" {
		t.Fatal("405 without Allow")
	}
}

// Every route answers something other than a crash, implemented or not: a
// stripped milestone answers 501 naming itself.
func TestEveryRouteAnswers(t *testing.T) {
	a := newApp(t)
	for _, rt := range a.s.routes() {
		w := a.do(t, call{method: rt.method, path: concrete(rt.path), body: "{}"})
		if w.Code >= 500 && w.Code != http.StatusNotImplemented {
			t.Errorf("%s %s = %d: %s", rt.method, rt.path, w.Code, w.Body)
		}
	}
}
