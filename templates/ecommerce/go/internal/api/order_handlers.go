package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
)

// IdempotencyHeader names the client's key for a retry-safe checkout.
const IdempotencyHeader = "Idempotency-Key"

// checkoutBody is the optional "buy now" body. Anything else a client
// sends, such as a total or unit prices, is ignored: prices come from the
// catalog inside the checkout transaction.
type checkoutBody struct {
	Items []cartLineBody `json:"items"`
}

// checkout places an order from the cart, or from the body's items when
// it has an "items" array.
func (s *Server) checkout(w http.ResponseWriter, r *http.Request, u store.User) {
	in := store.CheckoutInput{UserID: u.ID, Key: r.Header.Get(IdempotencyHeader), Currency: s.cfg.Currency}
	if len(in.Key) > 255 || strings.IndexByte(in.Key, 0) >= 0 {
		invalid(w, map[string]string{IdempotencyHeader: "must be at most 255 characters, without NUL bytes"})
		return
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		writeError(w, http.StatusRequestEntityTooLarge, "request body is too large")
		return
	}
	if field := nulField(raw); field != "" {
		invalid(w, map[string]string{field: noNUL})
		return
	}
	if in.Key != "" {
		if in.RequestHash, err = requestHash(r.Method, r.URL.Path, raw); err != nil {
			writeError(w, http.StatusBadRequest, "request body is not valid JSON for this endpoint")
			return
		}
	}
	if len(bytes.TrimSpace(raw)) > 0 {
		var body checkoutBody
		if err := json.Unmarshal(raw, &body); err != nil {
			writeError(w, http.StatusBadRequest, "request body is not valid JSON for this endpoint")
			return
		}
		if body.Items != nil {
			lines, fields := orderLines(body.Items)
			if len(fields) > 0 {
				invalid(w, fields)
				return
			}
			in.Lines = lines
		}
	}
	order, created, err := s.store.Checkout(r.Context(), in)
	switch {
	case errors.Is(err, store.ErrKeyReused):
		writeJSON(w, http.StatusUnprocessableEntity, problem{Error: "this Idempotency-Key was used with another request",
			Fields: map[string]string{IdempotencyHeader: "already placed an order with another body; send a new key for a new order"}})
	case errors.Is(err, store.ErrEmptyCart):
		invalid(w, map[string]string{"cart": "is empty"})
	case errors.Is(err, store.ErrNotFound):
		invalid(w, map[string]string{"items": "a product does not exist any more"})
	case errors.Is(err, store.ErrOutOfStock):
		writeError(w, http.StatusConflict, "not enough stock: "+err.Error())
	case err != nil:
		s.fail(w, r, err)
	case !created:
		w.Header().Set("Idempotent-Replayed", "true")
		writeJSON(w, http.StatusOK, order)
	default:
		w.Header().Set("Location", fmt.Sprintf("/api/orders/%d", order.ID))
		writeJSON(w, http.StatusCreated, order)
	}
}

// requestHash fingerprints the request an Idempotency-Key arrives with:
// sha256 of the method, the path and the body as canonical JSON (object
// keys sorted, no insignificant space; no body counts as {}). The same
// request sent again matches however the client spaced or ordered it.
func requestHash(method, path string, body []byte) (string, error) {
	canonical := []byte("{}")
	if len(bytes.TrimSpace(body)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber() // numbers keep their exact text
		var v any
		if err := dec.Decode(&v); err != nil {
			return "", err
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil { // maps encode with sorted keys
			return "", err
		}
		canonical = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	}
	sum := sha256.Sum256(append([]byte(method+" "+path+"\n"), canonical...))
	return hex.EncodeToString(sum[:]), nil
}

// orderLines validates "buy now" items, merging repeated products.
func orderLines(items []cartLineBody) ([]store.Line, map[string]string) {
	fields := map[string]string{}
	if len(items) == 0 || len(items) > 100 {
		fields["items"] = "must hold 1 to 100 lines"
	}
	qty := map[int64]int64{}
	var order []int64
	for i, it := range items {
		if it.ProductID <= 0 || it.Quantity < 1 || it.Quantity > maxLineQuantity {
			fields[fmt.Sprintf("items[%d]", i)] = "needs a product_id and a quantity from 1 to 1000"
			continue
		}
		if _, seen := qty[it.ProductID]; !seen {
			order = append(order, it.ProductID)
		}
		qty[it.ProductID] += it.Quantity
	}
	lines := make([]store.Line, 0, len(order))
	for _, id := range order {
		lines = append(lines, store.Line{ProductID: id, Quantity: qty[id]})
	}
	return lines, fields
}

func (s *Server) listOrders(w http.ResponseWriter, r *http.Request, u store.User) {
	s.answerOrders(w, r, u.ID)
}

func (s *Server) listAllOrders(w http.ResponseWriter, r *http.Request, _ store.User) {
	s.answerOrders(w, r, 0)
}

func (s *Server) answerOrders(w http.ResponseWriter, r *http.Request, userID int64) {
	fields := map[string]string{}
	page, limit := paging(r, fields)
	status := r.URL.Query().Get("status")
	if status != "" && !store.ValidStatus(status) {
		fields["status"] = "must be pending, paid, shipped, delivered or cancelled"
	}
	if len(fields) > 0 {
		invalid(w, fields)
		return
	}
	orders, total, err := s.store.Orders(r.Context(), userID, status, page, limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pageOf[store.Order]{Data: orders, Page: page, Limit: limit, Total: total})
}

// visibleOrder loads the path's order if u may see it: its owner or an
// admin. Anybody else gets the same 404 as for a missing order.
func (s *Server) visibleOrder(w http.ResponseWriter, r *http.Request, u store.User) (store.Order, bool) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return store.Order{}, false
	}
	o, err := s.store.Order(r.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound), err == nil && o.UserID != u.ID && u.Role != store.RoleAdmin:
		writeError(w, http.StatusNotFound, "order not found")
	case err != nil:
		s.fail(w, r, err)
	default:
		return o, true
	}
	return store.Order{}, false
}

func (s *Server) getOrder(w http.ResponseWriter, r *http.Request, u store.User) {
	if o, ok := s.visibleOrder(w, r, u); ok {
		writeJSON(w, http.StatusOK, o)
	}
}

// setOrderStatus serves PATCH /api/admin/orders/{id} {"status": "..."}.
func (s *Server) setOrderStatus(w http.ResponseWriter, r *http.Request, _ store.User) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	var in struct {
		Status string `json:"status"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	if !store.ValidStatus(in.Status) {
		invalid(w, map[string]string{"status": "must be pending, paid, shipped, delivered or cancelled"})
		return
	}
	o, err := s.store.SetStatus(r.Context(), id, in.Status)
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "order not found")
	case errors.Is(err, store.ErrTransition):
		writeError(w, http.StatusConflict, "illegal status change: "+err.Error())
	case err != nil:
		s.fail(w, r, err)
	default:
		writeJSON(w, http.StatusOK, o)
	}
}
