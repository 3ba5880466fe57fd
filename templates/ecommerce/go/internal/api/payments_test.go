package api

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/payments"
)

// pendingOrder places an order of total 2×price and returns its id.
func pendingOrder(t *testing.T, a app, tok, boss string, price int) float64 {
	t.Helper()
	pid := product(t, a, boss, price, 10)
	o := want(t, a.do(t, call{method: "POST", path: "/api/orders", token: tok,
		body: map[string]any{"items": []map[string]any{{"product_id": pid, "quantity": 2}}}}), http.StatusCreated)
	return o["id"].(float64)
}

func TestPayWithTestCards(t *testing.T) {
	a := newApp(t)
	boss, tok := admin(t, a), customer(t, a, "payer@example.com")
	id := pendingOrder(t, a, tok, boss, 999)
	pay := fmt.Sprintf("/api/orders/%v/pay", id)
	want(t, a.do(t, call{method: "POST", path: pay, token: tok, body: map[string]string{"card_number": payments.CardDeclined}}), http.StatusPaymentRequired)
	want(t, a.do(t, call{method: "POST", path: pay, token: tok, body: map[string]string{"card_number": "4111111111111111"}}), http.StatusUnprocessableEntity)
	want(t, a.do(t, call{method: "POST", path: pay, token: customer(t, a, "thief@example.com"), body: map[string]string{"card_number": payments.CardSuccess}}), http.StatusNotFound)
	got := want(t, a.do(t, call{method: "POST", path: pay, token: tok, body: map[string]any{"card_number": payments.CardSuccess, "amount": 1}}), http.StatusOK)
	if o := got["order"].(map[string]any); o["status"] != "paid" || got["payment"].(map[string]any)["amount"] != 1998.0 {
		t.Fatalf("pay = %v", got)
	}
	want(t, a.do(t, call{method: "POST", path: pay, token: tok, body: map[string]string{"card_number": payments.CardSuccess}}), http.StatusConflict)
	list := want(t, a.do(t, call{method: "GET", path: fmt.Sprintf("/api/orders/%v/payments", id), token: tok}), http.StatusOK)
	if n := len(list["data"].([]any)); n != 2 { // the declined attempt and the charge
		t.Fatalf("payments = %v", list)
	}
}

func TestWebhookSignatureAndReplay(t *testing.T) {
	a := newApp(t)
	boss, tok := admin(t, a), customer(t, a, "hook@example.com")
	id := pendingOrder(t, a, tok, boss, 500)
	body := fmt.Sprintf(`{"id":"evt_1","type":"payment.succeeded","data":{"order_id":%v,"amount":1000,"currency":"EUR","reference":"ref_1"}}`, id)
	secret := []byte(testConfig().WebhookSecret)
	send := func(sig string) map[string]any {
		w := a.do(t, call{method: "POST", path: "/api/payments/webhook", body: body, header: map[string]string{payments.SignatureHeader: sig}})
		if w.Code != http.StatusOK {
			return map[string]any{"status": float64(w.Code)}
		}
		return want(t, w, http.StatusOK)
	}
	status := func() any {
		return want(t, a.do(t, call{method: "GET", path: fmt.Sprintf("/api/orders/%v", id), token: tok}), http.StatusOK)["status"]
	}
	for _, bad := range []string{"", "sha256=00", payments.Sign([]byte("wrong"), []byte(body))} {
		if got := send(bad); got["status"] != 401.0 {
			t.Fatalf("signature %q: %v", bad, got)
		}
	}
	if status() != "pending" {
		t.Fatal("a refused webhook changed the order")
	}
	if got := send(payments.Sign(secret, []byte(body))); got["outcome"] != "applied" {
		t.Fatalf("first delivery: %v", got)
	}
	if got := send(payments.Sign(secret, []byte(body))); got["outcome"] != "duplicate" {
		t.Fatalf("replay: %v", got)
	}
	list := want(t, a.do(t, call{method: "GET", path: fmt.Sprintf("/api/orders/%v/payments", id), token: tok}), http.StatusOK)
	if status() != "paid" || len(list["data"].([]any)) != 1 {
		t.Fatalf("after replay: status %v, payments %v", status(), list)
	}
}

func TestWebhookWithWrongAmountDoesNotPay(t *testing.T) {
	a := newApp(t)
	boss, tok := admin(t, a), customer(t, a, "cheap@example.com")
	id := pendingOrder(t, a, tok, boss, 500)
	body := fmt.Sprintf(`{"id":"evt_2","type":"payment.succeeded","data":{"order_id":%v,"amount":1,"currency":"EUR"}}`, id)
	w := a.do(t, call{method: "POST", path: "/api/payments/webhook", body: body,
		header: map[string]string{payments.SignatureHeader: payments.Sign([]byte(testConfig().WebhookSecret), []byte(body))}})
	if got := want(t, w, http.StatusOK); got["outcome"] != "ignored" {
		t.Fatalf("outcome = %v", got)
	}
}

func TestPaymentsRefuseNULBytes(t *testing.T) {
	a := newApp(t)
	boss, tok := admin(t, a), customer(t, a, "nul@example.com")
	id := pendingOrder(t, a, tok, boss, 500)
	want(t, a.do(t, call{method: "POST", path: fmt.Sprintf("/api/orders/%v/pay", id), token: tok, body: `{"card_number": "4242424242424242\u0000"}`}), http.StatusUnprocessableEntity)
	// A correctly signed event is still refused, not stored, when it holds a NUL.
	body := fmt.Sprintf(`{"id":"evt_\u0000","type":"payment.succeeded","data":{"order_id":%v,"amount":1000,"currency":"EUR"}}`, id)
	want(t, a.do(t, call{method: "POST", path: "/api/payments/webhook", body: body,
		header: map[string]string{payments.SignatureHeader: payments.Sign([]byte(testConfig().WebhookSecret), []byte(body))}}), http.StatusBadRequest)
}
