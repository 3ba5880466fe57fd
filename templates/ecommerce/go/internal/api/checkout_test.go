package api

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

func TestCheckoutFromCartIgnoresClientPrices(t *testing.T) {
	a := newApp(t)
	boss, tok := admin(t, a), customer(t, a, "buyer@example.com")
	pid := product(t, a, boss, 1250, 10)
	want(t, a.do(t, call{method: "POST", path: "/api/orders", token: tok}), http.StatusUnprocessableEntity) // empty cart
	want(t, a.do(t, call{method: "POST", path: "/api/cart/items", token: tok, body: map[string]any{"product_id": pid, "quantity": 2}}), http.StatusOK)
	w := a.do(t, call{method: "POST", path: "/api/orders", token: tok, body: `{"total": 1, "items": null}`})
	o := want(t, w, http.StatusCreated)
	if o["total"] != 2500.0 || o["status"] != "pending" || w.Header().Get("Location") == "" {
		t.Fatalf("order = %v", o)
	}
	cart := want(t, a.do(t, call{method: "GET", path: "/api/cart", token: tok}), http.StatusOK)
	if len(cart["items"].([]any)) != 0 {
		t.Fatalf("cart not emptied: %v", cart)
	}
	p := want(t, a.do(t, call{method: "GET", path: fmt.Sprintf("/api/products/%d", pid)}), http.StatusOK)
	if p["stock"] != 8.0 {
		t.Fatalf("stock = %v, want 8", p["stock"])
	}
	// Buy now, with made-up prices in the body.
	o = want(t, a.do(t, call{method: "POST", path: "/api/orders", token: tok,
		body: map[string]any{"items": []map[string]any{{"product_id": pid, "quantity": 3, "unit_price": 1}}, "total": 3}}), http.StatusCreated)
	if o["total"] != 3750.0 {
		t.Fatalf("buy-now total = %v, want 3750", o["total"])
	}
	want(t, a.do(t, call{method: "POST", path: "/api/orders", token: tok,
		body: map[string]any{"items": []map[string]any{{"product_id": pid, "quantity": 6}}}}), http.StatusConflict)
}

func TestIdempotencyKeyReturnsTheSameOrder(t *testing.T) {
	a := newApp(t)
	boss, tok := admin(t, a), customer(t, a, "retry@example.com")
	pid := product(t, a, boss, 700, 10)
	req := call{method: "POST", path: "/api/orders", token: tok, header: map[string]string{"Idempotency-Key": "order-attempt-1"},
		body: map[string]any{"items": []map[string]any{{"product_id": pid, "quantity": 1}}}}
	first := want(t, a.do(t, req), http.StatusCreated)
	w := a.do(t, req)
	again := want(t, w, http.StatusOK)
	if again["id"] != first["id"] || w.Header().Get("Idempotent-Replayed") != "true" {
		t.Fatalf("retry answered %v, first was %v", again, first)
	}
	// The same request spaced and ordered differently is still the same.
	w = a.do(t, call{method: "POST", path: "/api/orders", token: tok, header: req.header,
		body: fmt.Sprintf(`{ "items" : [ {"quantity":1, "product_id":%d} ] }`, pid)})
	if again := want(t, w, http.StatusOK); again["id"] != first["id"] {
		t.Fatalf("reformatted retry answered %v", again)
	}
	// Another body under the same key is a client bug, not a retry.
	for _, body := range []any{
		map[string]any{"items": []map[string]any{{"product_id": pid, "quantity": 2}}},
		nil, // the cart
	} {
		reused := req
		reused.body = body
		fields := want(t, a.do(t, reused), http.StatusUnprocessableEntity)["fields"].(map[string]any)
		if fields["Idempotency-Key"] == nil {
			t.Errorf("body %v: fields = %v, want Idempotency-Key", body, fields)
		}
	}
	if p := want(t, a.do(t, call{method: "GET", path: fmt.Sprintf("/api/products/%d", pid)}), http.StatusOK); p["stock"] != 9.0 {
		t.Fatalf("stock = %v, want 9: only the first request took any", p["stock"])
	}
	// The key belongs to its customer: another one using it gets a new order.
	req.token = customer(t, a, "other@example.com")
	if other := want(t, a.do(t, req), http.StatusCreated); other["id"] == first["id"] {
		t.Fatal("a key was shared between customers")
	}
	list := want(t, a.do(t, call{method: "GET", path: "/api/orders", token: tok}), http.StatusOK)
	if list["total"] != 1.0 {
		t.Fatalf("orders = %v", list)
	}
}

func TestParallelCheckoutsThroughHTTP(t *testing.T) {
	a := newApp(t)
	boss, tok := admin(t, a), customer(t, a, "rush@example.com")
	pid := product(t, a, boss, 100, 5)
	codes := make(chan int, 20)
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes <- a.do(t, call{method: "POST", path: "/api/orders", token: tok,
				body: map[string]any{"items": []map[string]any{{"product_id": pid, "quantity": 1}}}}).Code
		}()
	}
	wg.Wait()
	close(codes)
	count := map[int]int{}
	for c := range codes {
		count[c]++
	}
	if count[201] != 5 || count[409] != 15 {
		t.Fatalf("statuses = %v, want 5×201 and 15×409", count)
	}
}

func TestOrderVisibilityAndTransitions(t *testing.T) {
	a := newApp(t)
	boss, tok := admin(t, a), customer(t, a, "own@example.com")
	pid := product(t, a, boss, 300, 4)
	o := want(t, a.do(t, call{method: "POST", path: "/api/orders", token: tok,
		body: map[string]any{"items": []map[string]any{{"product_id": pid, "quantity": 4}}}}), http.StatusCreated)
	path := fmt.Sprintf("/api/orders/%v", o["id"])
	admPath := fmt.Sprintf("/api/admin/orders/%v", o["id"])
	want(t, a.do(t, call{method: "GET", path: path, token: customer(t, a, "nosy@example.com")}), http.StatusNotFound)
	want(t, a.do(t, call{method: "GET", path: path, token: boss}), http.StatusOK)
	want(t, a.do(t, call{method: "PATCH", path: admPath, token: tok, body: map[string]string{"status": "paid"}}), http.StatusForbidden)
	want(t, a.do(t, call{method: "GET", path: "/api/admin/orders", token: tok}), http.StatusForbidden)
	want(t, a.do(t, call{method: "PATCH", path: admPath, token: boss, body: map[string]string{"status": "shipped"}}), http.StatusConflict)
	want(t, a.do(t, call{method: "PATCH", path: admPath, token: boss, body: map[string]string{"status": "lost"}}), http.StatusUnprocessableEntity)
	for _, s := range []string{"paid", "shipped", "delivered"} {
		want(t, a.do(t, call{method: "PATCH", path: admPath, token: boss, body: map[string]string{"status": s}}), http.StatusOK)
	}
	want(t, a.do(t, call{method: "PATCH", path: admPath, token: boss, body: map[string]string{"status": "cancelled"}}), http.StatusConflict)

	// Cancelling a second order puts its stock back.
	want(t, a.do(t, call{method: "PATCH", path: fmt.Sprintf("/api/products/%d", pid), token: boss}), http.StatusMethodNotAllowed)
	want(t, a.do(t, call{method: "PUT", path: fmt.Sprintf("/api/products/%d", pid), token: boss, body: map[string]any{"name": "Widget", "price": 300, "stock": 2}}), http.StatusOK)
	o2 := want(t, a.do(t, call{method: "POST", path: "/api/orders", token: tok,
		body: map[string]any{"items": []map[string]any{{"product_id": pid, "quantity": 2}}}}), http.StatusCreated)
	want(t, a.do(t, call{method: "PATCH", path: fmt.Sprintf("/api/admin/orders/%v", o2["id"]), token: boss, body: map[string]string{"status": "cancelled"}}), http.StatusOK)
	if p := want(t, a.do(t, call{method: "GET", path: fmt.Sprintf("/api/products/%d", pid)}), http.StatusOK); p["stock"] != 2.0 {
		t.Fatalf("stock after cancel = %v, want 2", p["stock"])
	}
}

// TestOrdersRefuseNULAndHugePages holds the order endpoints to the same
// input rules as the catalog, on SQLite and PostgreSQL.
func TestOrdersRefuseNULAndHugePages(t *testing.T) {
	a := newApp(t)
	boss, tok := admin(t, a), customer(t, a, "nul@example.com")
	pid := product(t, a, boss, 100, 5)
	for _, c := range []call{
		{method: "GET", path: "/api/orders?status=pending%00", token: tok},
		{method: "GET", path: "/api/orders?page=9223372036854775807", token: tok},
		{method: "GET", path: "/api/admin/orders?page=9223372036854775807", token: boss},
		{method: "GET", path: "/api/admin/orders?page=1000001", token: boss},
		{method: "POST", path: "/api/orders", token: tok, header: map[string]string{IdempotencyHeader: "k\x00"}},
		{method: "POST", path: "/api/orders", token: tok, body: fmt.Sprintf(`{"items": [{"product_id": %d, "quantity": 1}], "note": "\u0000"}`, pid)},
		{method: "PATCH", path: "/api/admin/orders/1", token: boss, body: `{"status": "paid\u0000"}`},
	} {
		want(t, a.do(t, c), http.StatusUnprocessableEntity)
	}
	want(t, a.do(t, call{method: "GET", path: "/api/orders/1%00", token: tok}), http.StatusBadRequest)
	if got := want(t, a.do(t, call{method: "GET", path: "/api/admin/orders?page=1000000&limit=100", token: boss}), http.StatusOK); got["total"] != 0.0 {
		t.Fatalf("the last page = %v", got)
	}
}
