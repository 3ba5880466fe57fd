package api

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/templates/tasks/go/internal/config"
	"github.com/waymark-dev/waymark/templates/tasks/go/internal/store/storetest"
)

// documentedOperations returns "METHOD /path" for every operation in
// openapi.yaml.
func documentedOperations(t *testing.T) []string {
	t.Helper()
	var doc struct {
		OpenAPI string                          `yaml:"openapi"`
		Paths   map[string]map[string]yaml.Node `yaml:"paths"`
	}
	if err := yaml.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi.yaml: version %q, want 3.x", doc.OpenAPI)
	}
	var ops []string
	for path, item := range doc.Paths {
		for key := range item {
			switch key {
			case "get", "put", "post", "patch", "delete", "head", "options":
				ops = append(ops, strings.ToUpper(key)+" "+path)
			}
		}
	}
	slices.Sort(ops)
	return ops
}

// TestOpenAPIMatchesRoutes holds openapi.yaml and the route table to each
// other, in both directions, and asks the real mux which pattern serves
// each documented operation.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	s, err := New(config.Config{JWTSecret: testSecret, AccessTokenTTL: 1, RefreshTokenTTL: 1, BcryptCost: 4},
		storetest.Open(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	var routed []string
	for _, rt := range s.routes() {
		routed = append(routed, rt.method+" "+rt.path)
	}
	slices.Sort(routed)
	documented := documentedOperations(t)

	for _, op := range routed {
		if !slices.Contains(documented, op) {
			t.Errorf("route %s is not documented in openapi.yaml", op)
		}
	}
	for _, op := range documented {
		method, path, _ := strings.Cut(op, " ")
		// Fill path parameters with a sample value, then let the mux say
		// which of its patterns would serve the request.
		concrete := strings.NewReplacer("{id}", "1").Replace(path)
		_, pattern := s.mux.Handler(httptest.NewRequest(method, concrete, nil))
		if pattern != op {
			t.Errorf("openapi.yaml documents %s, but the mux serves %s %s with %q", op, method, concrete, pattern)
		}
	}
}

func TestOpenAPIIsServed(t *testing.T) {
	w := do(t, newTestServer(t), request{method: "GET", path: "/openapi.yaml"})
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "openapi: 3") {
		t.Fatalf("GET /openapi.yaml = %d %.60q", w.Code, w.Body)
	}
}
