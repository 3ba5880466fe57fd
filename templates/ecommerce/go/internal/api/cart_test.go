package api

import (
	"fmt"
	"net/http"
	"testing"
)

func TestCartTotalsAndStock(t *testing.T) {
	a := newApp(t)
	boss, tok := admin(t, a), customer(t, a, "cart@example.com")
	pid := product(t, a, boss, 1250, 4)
	want(t, a.do(t, call{method: "GET", path: "/api/cart"}), http.StatusUnauthorized)
	cart := want(t, a.do(t, call{method: "POST", path: "/api/cart/items", token: tok, body: map[string]any{"product_id": pid, "quantity": 2, "unit_price": 1}}), http.StatusOK)
	if cart["total"] != 2500.0 || cart["item_count"] != 2.0 {
		t.Fatalf("cart = %v", cart)
	}
	cart = want(t, a.do(t, call{method: "POST", path: "/api/cart/items", token: tok, body: map[string]any{"product_id": pid, "quantity": 1}}), http.StatusOK)
	if cart["total"] != 3750.0 {
		t.Fatalf("after adding one more: %v", cart)
	}
	// Adding 2 more would make 5, above the stock of 4.
	want(t, a.do(t, call{method: "POST", path: "/api/cart/items", token: tok, body: map[string]any{"product_id": pid, "quantity": 2}}), http.StatusUnprocessableEntity)
	path := fmt.Sprintf("/api/cart/items/%d", pid)
	want(t, a.do(t, call{method: "PUT", path: path, token: tok, body: map[string]any{"quantity": 5}}), http.StatusUnprocessableEntity)
	want(t, a.do(t, call{method: "PUT", path: path, token: tok, body: map[string]any{"quantity": 0}}), http.StatusUnprocessableEntity)
	cart = want(t, a.do(t, call{method: "PUT", path: path, token: tok, body: map[string]any{"quantity": 4}}), http.StatusOK)
	if cart["total"] != 5000.0 {
		t.Fatalf("after setting 4: %v", cart)
	}
	want(t, a.do(t, call{method: "POST", path: "/api/cart/items", token: tok, body: map[string]any{"product_id": 9999, "quantity": 1}}), http.StatusUnprocessableEntity)
	// Another customer's cart is their own.
	other := want(t, a.do(t, call{method: "GET", path: "/api/cart", token: customer(t, a, "other@example.com")}), http.StatusOK)
	if other["total"] != 0.0 {
		t.Fatalf("other cart = %v", other)
	}
	cart = want(t, a.do(t, call{method: "DELETE", path: path, token: tok}), http.StatusOK)
	if len(cart["items"].([]any)) != 0 {
		t.Fatalf("after delete: %v", cart)
	}
	want(t, a.do(t, call{method: "DELETE", path: path, token: tok}), http.StatusNotFound)
}

func TestCartRefusesNULBytes(t *testing.T) {
	a := newApp(t)
	boss, tok := admin(t, a), customer(t, a, "nul@example.com")
	pid := product(t, a, boss, 100, 5)
	want(t, a.do(t, call{method: "POST", path: "/api/cart/items", token: tok, body: fmt.Sprintf(`{"product_id": %d, "quantity": 1, "note": "\u0000"}`, pid)}), http.StatusUnprocessableEntity)
	want(t, a.do(t, call{method: "PUT", path: "/api/cart/items/%00", token: tok, body: `{"quantity": 1}`}), http.StatusBadRequest)
	want(t, a.do(t, call{method: "DELETE", path: fmt.Sprintf("/api/cart/items/%d%%00", pid), token: tok}), http.StatusBadRequest)
}
