package api

import (
	"net/http"
	"net/url"
	"testing"
)

// PostgreSQL refuses text with a NUL byte (SQLSTATE 22021), SQLite stores
// it: on neither may one reach the database. Every string a client sends
// — body field, query parameter, path — is refused before, with 422 (or
// 400 for a path) and never 500. Run with TEST_DATABASE_URL to prove it on
// PostgreSQL.
func TestNULBytesAreRefused(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "nul")
	task := createTask(t, h, a, map[string]any{"title": "clean"})
	tests := []struct {
		name   string
		req    request
		status int
		field  string // the field a 422 must name
	}{
		{"register email", request{method: "POST", path: "/api/auth/register",
			body: map[string]string{"email": "nul\x00@example.com", "password": "long enough"}}, 422, "email"},
		{"register password", request{method: "POST", path: "/api/auth/register",
			body: map[string]string{"email": uniqueEmail("nul"), "password": "long\x00enough"}}, 422, "password"},
		{"login email", request{method: "POST", path: "/api/auth/login",
			body: map[string]string{"email": a.email + "\x00", "password": a.password}}, 422, "email"},
		{"refresh token", request{method: "POST", path: "/api/auth/refresh",
			body: map[string]string{"refresh_token": "x\x00"}}, 422, "refresh_token"},
		{"task title", request{method: "POST", path: "/api/tasks", token: a.access,
			body: map[string]any{"title": "a\x00b"}}, 422, "title"},
		{"task description", request{method: "POST", path: "/api/tasks", token: a.access,
			body: map[string]any{"title": "ok", "description": "\x00"}}, 422, "description"},
		{"task label", request{method: "POST", path: "/api/tasks", token: a.access,
			body: map[string]any{"title": "ok", "labels": []string{"fine", "bad\x00"}}}, 422, "labels"},
		{"a key of the body", request{method: "POST", path: "/api/tasks", token: a.access,
			body: map[string]any{"title": "ok", "x\x00": "y"}}, 422, "body"},
		{"patched title", request{method: "PATCH", path: taskPath(task), token: a.access,
			body: map[string]any{"title": "\x00"}}, 422, "title"},
		{"query q", request{method: "GET", path: "/api/tasks?q=%00", token: a.access}, 422, "q"},
		{"query label", request{method: "GET", path: "/api/tasks?label=work%00", token: a.access}, 422, "label"},
		{"query status", request{method: "GET", path: "/api/tasks?status=todo%00", token: a.access}, 422, "status"},
		{"query not UTF-8", request{method: "GET", path: "/api/tasks?label=%ff", token: a.access}, 422, "label"},
		{"path", request{method: "GET", path: "/api/tasks/1%00", token: a.access}, 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := expect(t, do(t, h, tt.req), tt.status)
			if tt.field != "" {
				fieldError(t, body, tt.field)
			}
		})
	}
	// Nothing was stored on the way.
	list := expect(t, do(t, h, request{method: "GET", path: "/api/tasks", token: a.access}), http.StatusOK)
	if list["total"] != 1.0 {
		t.Errorf("total = %v, want only the clean task", list["total"])
	}
}

// FuzzNoServerErrors sends whatever strings the fuzzer makes up as a task
// title, a search and a page number: the answer may refuse them, but is
// never a 500. `go test` runs the seeds; `go test -fuzz FuzzNoServerErrors
// -fuzztime 2000x ./internal/api` looks further.
func FuzzNoServerErrors(f *testing.F) {
	h := newTestServer(f)
	a := registerUser(f, h, "fuzz")
	for _, seed := range []struct{ title, q, page string }{
		{"plain", "plain", "1"},
		{"a\x00b", "\x00", "9223372036854775807"},
		{"\xff\xfe", "\xff", "-1"},
		{"%_\\", "%_\\", "99999999999999999999"},
		{"\u2028", "' OR 1=1 --", "1e3"},
	} {
		f.Add(seed.title, seed.q, seed.page)
	}
	f.Fuzz(func(t *testing.T, title, q, page string) {
		created := do(t, h, request{method: "POST", path: "/api/tasks", token: a.access,
			body: map[string]any{"title": title}})
		query := url.Values{"q": {q}, "page": {page}}
		listed := do(t, h, request{method: "GET", path: "/api/tasks?" + query.Encode(), token: a.access})
		for name, code := range map[string]int{"create": created.Code, "list": listed.Code} {
			if code >= 500 {
				t.Errorf("%s answered %d for title %q, q %q, page %q", name, code, title, q, page)
			}
		}
	})
}
