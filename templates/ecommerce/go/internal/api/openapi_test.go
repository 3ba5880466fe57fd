package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// concrete fills a route pattern's parameters with a sample id.
func concrete(pattern string) string {
	return strings.NewReplacer("{id}", "1", "{product_id}", "1").Replace(pattern)
}

// TestOpenAPIMatchesRoutes holds openapi.json and the route table to each
// other both ways, and asks the real mux which pattern serves each
// documented operation.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi.json: version %q, want 3.x", doc.OpenAPI)
	}
	var documented []string
	for path, item := range doc.Paths {
		for method := range item {
			switch method {
			case "get", "put", "post", "patch", "delete":
				documented = append(documented, strings.ToUpper(method)+" "+path)
			}
		}
	}
	a := newApp(t)
	var routed []string
	for _, rt := range a.s.routes() {
		routed = append(routed, rt.method+" "+rt.path)
	}
	for _, op := range routed {
		if !slices.Contains(documented, op) {
			t.Errorf("route %s is missing from openapi.json", op)
		}
	}
	for _, op := range documented {
		method, path, _ := strings.Cut(op, " ")
		if _, pattern := a.s.mux.Handler(httptest.NewRequest(method, concrete(path), nil)); pattern != op {
			t.Errorf("openapi.json documents %s, but the mux serves it with %q", op, pattern)
		}
	}
}

func TestOpenAPIIsServed(t *testing.T) {
	a := newApp(t)
	w := a.do(t, call{method: "GET", path: "/openapi.json"})
	if got := want(t, w, http.StatusOK); got["openapi"] == nil {
		t.Fatalf("no openapi key: %.80s", w.Body)
	}
}
