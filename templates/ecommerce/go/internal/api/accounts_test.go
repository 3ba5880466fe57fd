package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/auth"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
)

// customer registers email and returns its token.
func customer(t *testing.T, a app, email string) string {
	t.Helper()
	got := want(t, a.do(t, call{method: "POST", path: "/api/auth/register", body: map[string]string{"email": email, "password": "correct-horse-1"}}), http.StatusCreated)
	return got["access_token"].(string)
}

// admin creates an admin as the server's start does and returns its token.
func admin(t *testing.T, a app) string {
	t.Helper()
	hash, err := auth.HashPassword("admin-password", 4)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.st.EnsureAdmin(context.Background(), "boss@example.com", hash); err != nil {
		t.Fatal(err)
	}
	got := want(t, a.do(t, call{method: "POST", path: "/api/auth/login", body: map[string]string{"email": "boss@example.com", "password": "admin-password"}}), http.StatusOK)
	return got["access_token"].(string)
}

// product creates a product as admin and returns its id.
func product(t *testing.T, a app, adminToken string, price, stock int) int {
	t.Helper()
	got := want(t, a.do(t, call{method: "POST", path: "/api/products", token: adminToken,
		body: map[string]any{"name": "Widget", "price": price, "stock": stock}}), http.StatusCreated)
	return int(got["id"].(float64))
}

func TestRegisterLoginMe(t *testing.T) {
	a := newApp(t)
	tok := customer(t, a, "ann@example.com")
	me := want(t, a.do(t, call{method: "GET", path: "/api/auth/me", token: tok}), http.StatusOK)
	if u := me["user"].(map[string]any); u["role"] != "customer" || u["password_hash"] != nil {
		t.Fatalf("me = %v", me)
	}
	want(t, a.do(t, call{method: "POST", path: "/api/auth/register", body: map[string]string{"email": "ANN@example.com", "password": "another-pass"}}), http.StatusConflict)
	want(t, a.do(t, call{method: "POST", path: "/api/auth/register", body: map[string]string{"email": "nope", "password": "short"}}), http.StatusUnprocessableEntity)
	want(t, a.do(t, call{method: "POST", path: "/api/auth/login", body: map[string]string{"email": "ann@example.com", "password": "wrong-password"}}), http.StatusUnauthorized)
	want(t, a.do(t, call{method: "GET", path: "/api/auth/me"}), http.StatusUnauthorized)
	want(t, a.do(t, call{method: "GET", path: "/api/auth/me", token: tok + "x"}), http.StatusUnauthorized)
}

func TestOnlyAdminsWriteProducts(t *testing.T) {
	a := newApp(t)
	cust, boss := customer(t, a, "c@example.com"), admin(t, a)
	body := map[string]any{"name": "Lamp", "price": 1999, "stock": 3}
	want(t, a.do(t, call{method: "POST", path: "/api/products", body: body}), http.StatusUnauthorized)
	want(t, a.do(t, call{method: "POST", path: "/api/products", token: cust, body: body}), http.StatusForbidden)
	id := product(t, a, boss, 1999, 3)
	path := fmt.Sprintf("/api/products/%d", id)
	want(t, a.do(t, call{method: "PUT", path: path, token: cust, body: body}), http.StatusForbidden)
	want(t, a.do(t, call{method: "DELETE", path: path, token: cust}), http.StatusForbidden)
	upd := want(t, a.do(t, call{method: "PUT", path: path, token: boss, body: map[string]any{"name": "Lamp", "price": 2499, "stock": 7}}), http.StatusOK)
	if upd["price"] != 2499.0 || upd["stock"] != 7.0 {
		t.Fatalf("updated = %v", upd)
	}
	want(t, a.do(t, call{method: "POST", path: "/api/products", token: boss, body: map[string]any{"name": "X", "price": 19.99, "stock": 1}}), http.StatusBadRequest)
	fields := want(t, a.do(t, call{method: "POST", path: "/api/products", token: boss,
		body: map[string]any{"name": "", "price": -1, "currency": "USD", "category": "nope", "images": []string{"javascript:alert(1)"}}}), http.StatusUnprocessableEntity)["fields"].(map[string]any)
	for _, f := range []string{"name", "price", "currency", "stock", "images"} {
		if fields[f] == nil {
			t.Errorf("no message for %s: %v", f, fields)
		}
	}
	want(t, a.do(t, call{method: "POST", path: "/api/products", token: boss, body: map[string]any{"name": "X", "price": 1, "stock": 1, "category": "nope"}}), http.StatusUnprocessableEntity)
	want(t, a.do(t, call{method: "DELETE", path: path, token: boss}), http.StatusNoContent)
	want(t, a.do(t, call{method: "GET", path: path}), http.StatusNotFound)
}

func TestAdminEmailTakenByACustomerIsNotPromoted(t *testing.T) {
	a := newApp(t)
	customer(t, a, "early@example.com")
	if _, err := a.st.EnsureAdmin(context.Background(), "early@example.com", "hash"); !errors.Is(err, store.ErrNotAdmin) {
		t.Fatalf("err = %v, want ErrNotAdmin", err)
	}
}
