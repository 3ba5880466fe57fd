package api

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestHealth(t *testing.T) {
	_, ts := newTestServer(t, nil)
	status, body := call(t, ts, "GET", "/healthz", "", nil)
	if status != 200 || body["status"] != "ok" || body["pubsub"] != "local" {
		t.Fatalf("GET /healthz = %d %v", status, body)
	}
}

func TestUnknownRouteIs404JSON(t *testing.T) {
	_, ts := newTestServer(t, nil)
	if status, body := call(t, ts, "GET", "/nope", "", nil); status != 404 || body["error"] == nil {
		t.Fatalf("GET /nope = %d %v", status, body)
	}
}

func TestWebClientIsServed(t *testing.T) {
	_, ts := newTestServer(t, nil)
	for path, want := range map[string]string{"/": "<title>Chat</title>", "/app.js": "textContent", "/style.css": "#messages"} {
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("GET %s = %d, want a body with %q", path, res.StatusCode, want)
		}
		if res.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: no Content-Security-Policy", path)
		}
	}
}

// The client must never put received text into the page as HTML.
func TestWebClientNeverUsesInnerHTML(t *testing.T) {
	b, err := web.ReadFile("web/app.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"} {
		if strings.Contains(string(b), bad) {
			t.Errorf("app.js uses %s", bad)
		}
	}
}
