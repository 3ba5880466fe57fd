package api

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/ratelimit"
)

// signUp registers a user and returns their token.
func signUp(t *testing.T, ts *httptest.Server, username string) string {
	t.Helper()
	status, body := call(t, ts, "POST", "/api/auth/register", "", map[string]string{"username": username, "password": "correct-horse"})
	if status != 201 {
		t.Fatalf("register %s = %d %v", username, status, body)
	}
	return body["token"].(string)
}

func TestRegisterLoginMeLogout(t *testing.T) {
	_, ts := newTestServer(t, nil)
	token := signUp(t, ts, "Ann")

	if status, body := call(t, ts, "GET", "/api/auth/me", token, nil); status != 200 || body["username"] != "ann" {
		t.Fatalf("me = %d %v, want ann (usernames are lower-cased)", status, body)
	}
	status, body := call(t, ts, "POST", "/api/auth/login", "", map[string]string{"username": "ann", "password": "correct-horse"})
	if status != 200 || body["token"] == token {
		t.Fatalf("login = %d %v, want a fresh token", status, body)
	}
	if status, _ := call(t, ts, "POST", "/api/auth/logout", token, nil); status != 204 {
		t.Fatalf("logout = %d", status)
	}
	if status, _ := call(t, ts, "GET", "/api/auth/me", token, nil); status != 401 {
		t.Fatalf("me after logout = %d, want 401", status)
	}
}

// A session works for its whole lifetime (SESSION_TTL) and not a second
// longer, used or not.
func TestSessionsExpire(t *testing.T) {
	clock := newTestClock()
	_, ts := newTestServerAt(t, map[string]string{"SESSION_TTL": "1h"}, clock)
	token := signUp(t, ts, "ann")
	clock.Advance(time.Hour - time.Second)
	if status, _ := call(t, ts, "GET", "/api/auth/me", token, nil); status != http.StatusOK {
		t.Fatalf("me a second before the session ends = %d, want 200", status)
	}
	clock.Advance(2 * time.Second)
	if status, _ := call(t, ts, "GET", "/api/auth/me", token, nil); status != http.StatusUnauthorized {
		t.Fatalf("me after the session ended = %d, want 401", status)
	}
}

func TestRegisterRefuses(t *testing.T) {
	_, ts := newTestServer(t, nil)
	signUp(t, ts, "bob")
	for name, tc := range map[string]struct {
		body map[string]string
		want int
	}{
		"taken username":   {map[string]string{"username": "BOB", "password": "correct-horse"}, 409},
		"short password":   {map[string]string{"username": "carl", "password": "short"}, 422},
		"bad username":     {map[string]string{"username": "a b", "password": "correct-horse"}, 422},
		"password over 72": {map[string]string{"username": "dora", "password": string(make([]byte, 73))}, 422},
	} {
		if status, _ := call(t, ts, "POST", "/api/auth/register", "", tc.body); status != tc.want {
			t.Errorf("%s: status %d, want %d", name, status, tc.want)
		}
	}
}

func TestLoginRefusesWrongPasswordAndUnknownUserAlike(t *testing.T) {
	_, ts := newTestServer(t, nil)
	signUp(t, ts, "eve")
	_, wrong := call(t, ts, "POST", "/api/auth/login", "", map[string]string{"username": "eve", "password": "wrong-horse"})
	status, unknown := call(t, ts, "POST", "/api/auth/login", "", map[string]string{"username": "nobody", "password": "wrong-horse"})
	if status != 401 || wrong["error"] != unknown["error"] {
		t.Fatalf("login answers differ: %v vs %v", wrong, unknown)
	}
}

func TestInvalidTokensAre401(t *testing.T) {
	_, ts := newTestServer(t, nil)
	for _, token := range []string{"", "not-a-token"} {
		if status, _ := call(t, ts, "GET", "/api/auth/me", token, nil); status != 401 {
			t.Errorf("token %q: status %d", token, status)
		}
	}
}

// stopLimiterClocks freezes the limiters' time, so that no token comes
// back while a slow machine runs the test.
func stopLimiterClocks(srv *Server) {
	t0 := time.Now()
	now := func() time.Time { return t0 }
	srv.logins = ratelimit.NewLogins(now)
	srv.signups = ratelimit.New(ratelimit.RegistrationsPerAddress, ratelimit.Period, now)
}

// from says the request came through a proxy for addr.
func from(addr string) http.Header { return http.Header{"X-Forwarded-For": {addr}} }

// wantTooMany fails unless the answer is 429 with Retry-After in whole
// seconds within the limiter's period.
func wantTooMany(t *testing.T, what string, status int, h http.Header) {
	t.Helper()
	secs, err := strconv.Atoi(h.Get("Retry-After"))
	if status != http.StatusTooManyRequests || err != nil || secs < 1 || secs > 60 {
		t.Fatalf("%s = %d with Retry-After %q, want 429 and 1 to 60 seconds", what, status, h.Get("Retry-After"))
	}
}

func TestLoginFailuresAreLimitedPerUsernameAndAddress(t *testing.T) {
	srv, ts := newTestServer(t, map[string]string{"TRUST_PROXY": "1"})
	stopLimiterClocks(srv)
	signUp(t, ts, "ann")
	wrong := map[string]string{"username": "ann", "password": "wrong-horse"}
	right := map[string]string{"username": "ann", "password": "correct-horse"}
	for i := range ratelimit.LoginFailuresPerAccount {
		if status, _, _ := callWith(t, ts, "POST", "/api/auth/login", "", wrong, from("203.0.113.7")); status != 401 {
			t.Fatalf("wrong password %d = %d, want 401", i+1, status)
		}
	}
	status, _, h := callWith(t, ts, "POST", "/api/auth/login", "", wrong, from("203.0.113.7"))
	wantTooMany(t, "the 6th wrong password", status, h)
	status, _, h = callWith(t, ts, "POST", "/api/auth/login", "", right, from("203.0.113.7"))
	wantTooMany(t, "the right password from the guessing address", status, h)

	// The guesser has not locked ann out: from her own address she logs in.
	if status, body, _ := callWith(t, ts, "POST", "/api/auth/login", "", right, from("198.51.100.2")); status != 200 {
		t.Fatalf("ann from another address = %d %v, want 200", status, body)
	}
}

func TestLoginFailuresAreLimitedPerAddressAcrossUsernames(t *testing.T) {
	srv, ts := newTestServer(t, map[string]string{"TRUST_PROXY": "1"})
	stopLimiterClocks(srv)
	for i := range ratelimit.LoginFailuresPerAddress {
		body := map[string]string{"username": "user" + strconv.Itoa(i), "password": "wrong-horse"}
		if status, _, _ := callWith(t, ts, "POST", "/api/auth/login", "", body, from("203.0.113.7")); status != 401 {
			t.Fatalf("failure %d = %d, want 401", i+1, status)
		}
	}
	status, _, h := callWith(t, ts, "POST", "/api/auth/login", "", map[string]string{"username": "zed", "password": "x"}, from("203.0.113.7"))
	wantTooMany(t, "a new username from an address that failed 20 times", status, h)
}

// Logging in often is never slowed down: a success gives its token back.
func TestSuccessfulLoginsAreNotLimited(t *testing.T) {
	_, ts := newTestServer(t, nil)
	signUp(t, ts, "ann")
	for i := range 3 * ratelimit.LoginFailuresPerAccount {
		if status, _ := call(t, ts, "POST", "/api/auth/login", "", map[string]string{"username": "ann", "password": "correct-horse"}); status != 200 {
			t.Fatalf("login %d = %d, want 200", i+1, status)
		}
	}
}

// Without TRUST_PROXY, X-Forwarded-For is whatever the client wrote: it
// buys no fresh budget.
func TestForwardedForIsIgnoredUnlessTrusted(t *testing.T) {
	srv, ts := newTestServer(t, nil)
	stopLimiterClocks(srv)
	wrong := map[string]string{"username": "ann", "password": "wrong-horse"}
	for i := range ratelimit.LoginFailuresPerAccount {
		callWith(t, ts, "POST", "/api/auth/login", "", wrong, from("203.0.113."+strconv.Itoa(i)))
	}
	status, _, h := callWith(t, ts, "POST", "/api/auth/login", "", wrong, from("198.51.100.9"))
	wantTooMany(t, "a 6th failure claiming another address", status, h)
}

func TestRegistrationAttemptsAreLimitedPerAddress(t *testing.T) {
	srv, ts := newTestServer(t, map[string]string{"TRUST_PROXY": "1"})
	stopLimiterClocks(srv)
	bad := map[string]string{"username": "x", "password": "short"}
	for i := range ratelimit.RegistrationsPerAddress {
		if status, _, _ := callWith(t, ts, "POST", "/api/auth/register", "", bad, from("203.0.113.7")); status != 422 {
			t.Fatalf("attempt %d = %d, want 422", i+1, status)
		}
	}
	good := map[string]string{"username": "ann", "password": "correct-horse"}
	status, _, h := callWith(t, ts, "POST", "/api/auth/register", "", good, from("203.0.113.7"))
	wantTooMany(t, "registration 31 from one address", status, h)
	if status, _, _ := callWith(t, ts, "POST", "/api/auth/register", "", good, from("198.51.100.2")); status != 201 {
		t.Fatalf("registration from another address = %d, want 201", status)
	}
}

// A token is only as good as its user: once the account is gone, every
// request with it answers 401.
func TestDeletedUsersTokenIs401(t *testing.T) {
	_, ts, db := newTestServerSQL(t, nil)
	token := signUp(t, ts, "ann")
	mustExec(t, db, `DELETE FROM users WHERE username = 'ann'`)
	if status, body := call(t, ts, "GET", "/api/auth/me", token, nil); status != 401 {
		t.Errorf("GET me = %d %v, want 401", status, body)
	}
	if status, body := call(t, ts, "POST", "/api/auth/logout", token, nil); status != 401 {
		t.Errorf("POST logout = %d %v, want 401", status, body)
	}
}
