package api

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"
)

// uniqueEmail returns an email no other test uses, so that tests can share
// a PostgreSQL database.
func uniqueEmail(name string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return strings.ToLower(name) + "-" + hex.EncodeToString(b) + "@example.com"
}

// account is a registered test user.
type account struct {
	email, password string
	access, refresh string
}

// registerUser registers a new user and returns its tokens.
func registerUser(t testing.TB, h http.Handler, name string) account {
	t.Helper()
	a := account{email: uniqueEmail(name), password: "correct horse"}
	body := expect(t, do(t, h, request{method: "POST", path: "/api/auth/register",
		body: map[string]string{"email": a.email, "password": a.password}}), http.StatusCreated)
	a.access, _ = body["access_token"].(string)
	a.refresh, _ = body["refresh_token"].(string)
	if a.access == "" || a.refresh == "" {
		t.Fatalf("register: no tokens in %v", body)
	}
	return a
}

func TestRegisterAndMe(t *testing.T) {
	h := newTestServer(t)
	email := uniqueEmail("Mixed.Case")
	body := expect(t, do(t, h, request{method: "POST", path: "/api/auth/register",
		body: map[string]string{"email": "  " + strings.ToUpper(email) + " ", "password": "long enough"}}), http.StatusCreated)
	user, _ := body["user"].(map[string]any)
	if user["email"] != email {
		t.Errorf("user = %v, want email %s lower-cased", user, email)
	}
	me := expect(t, do(t, h, request{method: "GET", path: "/api/auth/me", token: body["access_token"].(string)}), http.StatusOK)
	if me["user"].(map[string]any)["id"] != user["id"] {
		t.Errorf("me = %v, want user %v", me, user)
	}
}

func TestRegisterRejects(t *testing.T) {
	h := newTestServer(t)
	taken := registerUser(t, h, "taken")
	tests := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"email without @", map[string]string{"email": "nobody", "password": "long enough"}, 422, "email"},
		{"missing password", map[string]string{"email": uniqueEmail("x")}, 422, "password"},
		{"email taken, other case", map[string]string{"email": strings.ToUpper(taken.email), "password": "long enough"}, 409, ""},
		{"malformed JSON", `{"email": `, 400, ""},
		{"not an object", `[1, 2]`, 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := expect(t, do(t, h, request{method: "POST", path: "/api/auth/register", body: tt.body}), tt.status)
			if _, ok := body["error"].(string); !ok {
				t.Errorf("body = %v, want an error", body)
			}
			if tt.field != "" {
				if _, ok := body["fields"].(map[string]any)[tt.field]; !ok {
					t.Errorf("body = %v, want fields.%s", body, tt.field)
				}
			}
		})
	}
}

func TestLogin(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "login")
	tests := []struct {
		name, email, password string
		status                int
	}{
		{"right password", a.email, a.password, http.StatusOK},
		{"email in another case", strings.ToUpper(a.email), a.password, http.StatusOK},
		{"wrong password", a.email, "wrong password", http.StatusUnauthorized},
		{"unknown email", uniqueEmail("ghost"), a.password, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := expect(t, do(t, h, request{method: "POST", path: "/api/auth/login",
				body: map[string]string{"email": tt.email, "password": tt.password}}), tt.status)
			if tt.status == http.StatusUnauthorized && body["error"] != "invalid email or password" {
				t.Errorf("body = %v", body)
			}
		})
	}
}

func TestProtectedEndpointsNeedAValidToken(t *testing.T) {
	h := newTestServer(t)
	for _, token := range []string{"", "not-a-jwt", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."} {
		w := do(t, h, request{method: "GET", path: "/api/auth/me", token: token})
		expect(t, w, http.StatusUnauthorized)
	}
}

// An access token works for its whole lifetime and not a second longer.
func TestAccessTokensExpire(t *testing.T) {
	clock := newTestClock()
	h := newTestServerAt(t, clock)
	a := registerUser(t, h, "expiry")
	me := func(status int) {
		t.Helper()
		expect(t, do(t, h, request{method: "GET", path: "/api/auth/me", token: a.access}), status)
	}
	clock.Advance(15*time.Minute - time.Second) // the test configuration's AccessTokenTTL
	me(http.StatusOK)
	clock.Advance(2 * time.Second)
	me(http.StatusUnauthorized)
}

// A refresh token is refused once its lifetime is over, even if it was
// never used.
func TestRefreshTokensExpire(t *testing.T) {
	clock := newTestClock()
	h := newTestServerAt(t, clock)
	a, b := registerUser(t, h, "fresh"), registerUser(t, h, "stale")
	refresh := func(token string, status int) {
		t.Helper()
		expect(t, do(t, h, request{method: "POST", path: "/api/auth/refresh",
			body: map[string]string{"refresh_token": token}}), status)
	}
	clock.Advance(time.Hour - time.Second) // the test configuration's RefreshTokenTTL
	refresh(a.refresh, http.StatusOK)
	clock.Advance(2 * time.Second)
	refresh(b.refresh, http.StatusUnauthorized)
}

func TestRefreshRotatesAndDetectsReuse(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "refresh")
	refresh := func(token string, status int) map[string]any {
		t.Helper()
		return expect(t, do(t, h, request{method: "POST", path: "/api/auth/refresh",
			body: map[string]string{"refresh_token": token}}), status)
	}

	second := refresh(a.refresh, http.StatusOK)
	next := second["refresh_token"].(string)
	if next == a.refresh || second["access_token"] == "" {
		t.Fatalf("refresh did not answer a new pair: %v", second)
	}
	third := refresh(next, http.StatusOK)["refresh_token"].(string)

	refresh(a.refresh, http.StatusUnauthorized) // reuse of a rotated token...
	refresh(third, http.StatusUnauthorized)     // ...revoked the newest one too
	refresh("never-issued", http.StatusUnauthorized)
	expect(t, do(t, h, request{method: "POST", path: "/api/auth/refresh", body: map[string]string{}}), http.StatusUnprocessableEntity)
}

func TestLogoutRevokes(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "logout")
	logout := func(body any, status int) {
		t.Helper()
		expect(t, do(t, h, request{method: "POST", path: "/api/auth/logout", body: body}), status)
	}
	logout(map[string]string{"refresh_token": a.refresh}, http.StatusNoContent)
	logout(map[string]string{"refresh_token": a.refresh}, http.StatusNoContent) // twice is fine
	logout(map[string]string{}, http.StatusUnprocessableEntity)
	expect(t, do(t, h, request{method: "POST", path: "/api/auth/refresh",
		body: map[string]string{"refresh_token": a.refresh}}), http.StatusUnauthorized)
}

// logIn starts another session for a and returns its tokens.
func logIn(t *testing.T, h http.Handler, a account) account {
	t.Helper()
	body := expect(t, do(t, h, request{method: "POST", path: "/api/auth/login",
		body: map[string]string{"email": a.email, "password": a.password}}), http.StatusOK)
	a.access, _ = body["access_token"].(string)
	a.refresh, _ = body["refresh_token"].(string)
	return a
}

// fieldError returns the message of fields[name] in a 422 body, failing
// the test when there is none.
func fieldError(t *testing.T, body map[string]any, name string) string {
	t.Helper()
	fields, _ := body["fields"].(map[string]any)
	msg, ok := fields[name].(string)
	if !ok {
		t.Fatalf("body = %v, want fields.%s", body, name)
	}
	return msg
}

func TestChangePasswordNeedsTheCurrentOneAndEndsOtherSessions(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "changer")
	other := logIn(t, h, a) // the same user on another device
	change := func(token string, body any, status int) map[string]any {
		t.Helper()
		return expect(t, do(t, h, request{method: "POST", path: "/api/auth/password", token: token, body: body}), status)
	}
	const next = "a brand new passphrase"

	change("", map[string]string{"current_password": a.password, "new_password": next}, http.StatusUnauthorized)
	fieldError(t, change(a.access, map[string]string{"new_password": next}, http.StatusUnprocessableEntity), "current_password")
	fieldError(t, change(a.access, map[string]string{"current_password": "not the password", "new_password": next},
		http.StatusUnprocessableEntity), "current_password")
	fieldError(t, change(a.access, map[string]string{"current_password": a.password}, http.StatusUnprocessableEntity), "new_password")

	session := change(a.access, map[string]string{"current_password": a.password, "new_password": next}, http.StatusOK)
	fresh, _ := session["refresh_token"].(string)
	if _, ok := session["access_token"].(string); !ok || fresh == "" {
		t.Fatalf("password change answered %v, want a new session", session)
	}

	refresh := func(token string, status int) {
		t.Helper()
		expect(t, do(t, h, request{method: "POST", path: "/api/auth/refresh",
			body: map[string]string{"refresh_token": token}}), status)
	}
	refresh(a.refresh, http.StatusUnauthorized)     // this device's old session
	refresh(other.refresh, http.StatusUnauthorized) // and the other device's
	refresh(fresh, http.StatusOK)                   // the session the change started

	login := func(password string, status int) {
		t.Helper()
		expect(t, do(t, h, request{method: "POST", path: "/api/auth/login",
			body: map[string]string{"email": a.email, "password": password}}), status)
	}
	login(a.password, http.StatusUnauthorized)
	login(next, http.StatusOK)
}

func TestDeleteAccountNeedsThePasswordAndEndsEverything(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "leaver")
	del := func(token string, body any, status int) map[string]any {
		t.Helper()
		return expect(t, do(t, h, request{method: "DELETE", path: "/api/auth/me", token: token, body: body}), status)
	}

	del("", map[string]string{"current_password": a.password}, http.StatusUnauthorized)
	fieldError(t, del(a.access, map[string]string{}, http.StatusUnprocessableEntity), "current_password")
	fieldError(t, del(a.access, map[string]string{"current_password": "not the password"}, http.StatusUnprocessableEntity), "current_password")
	expect(t, do(t, h, request{method: "GET", path: "/api/auth/me", token: a.access}), http.StatusOK)

	if w := do(t, h, request{method: "DELETE", path: "/api/auth/me", token: a.access,
		body: map[string]string{"current_password": a.password}}); w.Code != http.StatusNoContent || w.Body.Len() != 0 {
		t.Fatalf("delete: %d %s, want 204 without a body", w.Code, w.Body)
	}

	// The access token is still correctly signed and unexpired, but its
	// user is gone.
	expect(t, do(t, h, request{method: "GET", path: "/api/auth/me", token: a.access}), http.StatusUnauthorized)
	del(a.access, map[string]string{"current_password": a.password}, http.StatusUnauthorized)
	expect(t, do(t, h, request{method: "POST", path: "/api/auth/refresh",
		body: map[string]string{"refresh_token": a.refresh}}), http.StatusUnauthorized)
	expect(t, do(t, h, request{method: "POST", path: "/api/auth/login",
		body: map[string]string{"email": a.email, "password": a.password}}), http.StatusUnauthorized)
	// The email is free again.
	expect(t, do(t, h, request{method: "POST", path: "/api/auth/register",
		body: map[string]string{"email": a.email, "password": a.password}}), http.StatusCreated)
}
