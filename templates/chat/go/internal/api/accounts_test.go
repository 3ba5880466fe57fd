package api

import (
	"net/http/httptest"
	"testing"
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
