package api

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

// withAdmin returns a server whose first admin exists, and the admin's token.
func withAdmin(t *testing.T) (*Server, string) {
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
