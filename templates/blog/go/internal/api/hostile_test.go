package api

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// hostileTarget is a server with an admin, an author, an article and a
// comment, for tests that aim odd input at every endpoint.
type hostileTarget struct {
	h                   http.Handler
	admin, ann, slug, c string
}

func newHostileTarget(t testing.TB) hostileTarget {
	t.Helper()
	s, admin := withAdmin(t)
	h := s.Handler()
	ann := register(t, h, "ann")
	slug := publish(t, h, ann, "Target", "go")
	c := obj(want(t, send(t, h, call{method: "POST", path: "/api/articles/" + slug + "/comments", token: ann,
		body: `{"comment":{"body":"hi"}}`}), http.StatusOK), "comment")
	return hostileTarget{h: h, admin: admin, ann: ann, slug: slug, c: fmt.Sprint(c["id"])}
}

// PostgreSQL refuses NUL in text (and invalid UTF-8) with SQLSTATE 22021;
// such input is the client's mistake, so it must be a 422, never a 500, on
// both databases.
func TestNULAndInvalidUTF8Are422(t *testing.T) {
	x := newHostileTarget(t)
	const nul = `\u0000`
	article := "/api/articles/" + x.slug
	cases := []call{
		{method: "POST", path: "/api/users", body: `{"user":{"username":"nul","email":"n` + nul + `@example.com","password":"correct-horse"}}`},
		{method: "POST", path: "/api/users", body: `{"user":{"username":"nul","email":"nul@example.com","password":"correct` + nul + `horse"}}`},
		{method: "POST", path: "/api/users/login", body: `{"user":{"email":"ann` + nul + `@example.com","password":"correct-horse"}}`},
		{method: "POST", path: "/api/users/login", body: `{"user":{"email":"ann@example.com","password":"` + nul + `"}}`},
		{method: "PUT", path: "/api/user", token: x.ann, body: `{"user":{"bio":"a` + nul + `b"}}`},
		{method: "PUT", path: "/api/user", token: x.ann, body: `{"user":{"email":"ann` + nul + `@example.com"}}`},
		{method: "PUT", path: "/api/user", token: x.ann, body: `{"user":{"image":"https://example.com/` + nul + `"}}`},
		{method: "POST", path: "/api/articles", token: x.ann, body: `{"article":{"title":"t` + nul + `","description":"d","body":"b"}}`},
		{method: "POST", path: "/api/articles", token: x.ann, body: `{"article":{"title":"t","description":"d` + nul + `","body":"b"}}`},
		{method: "POST", path: "/api/articles", token: x.ann, body: `{"article":{"title":"t","description":"d","body":"` + nul + `"}}`},
		{method: "POST", path: "/api/articles", token: x.ann, body: `{"article":{"title":"t","description":"d","body":"b","tagList":["a` + nul + `"]}}`},
		{method: "PUT", path: article, token: x.ann, body: `{"article":{"body":"` + nul + `"}}`},
		{method: "POST", path: article + "/comments", token: x.ann, body: `{"comment":{"body":"` + nul + `"}}`},
		{method: "PUT", path: "/api/admin/users/ann/role", token: x.admin, body: `{"role":"admin` + nul + `"}`},
		{method: "GET", path: "/api/articles?tag=go%00"},
		{method: "GET", path: "/api/articles?author=ann%00"},
		{method: "GET", path: "/api/articles?favorited=%00"},
		{method: "GET", path: "/api/articles?limit=1%00"},
		{method: "GET", path: "/api/articles?tag=%ff"},
		{method: "GET", path: "/api/articles/a%00b"},
		{method: "GET", path: "/api/articles/%ff%fe"},
		{method: "PUT", path: "/api/articles/a%00b", token: x.ann, body: `{"article":{"body":"b"}}`},
		{method: "POST", path: "/api/articles/a%00b/favorite", token: x.ann},
		{method: "GET", path: "/api/articles/a%00b/comments"},
		{method: "DELETE", path: article + "/comments/" + x.c + "%00", token: x.ann},
		{method: "GET", path: "/api/profiles/ann%00"},
		{method: "POST", path: "/api/profiles/%c3%28/follow", token: x.ann},
		{method: "PUT", path: "/api/admin/users/ann%00/role", token: x.admin, body: `{"role":"editor"}`},
		{method: "POST", path: "/admin/login", body: "email=admin%00%40blog.test&password=admin-password&csrf_token=x",
			header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}},
		{method: "POST", path: "/admin/users/ann%00/role", body: "role=admin",
			header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			w := send(t, x.h, c)
			if w.Code != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422; body: %s", w.Code, w.Body)
			}
			if !strings.Contains(w.Body.String(), `"errors"`) {
				t.Errorf("body %s is not the RealWorld error shape", w.Body)
			}
		})
	}
	// The refused input changed nothing.
	me := obj(want(t, send(t, x.h, call{method: "GET", path: "/api/user", token: x.ann}), http.StatusOK), "user")
	if me["bio"] != "" || me["email"] != "ann@example.com" {
		t.Errorf("user after refused updates = %v", me)
	}
}

func TestPagingIsBounded(t *testing.T) {
	x := newHostileTarget(t)
	for _, q := range []string{
		"limit=0", "limit=101", "limit=-1", "limit=abc", "limit=9223372036854775807", "limit=99999999999999999999",
		"offset=-1", "offset=1000001", "offset=9223372036854775807", "offset=99999999999999999999", "offset=1e3",
	} {
		for _, path := range []string{"/api/articles?", "/api/articles/feed?"} {
			w := send(t, x.h, call{method: "GET", path: path + q, token: x.ann})
			if w.Code != http.StatusUnprocessableEntity {
				t.Errorf("%s%s = %d, want 422; body: %s", path, q, w.Code, w.Body)
			}
		}
	}
	for _, q := range []string{"limit=1&offset=1000000", "limit=100", "offset=0"} {
		want(t, send(t, x.h, call{method: "GET", path: "/api/articles?" + q}), http.StatusOK)
	}
}

// FuzzTextNeverFails500 sends one arbitrary string as every kind of text
// the API takes: JSON fields, query values and path segments. Whatever it
// is, the answer is the client's (under 500). `go test` runs the seeds on
// the database storetest.Open picks; `go test -fuzz FuzzTextNeverFails500`
// explores further.
func FuzzTextNeverFails500(f *testing.F) {
	for _, seed := range []string{"", "a", "\x00", "a\x00b", "\xff", "\xc3\x28", "\xed\xa0\x80", "%00", "%ff", "\\u0000",
		"' OR 1=1 --", "../../etc/passwd", "javascript:alert(1)", "😀", strings.Repeat("x", 600), "9223372036854775807"} {
		f.Add(seed)
	}
	x := newHostileTarget(f)
	f.Fuzz(func(t *testing.T, s string) {
		// A client address of its own per input, so that the sign-up and
		// login budgets never turn a fuzzed answer into a 429.
		sum := fnv.New32a()
		sum.Write([]byte(s))
		n := sum.Sum32()
		remote := fmt.Sprintf("10.%d.%d.%d:1000", n>>16&0xff, n>>8&0xff, n&0xff)
		text := func(key string) map[string]string { return map[string]string{key: s} }
		calls := []call{
			{method: "POST", path: "/api/users", body: map[string]any{"user": map[string]string{"username": s, "email": s + "@example.com", "password": s}}},
			{method: "POST", path: "/api/users/login", body: map[string]any{"user": map[string]string{"email": s, "password": s}}},
			{method: "PUT", path: "/api/user", token: x.ann, body: map[string]any{"user": text("bio")}},
			{method: "PUT", path: "/api/user", token: x.ann, body: map[string]any{"user": text("image")}},
			{method: "POST", path: "/api/articles", token: x.ann, body: map[string]any{"article": map[string]any{"title": s, "description": s, "body": s, "tagList": []string{s}}}},
			{method: "POST", path: "/api/articles/" + x.slug + "/comments", token: x.ann, body: map[string]any{"comment": text("body")}},
			{method: "PUT", path: "/api/admin/users/ann/role", token: x.admin, body: text("role")},
			{method: "GET", path: "/api/articles?tag=" + url.QueryEscape(s) + "&author=" + url.QueryEscape(s) + "&favorited=" + url.QueryEscape(s)},
			{method: "GET", path: "/api/articles?limit=" + url.QueryEscape(s) + "&offset=" + url.QueryEscape(s)},
			{method: "GET", path: "/api/articles/" + url.PathEscape(s)},
			{method: "GET", path: "/api/articles/" + url.PathEscape(s) + "/comments"},
			{method: "GET", path: "/api/profiles/" + url.PathEscape(s)},
			{method: "DELETE", path: "/api/articles/" + x.slug + "/comments/" + url.PathEscape(s), token: x.ann},
		}
		for _, c := range calls {
			c.remote = remote
			if w := send(t, x.h, c); w.Code >= 500 {
				t.Fatalf("%s %s answered %d: %s", c.method, c.path, w.Code, w.Body)
			}
		}
	})
}
