package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testEnv is the environment of a server booted by a test: a free port on
// the loopback, a fresh SQLite database in dir, JSON logs to read the
// address from.
func testEnv(dir string) map[string]string {
	return map[string]string{
		"HOST":           "127.0.0.1",
		"PORT":           "0",
		"DATABASE_URL":   "sqlite://" + filepath.Join(dir, "server.db"),
		"LOG_FORMAT":     "json",
		"BCRYPT_COST":    "4",
		"JWT_SECRET":     "test-secret-of-at-least-32-bytes!",
		"WEBHOOK_SECRET": "test-webhook-secret-of-32-bytes!",
	}
}

// logLines is a server's stdout for a test: each JSON line it logs,
// decoded, on a channel. Lines beyond its buffer are dropped rather than
// blocking the server.
type logLines chan map[string]any

func (l logLines) Write(p []byte) (int, error) {
	for line := range strings.SplitSeq(strings.TrimSpace(string(p)), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) != nil {
			m = map[string]any{"msg": line}
		}
		select {
		case l <- m:
		default:
		}
	}
	return len(p), nil
}

// TestRunServesAndStops boots the whole server in-process, as main does,
// asks its health path, and stops it the way SIGTERM does: by cancelling
// run's context.
func TestRunServesAndStops(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // where run looks for .env
	env := testEnv(dir)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := make(logLines, 256)
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, func(k string) string { return env[k] }, logs, io.Discard) }()

	addr := waitFor(t, logs, done, "listening")["addr"].(string)
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Fatalf("listening on %s, want the loopback", addr)
	}
	client := &http.Client{Timeout: 5 * time.Second}
	res, err := client.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	err = json.NewDecoder(res.Body).Decode(&body)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusOK || body["status"] != "ok" {
		t.Fatalf("GET /healthz = %d %v (%v), want 200 with status ok", res.StatusCode, body, err)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run after cancel: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run still serving 15s after its context was cancelled")
	}
	waitFor(t, logs, nil, "stopped")
	if _, err := client.Get("http://" + addr + "/healthz"); err == nil {
		t.Error("the server still answers after run returned")
	}
}

// waitFor returns the first log line with message msg, failing the test
// if run returns first (done) or 30 seconds pass.
func waitFor(t *testing.T, logs logLines, done <-chan error, msg string) map[string]any {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case line := <-logs:
			if line["msg"] == msg {
				return line
			}
		case err := <-done:
			t.Fatalf("run returned before logging %q: %v", msg, err)
		case <-timeout:
			t.Fatalf("no %q in the log within 30s", msg)
		}
	}
}

// Every bad variable is named in the one error run returns, before
// anything is opened or served.
func TestRunReportsEveryBadVariable(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	env := testEnv(dir)
	env["PORT"], env["LOG_FORMAT"], env["SHUTDOWN_TIMEOUT"] = "70000", "xml", "soon"
	err := run(context.Background(), nil, func(k string) string { return env[k] }, io.Discard, io.Discard)
	if err == nil {
		t.Fatal("run accepted a bad configuration")
	}
	for _, name := range []string{"PORT", "LOG_FORMAT", "SHUTDOWN_TIMEOUT"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("the error does not name %s: %v", name, err)
		}
	}
}

func TestRunArguments(t *testing.T) {
	getenv := func(string) string { return "" }
	var usage strings.Builder
	if err := run(context.Background(), []string{"-h"}, getenv, io.Discard, &usage); err != nil || !strings.Contains(usage.String(), "usage") {
		t.Errorf("-h: %v, %q; want the usage and no error", err, usage.String())
	}
	if err := run(context.Background(), []string{"-no-such-flag"}, getenv, io.Discard, io.Discard); err == nil {
		t.Errorf("an unknown flag: %v, want an error", err)
	}
	if err := run(context.Background(), []string{"serve"}, getenv, io.Discard, io.Discard); err == nil {
		t.Error("an unexpected argument was accepted")
	}
}
