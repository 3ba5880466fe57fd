package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/auth"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
)

// customer registers email and returns its token.
func customer(t testing.TB, a app, email string) string {
	t.Helper()
	got := want(t, a.do(t, call{method: "POST", path: "/api/auth/register", body: map[string]string{"email": email, "password": "correct-horse-1"}}), http.StatusCreated)
	return got["access_token"].(string)
}

// admin creates an admin as the server's start does and returns its token.
func admin(t testing.TB, a app) string {
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
func product(t testing.TB, a app, adminToken string, price, stock int) int {
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
	// A fractional price is a field of the wrong type: 422 naming it, as
	// the Node and Python stacks answer.
	if f := want(t, a.do(t, call{method: "POST", path: "/api/products", token: boss, body: map[string]any{"name": "X", "price": 19.99, "stock": 1}}), http.StatusUnprocessableEntity)["fields"].(map[string]any); f["price"] == nil {
		t.Errorf("a fractional price: no message for price: %v", f)
	}
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

// userID is the id of the user token belongs to.
func userID(t *testing.T, a app, token string) float64 {
	t.Helper()
	me := want(t, a.do(t, call{method: "GET", path: "/api/auth/me", token: token}), http.StatusOK)
	return me["user"].(map[string]any)["id"].(float64)
}

func TestRoleComesFromTheDatabaseNotTheToken(t *testing.T) {
	a := newApp(t)
	boss := admin(t, a)
	annCustomerToken := customer(t, a, "ann@example.com")
	rolePath := fmt.Sprintf("/api/admin/users/%v/role", userID(t, a, annCustomerToken))
	body := map[string]any{"name": "Lamp", "price": 1999, "stock": 3}

	promoted := want(t, a.do(t, call{method: "PUT", path: rolePath, token: boss, body: map[string]string{"role": "admin"}}), http.StatusOK)
	if promoted["user"].(map[string]any)["role"] != "admin" {
		t.Fatalf("promoted = %v", promoted)
	}
	annAdminToken := want(t, a.do(t, call{method: "POST", path: "/api/auth/login",
		body: map[string]string{"email": "ann@example.com", "password": "correct-horse-1"}}), http.StatusOK)["access_token"].(string)
	want(t, a.do(t, call{method: "POST", path: "/api/products", token: annAdminToken, body: body}), http.StatusCreated)
	// The token from before the promotion works as an admin's too.
	want(t, a.do(t, call{method: "POST", path: "/api/products", token: annCustomerToken, body: body}), http.StatusCreated)

	want(t, a.do(t, call{method: "PUT", path: rolePath, token: boss, body: map[string]string{"role": "customer"}}), http.StatusOK)
	// The token issued while ann was an admin carries no admin rights now.
	want(t, a.do(t, call{method: "POST", path: "/api/products", token: annAdminToken, body: body}), http.StatusForbidden)
	want(t, a.do(t, call{method: "GET", path: "/api/admin/orders", token: annAdminToken}), http.StatusForbidden)
	if me := want(t, a.do(t, call{method: "GET", path: "/api/auth/me", token: annAdminToken}), http.StatusOK); me["user"].(map[string]any)["role"] != "customer" {
		t.Fatalf("me after the demotion = %v", me)
	}
}

func TestSetRoleRules(t *testing.T) {
	a := newApp(t)
	boss, ann := admin(t, a), customer(t, a, "ann@example.com")
	annPath := fmt.Sprintf("/api/admin/users/%v/role", userID(t, a, ann))
	want(t, a.do(t, call{method: "PUT", path: annPath, body: map[string]string{"role": "admin"}}), http.StatusUnauthorized)
	want(t, a.do(t, call{method: "PUT", path: annPath, token: ann, body: map[string]string{"role": "admin"}}), http.StatusForbidden)
	fields := want(t, a.do(t, call{method: "PUT", path: annPath, token: boss, body: map[string]string{"role": "owner"}}), http.StatusUnprocessableEntity)["fields"]
	if fields.(map[string]any)["role"] == nil {
		t.Errorf("fields = %v, want role", fields)
	}
	self := fmt.Sprintf("/api/admin/users/%v/role", userID(t, a, boss))
	want(t, a.do(t, call{method: "PUT", path: self, token: boss, body: map[string]string{"role": "customer"}}), http.StatusUnprocessableEntity)
	want(t, a.do(t, call{method: "PUT", path: self, token: boss, body: map[string]string{"role": "admin"}}), http.StatusOK)
	want(t, a.do(t, call{method: "PUT", path: "/api/admin/users/999999/role", token: boss, body: map[string]string{"role": "admin"}}), http.StatusNotFound)
}

func TestTokenOfAMissingUserIsRefused(t *testing.T) {
	a := newApp(t)
	gone, err := a.s.tokens.Issue(999999)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []call{
		{method: "GET", path: "/api/auth/me", token: gone},
		{method: "GET", path: "/api/cart", token: gone},
		{method: "POST", path: "/api/cart/items", token: gone, body: map[string]int{"product_id": 1, "quantity": 1}},
		{method: "POST", path: "/api/orders", token: gone},
	} {
		want(t, a.do(t, c), http.StatusUnauthorized)
	}
}

// An access token works for its whole lifetime (TokenTTL) and not a second
// longer.
func TestTokensExpire(t *testing.T) {
	clock := newTestClock()
	a := newAppWith(t, testConfig(), WithClock(clock.Now))
	token := customer(t, a, "ann@example.com")
	clock.Advance(testConfig().TokenTTL - time.Second)
	want(t, a.do(t, call{method: "GET", path: "/api/auth/me", token: token}), http.StatusOK)
	clock.Advance(2 * time.Second)
	want(t, a.do(t, call{method: "GET", path: "/api/auth/me", token: token}), http.StatusUnauthorized)
}

func TestTokenWithoutExpiryIsRefused(t *testing.T) {
	a := newApp(t)
	id := userID(t, a, customer(t, a, "ann@example.com"))
	sign := func(claims jwt.MapClaims) string {
		tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(testConfig().JWTSecret))
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	sub := strconv.FormatFloat(id, 'f', 0, 64)
	want(t, a.do(t, call{method: "GET", path: "/api/auth/me", token: sign(jwt.MapClaims{"sub": sub, "exp": time.Now().Add(time.Minute).Unix()})}), http.StatusOK)
	want(t, a.do(t, call{method: "GET", path: "/api/auth/me", token: sign(jwt.MapClaims{"sub": sub, "iat": time.Now().Unix()})}), http.StatusUnauthorized)
}

// TestAccountsRefuseNULBytes: on PostgreSQL each of these would otherwise
// reach an INSERT or a WHERE and fail with a 500.
func TestAccountsRefuseNULBytes(t *testing.T) {
	a := newApp(t)
	boss, ann := admin(t, a), customer(t, a, "ann@example.com")
	role := fmt.Sprintf("/api/admin/users/%v/role", userID(t, a, ann))
	for _, tc := range []struct {
		c     call
		field string
	}{
		{call{method: "POST", path: "/api/auth/register", body: `{"email": "nul\u0000@example.com", "password": "correct-horse-1"}`}, "email"},
		{call{method: "POST", path: "/api/auth/register", body: `{"email": "nul@example.com", "password": "correct\u0000horse"}`}, "password"},
		{call{method: "POST", path: "/api/auth/login", body: `{"email": "ann@example.com\u0000", "password": "correct-horse-1"}`}, "email"},
		{call{method: "POST", path: "/api/products", token: boss, body: `{"name": "Lamp\u0000", "price": 1, "stock": 1}`}, "name"},
		{call{method: "POST", path: "/api/products", token: boss, body: `{"name": "Lamp", "description": "\u0000", "price": 1, "stock": 1}`}, "description"},
		{call{method: "POST", path: "/api/products", token: boss, body: `{"name": "Lamp", "price": 1, "stock": 1, "category": "gear\u0000"}`}, "category"},
		{call{method: "POST", path: "/api/products", token: boss, body: `{"name": "Lamp", "price": 1, "stock": 1, "images": ["https://example.com/\u0000.jpg"]}`}, "images[0]"},
		{call{method: "PUT", path: "/api/products/1", token: boss, body: `{"name": "\u0000", "price": 1, "stock": 1}`}, "name"},
		{call{method: "PUT", path: role, token: boss, body: `{"role": "admin\u0000"}`}, "role"},
	} {
		got := want(t, a.do(t, tc.c), http.StatusUnprocessableEntity)
		if f, _ := got["fields"].(map[string]any); f[tc.field] != "must not contain NUL bytes" {
			t.Errorf("%s %s %v: fields = %v, want %s", tc.c.method, tc.c.path, tc.c.body, got["fields"], tc.field)
		}
	}
}

// TestSessionSaysItsLifetime: register and login answer token_type and
// expires_in, as the Node and Python stacks do.
func TestSessionSaysItsLifetime(t *testing.T) {
	a := newApp(t)
	got := want(t, a.do(t, call{method: "POST", path: "/api/auth/register", body: map[string]string{"email": "ann@example.com", "password": "correct-horse-42"}}), http.StatusCreated)
	if n, ok := got["expires_in"].(float64); got["token_type"] != "Bearer" || !ok || n <= 0 || n != float64(int(n)) {
		t.Errorf("session = %v, want token_type Bearer and expires_in in whole seconds", got)
	}
}
