package api

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestOpenAPIMatchesRoutes holds openapi.yaml and routes() to each other in
// both directions, asking the real mux which pattern serves each operation.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                          `yaml:"openapi"`
		Paths   map[string]map[string]yaml.Node `yaml:"paths"`
	}
	if err := yaml.Unmarshal(openAPI, &doc); err != nil || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi.yaml: version %q, %v", doc.OpenAPI, err)
	}
	var documented []string
	for path, item := range doc.Paths {
		for method := range item {
			if slices.Contains([]string{"get", "post", "put", "patch", "delete"}, method) {
				documented = append(documented, strings.ToUpper(method)+" "+path)
			}
		}
	}
	s := newServer(t)
	var routed []string
	for _, rt := range s.routes() {
		routed = append(routed, rt.method+" "+rt.path)
	}
	for _, op := range routed {
		if !slices.Contains(documented, op) {
			t.Errorf("route %s is not in openapi.yaml", op)
		}
	}
	sample := strings.NewReplacer("{slug}", "a-slug", "{username}", "someone", "{id}", "1")
	for _, op := range documented {
		method, path, _ := strings.Cut(op, " ")
		_, pattern := s.mux.Handler(httptest.NewRequest(method, sample.Replace(path), nil))
		if pattern != op {
			t.Errorf("openapi.yaml documents %s, but the mux serves it with %q", op, pattern)
		}
	}
}

func TestOpenAPIIsServed(t *testing.T) {
	w := send(t, newServer(t).Handler(), call{method: "GET", path: "/openapi.yaml"})
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "openapi: 3") {
		t.Fatalf("GET /openapi.yaml = %d", w.Code)
	}
}
