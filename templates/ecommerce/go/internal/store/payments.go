package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Payment is one attempt to pay an order, by card or reported by webhook.
type Payment struct {
	ID        int64     `json:"id"`
	OrderID   int64     `json:"order_id"`
	Source    string    `json:"source"` // "card" or "webhook"
	Reference string    `json:"reference"`
	Amount    int64     `json:"amount"`
	Status    string    `json:"status"` // "succeeded" or "declined"
	CreatedAt time.Time `json:"created_at"`
}

// RecordPayment stores p. A succeeded payment also moves the order from
// pending to paid in the same transaction (ErrTransition when the order is
// not pending any more, and then nothing is stored).
func (s *Store) RecordPayment(ctx context.Context, p Payment) (Payment, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error { return s.recordPayment(ctx, tx, &p) })
	return p, err
}

func (s *Store) recordPayment(ctx context.Context, tx *sql.Tx, p *Payment) error {
	if p.Status == "succeeded" {
		if err := s.transition(ctx, tx, p.OrderID, StatusPaid); err != nil {
			return err
		}
	}
	p.CreatedAt = time.Now().UTC()
	var err error
	p.ID, err = s.insertID(ctx, tx, `INSERT INTO payments (order_id, source, reference, amount, status, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		p.OrderID, p.Source, p.Reference, p.Amount, p.Status, p.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert payment: %w", err)
	}
	return nil
}

// Payments lists an order's payments, oldest first.
func (s *Store) Payments(ctx context.Context, orderID int64) ([]Payment, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT id, order_id, source, reference, amount, status, created_at FROM payments WHERE order_id = ? ORDER BY id`), orderID)
	if err != nil {
		return nil, fmt.Errorf("list payments: %w", err)
	}
	defer rows.Close()
	out := []Payment{}
	for rows.Next() {
		var p Payment
		if err := rows.Scan(&p.ID, &p.OrderID, &p.Source, &p.Reference, &p.Amount, &p.Status, &p.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PaymentEvent is a provider's "payment succeeded" notification.
type PaymentEvent struct {
	ID        string
	Type      string
	OrderID   int64
	Amount    int64
	Currency  string
	Reference string
}

// Webhook outcomes.
const (
	EventApplied   = "applied"   // the order is now paid
	EventIgnored   = "ignored"   // recorded, but nothing to change
	EventDuplicate = "duplicate" // this event id was seen before
)

// ApplyPaymentEvent records the event id and, the first time only, marks
// the order paid when the event's amount and currency match it. The event
// id's primary key makes a replay (even a concurrent one) a no-op.
func (s *Store) ApplyPaymentEvent(ctx context.Context, ev PaymentEvent) (string, error) {
	outcome := EventIgnored
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`INSERT INTO webhook_events (id, type, received_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING`),
			ev.ID, ev.Type, time.Now().UTC())
		if err != nil {
			return fmt.Errorf("record event: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			outcome = EventDuplicate
			return nil
		}
		if ev.Type != "payment.succeeded" {
			return nil
		}
		var status, currency string
		var total int64
		err = tx.QueryRowContext(ctx, s.q(`SELECT status, total, currency FROM orders WHERE id = ?`), ev.OrderID).Scan(&status, &total, &currency)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && (status != StatusPending || total != ev.Amount || currency != ev.Currency)) {
			return nil
		}
		if err != nil {
			return err
		}
		p := Payment{OrderID: ev.OrderID, Source: "webhook", Reference: ev.Reference, Amount: ev.Amount, Status: "succeeded"}
		if err := s.recordPayment(ctx, tx, &p); err != nil {
			return err
		}
		outcome = EventApplied
		return nil
	})
	return outcome, err
}
