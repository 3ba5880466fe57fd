package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/payments"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
)

// maxWebhookBody caps what the webhook reads before verifying anything.
const maxWebhookBody = 64 << 10

// payOrder charges the order's own total (never an amount from the client)
// to a test card of the mock provider.
func (s *Server) payOrder(w http.ResponseWriter, r *http.Request, u store.User) {
	o, ok := s.visibleOrder(w, r, u)
	if !ok {
		return
	}
	if o.UserID != u.ID {
		writeError(w, http.StatusNotFound, "order not found")
		return
	}
	var in struct {
		CardNumber string `json:"card_number"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	if o.Status != store.StatusPending {
		writeError(w, http.StatusConflict, "order is "+o.Status+", only a pending order can be paid")
		return
	}
	charge, err := s.provider.Charge(in.CardNumber, o.Total)
	switch {
	case errors.Is(err, payments.ErrUnknownCard):
		invalid(w, map[string]string{"card_number": err.Error()})
		return
	case errors.Is(err, payments.ErrDeclined), errors.Is(err, payments.ErrNoFunds):
		if _, rerr := s.store.RecordPayment(r.Context(), store.Payment{OrderID: o.ID, Source: "card", Amount: o.Total, Status: "declined"}); rerr != nil {
			s.fail(w, r, rerr)
			return
		}
		writeError(w, http.StatusPaymentRequired, err.Error())
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	p, err := s.store.RecordPayment(r.Context(), store.Payment{OrderID: o.ID, Source: "card", Reference: charge.Reference, Amount: o.Total, Status: "succeeded"})
	switch {
	case errors.Is(err, store.ErrTransition):
		// Paid meanwhile (a webhook, a double click): nothing was recorded.
		writeError(w, http.StatusConflict, "order is not pending any more")
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	if o, err = s.store.Order(r.Context(), o.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"order": o, "payment": p})
}

func (s *Server) listPayments(w http.ResponseWriter, r *http.Request, u store.User) {
	o, ok := s.visibleOrder(w, r, u)
	if !ok {
		return
	}
	list, err := s.store.Payments(r.Context(), o.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": list})
}

// webhookEvent is the provider's notification.
type webhookEvent struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Data struct {
		OrderID   int64  `json:"order_id"`
		Amount    int64  `json:"amount"`
		Currency  string `json:"currency"`
		Reference string `json:"reference"`
	} `json:"data"`
}

// paymentWebhook verifies the signature over the raw bytes first — before
// parsing, so nothing unauthenticated is even decoded — then applies the
// event once per event id.
func (s *Server) paymentWebhook(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxWebhookBody+1))
	if err != nil || len(raw) > maxWebhookBody {
		writeError(w, http.StatusRequestEntityTooLarge, "request body is too large")
		return
	}
	if !payments.Verify([]byte(s.cfg.WebhookSecret), raw, r.Header.Get(payments.SignatureHeader)) {
		s.log.WarnContext(r.Context(), "webhook refused: bad signature")
		writeError(w, http.StatusUnauthorized, "invalid signature")
		return
	}
	var ev webhookEvent
	if err := json.Unmarshal(raw, &ev); err != nil || ev.ID == "" || len(ev.ID) > 255 || ev.Type == "" || nulField(raw) != "" {
		writeError(w, http.StatusBadRequest, "event needs an id and a type, without NUL bytes")
		return
	}
	outcome, err := s.store.ApplyPaymentEvent(r.Context(), store.PaymentEvent{
		ID: ev.ID, Type: ev.Type, OrderID: ev.Data.OrderID, Amount: ev.Data.Amount, Currency: ev.Data.Currency, Reference: ev.Data.Reference,
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"received": true, "event": ev.ID, "outcome": outcome})
}
