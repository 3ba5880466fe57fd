package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/config"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/store"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/store/storetest"
)

// newTestServer serves a fresh server over a fresh database. env adds
// configuration (REDIS_URL, say).
func newTestServer(t *testing.T, env map[string]string) (*Server, *httptest.Server) {
	t.Helper()
	return serveStore(t, storetest.Open(t), env)
}

// serveStore serves a new server over st, which another may share.
func serveStore(t *testing.T, st *store.Store, env map[string]string) (*Server, *httptest.Server) {
	t.Helper()
	all := map[string]string{"BCRYPT_COST": "4"} // the minimum: fast tests
	for k, v := range env {
		all[k] = v
	}
	cfg, err := config.Load(func(k string) string { return all[k] })
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := New(ctx, cfg, st, log)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { srv.Run(ctx); close(done) }()
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.CloseClientConnections(); ts.Close(); cancel(); <-done })
	return srv, ts
}

// call sends a JSON request (token may be empty) and decodes the answer.
func call(t *testing.T, ts *httptest.Server, method, path, token string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, ts.URL+path, rd)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}
