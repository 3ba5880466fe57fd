package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// browser keeps the dashboard's cookies and CSRF token between calls.
type browser struct {
	t       *testing.T
	h       http.Handler
	cookies map[string]string
	csrf    string
	remote  string // the client's address, as in call
}

func newBrowser(t *testing.T, h http.Handler) *browser {
	return &browser{t: t, h: h, cookies: map[string]string{}}
}

func (b *browser) do(method, path string, form url.Values) *http.Response {
	b.t.Helper()
	c := call{method: method, path: path, header: http.Header{}, remote: b.remote}
	if form != nil {
		c.body = form.Encode()
		c.header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	var jar []string
	for k, v := range b.cookies {
		jar = append(jar, k+"="+v)
	}
	c.header.Set("Cookie", strings.Join(jar, "; "))
	w := send(b.t, b.h, c)
	res := w.Result()
	for _, ck := range res.Cookies() {
		b.cookies[ck.Name] = ck.Value
	}
	if tok := res.Header.Get("X-CSRF-Token"); tok != "" {
		b.csrf = tok
	}
	return res
}

// login signs in through the form and returns the answer to the POST.
func (b *browser) login(email, password string) *http.Response {
	b.t.Helper()
	b.do("GET", "/admin/login", nil)
	return b.do("POST", "/admin/login", url.Values{"csrf_token": {b.csrf}, "email": {email}, "password": {password}})
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// A dashboard session ends SessionTTL after the login, used or not.
func TestDashboardSessionsExpire(t *testing.T) {
	clock := newTestClock()
	s := newServer(t, WithClock(clock.Now))
	if err := s.EnsureAdmin(context.Background(), testConfig); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, s.Handler())
	if res := b.login("admin@blog.test", "admin-password"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login = %d", res.StatusCode)
	}
	clock.Advance(testConfig.SessionTTL - time.Second)
	if res := b.do("GET", "/admin", nil); res.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin a second before the session ends = %d", res.StatusCode)
	}
	clock.Advance(2 * time.Second)
	if res := b.do("GET", "/admin", nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/login" {
		t.Fatalf("GET /admin after the session ended = %d %s, want a redirect to the login", res.StatusCode, res.Header.Get("Location"))
	}
}

func TestDashboardLogin(t *testing.T) {
	s, _ := withAdmin(t)
	h := s.Handler()
	register(t, h, "ann")

	b := newBrowser(t, h)
	if res := b.do("GET", "/admin", nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/login" {
		t.Fatalf("GET /admin without a session = %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	b.do("GET", "/admin/login", nil)
	if res := b.do("POST", "/admin/login", url.Values{"email": {"admin@blog.test"}, "password": {"admin-password"}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("login without CSRF = %d", res.StatusCode)
	}
	if res := b.login("admin@blog.test", "wrong-password"); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password = %d", res.StatusCode)
	}
	if res := newBrowser(t, h).login("ann@example.com", "correct-horse"); res.StatusCode != http.StatusForbidden {
		t.Fatalf("non-admin login = %d", res.StatusCode)
	}
	res := b.login("admin@blog.test", "admin-password")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("admin login = %d", res.StatusCode)
	}
	ck := res.Cookies()[0]
	if ck.Name != sessionCookie || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure {
		t.Errorf("session cookie = %+v", ck)
	}
	if res := b.do("GET", "/admin", nil); res.StatusCode != http.StatusOK || !strings.Contains(body(t, res), "Overview") {
		t.Fatalf("overview = %d", res.StatusCode)
	}
	if res := b.do("POST", "/admin/logout", url.Values{"csrf_token": {b.csrf}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout = %d", res.StatusCode)
	}
	b.cookies[sessionCookie] = ck.Value // a stolen copy of the old cookie
	if res := b.do("GET", "/admin", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a logged-out session still works: %d", res.StatusCode)
	}
}

func TestSessionCookieIsSecureOverTLS(t *testing.T) {
	s, _ := withAdmin(t)
	w := send(t, s.Handler(), call{method: "GET", path: "/admin/login", header: http.Header{"X-Forwarded-Proto": {"https"}}})
	if ck := w.Result().Cookies(); len(ck) != 1 || !ck[0].Secure {
		t.Fatalf("cookies over TLS = %+v", ck)
	}
}

func TestDashboardEscapesAndNeedsCSRF(t *testing.T) {
	s, _ := withAdmin(t)
	h := s.Handler()
	ann := register(t, h, "ann")
	slug := publish(t, h, ann, `<script>alert("x")</script>`)

	b := newBrowser(t, h)
	b.login("admin@blog.test", "admin-password")
	page := body(t, b.do("GET", "/admin/articles", nil))
	if strings.Contains(page, "<script>alert") || !strings.Contains(page, "&lt;script&gt;") {
		t.Fatalf("the title is not escaped:\n%s", page)
	}
	if res := b.do("POST", "/admin/articles/"+slug+"/unpublish", url.Values{}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a form without CSRF = %d", res.StatusCode)
	}
	if res := b.do("POST", "/admin/articles/"+slug+"/unpublish", url.Values{"csrf_token": {"forged"}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a form with a wrong CSRF token = %d", res.StatusCode)
	}
	want(t, send(t, h, call{method: "GET", path: "/api/articles/" + slug}), http.StatusOK)
	if res := b.do("POST", "/admin/articles/"+slug+"/unpublish", url.Values{"csrf_token": {b.csrf}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unpublish = %d", res.StatusCode)
	}
	want(t, send(t, h, call{method: "GET", path: "/api/articles/" + slug}), http.StatusNotFound)
	if !strings.Contains(body(t, b.do("GET", "/admin/articles", nil)), "hidden") {
		t.Error("the hidden article is not marked hidden")
	}
	b.do("POST", "/admin/articles/"+slug+"/publish", url.Values{"csrf_token": {b.csrf}})
	want(t, send(t, h, call{method: "GET", path: "/api/articles/" + slug}), http.StatusOK)
	b.do("POST", "/admin/articles/"+slug+"/delete", url.Values{"csrf_token": {b.csrf}})
	want(t, send(t, h, call{method: "GET", path: "/api/articles/" + slug}), http.StatusNotFound)
}

func TestDashboardModeration(t *testing.T) {
	s, _ := withAdmin(t)
	h := s.Handler()
	ann := register(t, h, "ann")
	slug := publish(t, h, ann, "Talk")
	c := obj(want(t, send(t, h, call{method: "POST", path: "/api/articles/" + slug + "/comments", token: ann, body: `{"comment":{"body":"<b>spam</b>"}}`}), http.StatusOK), "comment")

	b := newBrowser(t, h)
	b.login("admin@blog.test", "admin-password")
	if page := body(t, b.do("GET", "/admin/comments", nil)); !strings.Contains(page, "&lt;b&gt;spam") {
		t.Fatalf("comments page:\n%s", page)
	}
	id := fmt.Sprint(c["id"])
	if res := b.do("POST", "/admin/comments/"+id+"/delete", url.Values{"csrf_token": {b.csrf}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete comment = %d", res.StatusCode)
	}
	list := want(t, send(t, h, call{method: "GET", path: "/api/articles/" + slug + "/comments"}), http.StatusOK)
	if len(list["comments"].([]any)) != 0 {
		t.Fatalf("comments = %v", list)
	}

	// Promote ann from the users page, let her sign in, then demote her:
	// her session stops working at once.
	if res := b.do("POST", "/admin/users/ann/role", url.Values{"csrf_token": {b.csrf}, "role": {"admin"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("role form = %d", res.StatusCode)
	}
	annBrowser := newBrowser(t, h)
	if res := annBrowser.login("ann@example.com", "correct-horse"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("promoted login = %d", res.StatusCode)
	}
	b.do("POST", "/admin/users/ann/role", url.Values{"csrf_token": {b.csrf}, "role": {"reader"}})
	if res := annBrowser.do("GET", "/admin", nil); res.StatusCode != http.StatusForbidden {
		t.Fatalf("demoted admin at /admin = %d", res.StatusCode)
	}
	if res := b.do("POST", "/admin/users/admin/role", url.Values{"csrf_token": {b.csrf}, "role": {"reader"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("self-demotion = %d", res.StatusCode)
	}
	if page := body(t, b.do("GET", "/admin/users", nil)); !strings.Contains(page, "ann@example.com") {
		t.Fatalf("users page:\n%s", page)
	}
}

func TestDashboardLoginsShareTheLoginLimit(t *testing.T) {
	s, _ := withAdmin(t)
	h := s.Handler()
	b := newBrowser(t, h)
	b.remote = "198.51.100.7:4000"
	for range 5 {
		if res := b.login("admin@blog.test", "a-wrong-guess"); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong password = %d", res.StatusCode)
		}
	}
	res := b.login("admin@blog.test", "admin-password")
	if n, err := strconv.Atoi(res.Header.Get("Retry-After")); res.StatusCode != http.StatusTooManyRequests || err != nil || n < 1 {
		t.Fatalf("sixth attempt = %d, Retry-After %q; want 429 with whole seconds", res.StatusCode, res.Header.Get("Retry-After"))
	}
	// The API's login counts against the same budget...
	want(t, send(t, h, loginCall("admin@blog.test", "admin-password", b.remote)), http.StatusTooManyRequests)
	// ...and the admin still signs in from anywhere else.
	if res := newBrowser(t, h).login("admin@blog.test", "admin-password"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login from another address = %d", res.StatusCode)
	}
}

func TestAPasswordChangeEndsDashboardSessions(t *testing.T) {
	s, token := withAdmin(t)
	h := s.Handler()
	b := newBrowser(t, h)
	if res := b.login("admin@blog.test", "admin-password"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login = %d", res.StatusCode)
	}
	want(t, send(t, h, call{method: "PUT", path: "/api/user", token: token,
		body: `{"user":{"password":"a-new-admin-password","currentPassword":"admin-password"}}`}), http.StatusOK)
	if res := b.do("GET", "/admin", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the session from before the password change = %d, want a redirect to the login", res.StatusCode)
	}
}
