package api

import (
	"net/http"
	"strings"
	"testing"
)

// register creates name (email name@example.com) and returns its token.
func register(t *testing.T, h http.Handler, name string) string {
	t.Helper()
	body := want(t, send(t, h, call{method: "POST", path: "/api/users", body: map[string]any{
		"user": map[string]string{"username": name, "email": name + "@example.com", "password": "correct-horse"},
	}}), http.StatusCreated)
	return obj(body, "user")["token"].(string)
}

func TestRegisterAndLogin(t *testing.T) {
	h := newServer(t).Handler()
	register(t, h, "ann")

	user := obj(want(t, send(t, h, call{method: "POST", path: "/api/users/login", body: map[string]any{
		"user": map[string]string{"email": "ANN@example.com", "password": "correct-horse"},
	}}), http.StatusOK), "user")
	if user["username"] != "ann" || user["role"] != "author" || user["bio"] != "" || user["token"] == "" {
		t.Fatalf("user = %v", user)
	}
	me := obj(want(t, send(t, h, call{method: "GET", path: "/api/user", token: user["token"].(string)}), http.StatusOK), "user")
	if me["email"] != "ann@example.com" {
		t.Errorf("GET /api/user = %v", me)
	}
}

func TestRegistrationErrors(t *testing.T) {
	h := newServer(t).Handler()
	register(t, h, "ann")
	tests := []struct {
		name  string
		user  map[string]string
		field string
	}{
		{"taken email", map[string]string{"username": "bob", "email": "ann@example.com", "password": "correct-horse"}, "email"},
		{"taken username", map[string]string{"username": "ann", "email": "bob@example.com", "password": "correct-horse"}, "username"},
		{"short password", map[string]string{"username": "bob", "email": "bob@example.com", "password": "short"}, "password"},
		{"missing email", map[string]string{"username": "bob", "password": "correct-horse"}, "email"},
		{"bad username", map[string]string{"username": "b o b", "email": "bob@example.com", "password": "correct-horse"}, "username"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := want(t, send(t, h, call{method: "POST", path: "/api/users", body: map[string]any{"user": tt.user}}), http.StatusUnprocessableEntity)
			if _, ok := obj(body, "errors")[tt.field].([]any); !ok {
				t.Errorf("errors = %v, want an entry for %s", body, tt.field)
			}
		})
	}
}

func TestLoginFailuresLookAlike(t *testing.T) {
	h := newServer(t).Handler()
	register(t, h, "ann")
	wrong := send(t, h, call{method: "POST", path: "/api/users/login", body: `{"user":{"email":"ann@example.com","password":"nope-nope"}}`})
	unknown := send(t, h, call{method: "POST", path: "/api/users/login", body: `{"user":{"email":"who@example.com","password":"nope-nope"}}`})
	want(t, wrong, http.StatusUnauthorized)
	want(t, unknown, http.StatusUnauthorized)
	if wrong.Body.String() != unknown.Body.String() {
		t.Errorf("the answers differ: %s vs %s", wrong.Body, unknown.Body)
	}
}

func TestLoginsAreRateLimited(t *testing.T) {
	h := newServer(t).Handler()
	var last int
	for range loginAttempts + 1 {
		last = send(t, h, call{method: "POST", path: "/api/users/login", body: `{"user":{"email":"x@example.com","password":"nope-nope"}}`}).Code
	}
	if last != http.StatusTooManyRequests {
		t.Fatalf("attempt %d answered %d, want 429", loginAttempts+1, last)
	}
}

func TestTokens(t *testing.T) {
	h := newServer(t).Handler()
	token := register(t, h, "ann")
	for name, header := range map[string]string{
		"none":      "",
		"malformed": "Token not-a-jwt",
		"scheme":    "Basic " + token,
		"tampered":  "Token " + token[:len(token)-2] + "xx",
	} {
		t.Run(name, func(t *testing.T) {
			w := send(t, h, call{method: "GET", path: "/api/user", header: http.Header{"Authorization": {header}}})
			want(t, w, http.StatusUnauthorized)
		})
	}
	want(t, send(t, h, call{method: "GET", path: "/api/user", header: http.Header{"Authorization": {"Bearer " + token}}}), http.StatusOK)
}

func TestUpdateUser(t *testing.T) {
	h := newServer(t).Handler()
	token := register(t, h, "ann")
	register(t, h, "bob")
	user := obj(want(t, send(t, h, call{method: "PUT", path: "/api/user", token: token,
		body: `{"user":{"bio":"hello","image":"https://example.com/a.png","password":"new-password"}}`}), http.StatusOK), "user")
	if user["bio"] != "hello" || user["username"] != "ann" {
		t.Fatalf("user = %v", user)
	}
	want(t, send(t, h, call{method: "POST", path: "/api/users/login", body: `{"user":{"email":"ann@example.com","password":"new-password"}}`}), http.StatusOK)
	body := want(t, send(t, h, call{method: "PUT", path: "/api/user", token: token, body: `{"user":{"username":"bob"}}`}), http.StatusUnprocessableEntity)
	if !strings.Contains(strings.ToLower(send(t, h, call{method: "GET", path: "/api/user", token: token}).Body.String()), `"username":"ann"`) {
		t.Errorf("a refused update changed the user: %v", body)
	}
}
