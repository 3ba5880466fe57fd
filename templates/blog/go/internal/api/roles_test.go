package api

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

// withAdmin returns a server whose first admin exists, and the admin's token.
func withAdmin(t testing.TB) (*Server, string) {
	t.Helper()
	s := newServer(t)
	if err := s.EnsureAdmin(context.Background(), testConfig); err != nil {
		t.Fatal(err)
	}
	body := want(t, send(t, s.Handler(), call{method: "POST", path: "/api/users/login",
		body: `{"user":{"email":"admin@blog.test","password":"admin-password"}}`}), http.StatusOK)
	if obj(body, "user")["role"] != "admin" {
		t.Fatalf("first admin = %v", body)
	}
	return s, obj(body, "user")["token"].(string)
}

func setRoleCall(token, username, role string) call {
	return call{method: "PUT", path: "/api/admin/users/" + username + "/role", token: token, body: map[string]string{"role": role}}
}

func TestEnsureAdminIsIdempotent(t *testing.T) {
	s, _ := withAdmin(t)
	if err := s.EnsureAdmin(context.Background(), testConfig); err != nil {
		t.Fatalf("second EnsureAdmin: %v", err)
	}
}

func TestOnlyAdminsChangeRoles(t *testing.T) {
	s, admin := withAdmin(t)
	h := s.Handler()
	ann := register(t, h, "ann")
	register(t, h, "bob")
	want(t, send(t, h, setRoleCall(ann, "bob", "editor")), http.StatusForbidden)
	want(t, send(t, h, setRoleCall(admin, "bob", "overlord")), http.StatusUnprocessableEntity)
	want(t, send(t, h, setRoleCall(admin, "nobody", "editor")), http.StatusNotFound)
	want(t, send(t, h, setRoleCall(admin, "admin", "reader")), http.StatusUnprocessableEntity)
	p := obj(want(t, send(t, h, setRoleCall(admin, "bob", "editor")), http.StatusOK), "profile")
	if p["role"] != "editor" {
		t.Fatalf("profile = %v", p)
	}
}

func TestRolePermissions(t *testing.T) {
	s, admin := withAdmin(t)
	h := s.Handler()
	ann, ed, rea := register(t, h, "ann"), register(t, h, "ed"), register(t, h, "rea")
	want(t, send(t, h, setRoleCall(admin, "ed", "editor")), http.StatusOK)
	want(t, send(t, h, setRoleCall(admin, "rea", "reader")), http.StatusOK)
	slug := publish(t, h, ann, "Ann's")

	// Readers comment but never publish.
	want(t, send(t, h, call{method: "POST", path: "/api/articles", token: rea, body: `{"article":{"title":"t","description":"d","body":"b"}}`}), http.StatusForbidden)
	c := obj(want(t, send(t, h, call{method: "POST", path: "/api/articles/" + slug + "/comments", token: rea, body: `{"comment":{"body":"hi"}}`}), http.StatusOK), "comment")

	// Editors change anything; admins are editors too.
	want(t, send(t, h, call{method: "PUT", path: "/api/articles/" + slug, token: ed, body: `{"article":{"body":"edited"}}`}), http.StatusOK)
	want(t, send(t, h, call{method: "PUT", path: "/api/articles/" + slug, token: admin, body: `{"article":{"body":"again"}}`}), http.StatusOK)
	want(t, send(t, h, call{method: "DELETE", path: "/api/articles/" + slug + "/comments/" + fmt.Sprint(c["id"]), token: ed}), http.StatusNoContent)
	want(t, send(t, h, call{method: "DELETE", path: "/api/articles/" + slug, token: ed}), http.StatusNoContent)

	// A demoted editor loses the power at once, with the same token.
	slug = publish(t, h, ann, "Another")
	want(t, send(t, h, setRoleCall(admin, "ed", "author")), http.StatusOK)
	want(t, send(t, h, call{method: "DELETE", path: "/api/articles/" + slug, token: ed}), http.StatusForbidden)
}

// Someone registers the admin's address before the operator sets
// ADMIN_EMAIL: the next start must not hand them the admin role.
func TestEnsureAdminRefusesAnEmailSomeoneElseRegistered(t *testing.T) {
	s := newServer(t)
	h := s.Handler()
	want(t, send(t, h, call{method: "POST", path: "/api/users",
		body: `{"user":{"username":"squatter","email":"admin@blog.test","password":"squatters-password"}}`}), http.StatusCreated)
	var logs bytes.Buffer
	s.log = slog.New(slog.NewTextHandler(&logs, nil))
	for range 2 { // and not at the next start either
		if err := s.EnsureAdmin(context.Background(), testConfig); err != nil {
			t.Fatalf("EnsureAdmin: %v (the blog must still start)", err)
		}
	}
	user := obj(want(t, send(t, h, loginCall("admin@blog.test", "squatters-password", "")), http.StatusOK), "user")
	if user["role"] != "author" {
		t.Fatalf("the squatted account became %v", user["role"])
	}
	want(t, send(t, h, loginCall("admin@blog.test", "admin-password", "")), http.StatusUnauthorized)
	if !strings.Contains(logs.String(), "ADMIN_EMAIL") || !strings.Contains(logs.String(), "not promoted") {
		t.Errorf("the log does not say what happened:\n%s", logs.String())
	}
}

func TestEnsureAdminWhenSomeoneHasTheUsername(t *testing.T) {
	s := newServer(t)
	h := s.Handler()
	register(t, h, "admin")
	if err := s.EnsureAdmin(context.Background(), testConfig); err != nil {
		t.Fatalf("EnsureAdmin: %v", err)
	}
	user := obj(want(t, send(t, h, loginCall("admin@blog.test", "admin-password", "")), http.StatusOK), "user")
	if name, _ := user["username"].(string); user["role"] != "admin" || !strings.HasPrefix(name, "admin-") {
		t.Fatalf("first admin = %v", user)
	}
}

// Roles come from the database on every request, never from the token.
func TestADemotedAdminsTokenLosesTheRole(t *testing.T) {
	s, admin := withAdmin(t)
	h := s.Handler()
	ann := register(t, h, "ann") // issued while ann is an author
	register(t, h, "bob")
	want(t, send(t, h, setRoleCall(admin, "ann", "admin")), http.StatusOK)
	want(t, send(t, h, setRoleCall(ann, "bob", "editor")), http.StatusOK)
	want(t, send(t, h, setRoleCall(admin, "ann", "author")), http.StatusOK)
	want(t, send(t, h, setRoleCall(ann, "bob", "reader")), http.StatusForbidden)
	// A role claim of its own changes nothing either.
	claimed := resign(t, ann, func(c jwt.MapClaims) { c["role"] = "admin" })
	want(t, send(t, h, setRoleCall(claimed, "bob", "reader")), http.StatusForbidden)
}

// A deleted account's token stops at once: 401 for reads and writes alike,
// and its dashboard session is gone with it.
func TestADeletedUsersTokenIs401(t *testing.T) {
	s, admin := withAdmin(t)
	h := s.Handler()
	ann := register(t, h, "ann")
	b := newBrowser(t, h)
	if res := b.login("admin@blog.test", "admin-password"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login = %d", res.StatusCode)
	}
	for _, name := range []string{"ann", "admin"} {
		u, err := s.store.UserByUsername(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.store.DeleteUser(context.Background(), u.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, token := range []string{ann, admin} {
		want(t, send(t, h, call{method: "GET", path: "/api/user", token: token}), http.StatusUnauthorized)
		want(t, send(t, h, call{method: "PUT", path: "/api/user", token: token, body: `{"user":{"bio":"x"}}`}), http.StatusUnauthorized)
		want(t, send(t, h, call{method: "POST", path: "/api/articles", token: token,
			body: `{"article":{"title":"t","description":"d","body":"b"}}`}), http.StatusUnauthorized)
	}
	if res := b.do("GET", "/admin", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a deleted admin's session at /admin = %d, want a redirect to the login", res.StatusCode)
	}
}
