package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Order statuses.
const (
	StatusPending   = "pending"
	StatusPaid      = "paid"
	StatusShipped   = "shipped"
	StatusDelivered = "delivered"
	StatusCancelled = "cancelled"
)

// transitions lists, for each status, the statuses an order may move to.
// Everything else is ErrTransition.
var transitions = map[string][]string{
	StatusPending: {StatusPaid, StatusCancelled},
	StatusPaid:    {StatusShipped, StatusCancelled},
	StatusShipped: {StatusDelivered},
}

// Order is a placed order. Prices are copied from the catalog when it is
// placed, so a later price change does not rewrite history.
type Order struct {
	ID        int64       `json:"id"`
	UserID    int64       `json:"user_id"`
	Status    string      `json:"status"`
	Total     int64       `json:"total"`
	Currency  string      `json:"currency"`
	Items     []OrderItem `json:"items"`
	CreatedAt time.Time   `json:"created_at"`
	UpdatedAt time.Time   `json:"updated_at"`
}

// OrderItem is one line of an order.
type OrderItem struct {
	ProductID int64  `json:"product_id"`
	Name      string `json:"name"`
	UnitPrice int64  `json:"unit_price"`
	Quantity  int64  `json:"quantity"`
	LineTotal int64  `json:"line_total"`
}

// Line asks for quantity of a product.
type Line struct {
	ProductID int64
	Quantity  int64
}

// CheckoutInput is one checkout: the customer's cart, or Lines when given
// ("buy now"). Key is the client's Idempotency-Key, or empty; RequestHash
// fingerprints the request that carried it, so that the key cannot be
// reused for a different order.
type CheckoutInput struct {
	UserID      int64
	Key         string
	RequestHash string
	Lines       []Line
	Currency    string
}

// ErrKeyReused means an Idempotency-Key came back with another request
// than the one that placed its order.
var ErrKeyReused = errors.New("the idempotency key was used with another request")

// Checkout places an order in one transaction: it decrements every
// product's stock with a conditional UPDATE, so that two checkouts racing
// for the last item cannot both succeed (the loser gets ErrOutOfStock and
// its transaction rolls back whole). created is false when Key named an
// earlier order of the same request, which is returned unchanged; the key
// with another request is ErrKeyReused.
func (s *Store) Checkout(ctx context.Context, in CheckoutInput) (order Order, created bool, err error) {
	var id int64
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if in.Key != "" {
			var found bool
			if id, found, err = s.orderOfKey(ctx, tx, in); found || err != nil {
				return err
			}
		}
		lines := in.Lines
		fromCart := lines == nil
		if fromCart {
			if lines, err = s.cartLines(ctx, tx, in.UserID); err != nil {
				return err
			}
		}
		if len(lines) == 0 {
			return ErrEmptyCart
		}
		// A fixed lock order (by product id) keeps two multi-item checkouts
		// from deadlocking on PostgreSQL.
		slices.SortFunc(lines, func(a, b Line) int { return int(a.ProductID - b.ProductID) })
		var items []OrderItem
		var total int64
		for _, l := range lines {
			it := OrderItem{ProductID: l.ProductID, Quantity: l.Quantity}
			err := tx.QueryRowContext(ctx, s.q(`SELECT name, price FROM products WHERE id = ?`), l.ProductID).Scan(&it.Name, &it.UnitPrice)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("product %d: %w", l.ProductID, ErrNotFound)
			}
			if err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, s.q(`UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?`), l.Quantity, l.ProductID, l.Quantity)
			if err != nil {
				return fmt.Errorf("reserve stock: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("%s: %w", it.Name, ErrOutOfStock)
			}
			it.LineTotal = it.UnitPrice * it.Quantity
			total += it.LineTotal
			items = append(items, it)
		}
		key := nullable(in.Key)
		now := time.Now().UTC()
		id, err = s.insertID(ctx, tx, `INSERT INTO orders (user_id, status, total, currency, idempotency_key, request_hash, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, in.UserID, StatusPending, total, in.Currency, key, nullable(in.RequestHash), now, now)
		if isUniqueViolation(err) {
			return ErrConflict // the same key raced us and committed first
		}
		if err != nil {
			return fmt.Errorf("insert order: %w", err)
		}
		for _, it := range items {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO order_items (order_id, product_id, name, unit_price, quantity) VALUES (?, ?, ?, ?, ?)`),
				id, it.ProductID, it.Name, it.UnitPrice, it.Quantity); err != nil {
				return fmt.Errorf("insert order item: %w", err)
			}
		}
		if fromCart {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM cart_items WHERE user_id = ?`), in.UserID); err != nil {
				return fmt.Errorf("empty cart: %w", err)
			}
		}
		created = true
		return nil
	})
	if errors.Is(err, ErrConflict) {
		// Our transaction rolled back; the winner's order is the answer,
		// if the winner sent the same request.
		var found bool
		if id, found, err = s.orderOfKey(ctx, s.db, in); err == nil && !found {
			err = fmt.Errorf("the order of key %q vanished: %w", in.Key, ErrNotFound)
		}
	}
	if err != nil {
		return Order{}, false, err
	}
	order, err = s.Order(ctx, id)
	return order, created, err
}

// orderOfKey finds the order in.Key placed for in.UserID. An order placed
// by another request is ErrKeyReused; one without a recorded hash (placed
// before hashes were kept) is taken as a match.
func (s *Store) orderOfKey(ctx context.Context, ex execer, in CheckoutInput) (id int64, found bool, err error) {
	var hash sql.NullString
	err = ex.QueryRowContext(ctx, s.q(`SELECT id, request_hash FROM orders WHERE user_id = ? AND idempotency_key = ?`), in.UserID, in.Key).Scan(&id, &hash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, false, nil
	case err != nil:
		return 0, false, fmt.Errorf("look up idempotency key: %w", err)
	case hash.Valid && hash.String != in.RequestHash:
		return 0, true, ErrKeyReused
	}
	return id, true, nil
}

// nullable is s, or NULL when s is empty.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (s *Store) cartLines(ctx context.Context, tx *sql.Tx, userID int64) ([]Line, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT product_id, quantity FROM cart_items WHERE user_id = ?`), userID)
	if err != nil {
		return nil, fmt.Errorf("read cart: %w", err)
	}
	defer rows.Close()
	var lines []Line
	for rows.Next() {
		var l Line
		if err := rows.Scan(&l.ProductID, &l.Quantity); err != nil {
			return nil, err
		}
		lines = append(lines, l)
	}
	return lines, rows.Err()
}

// Order returns an order with its items, or ErrNotFound.
func (s *Store) Order(ctx context.Context, id int64) (Order, error) {
	var o Order
	err := s.db.QueryRowContext(ctx, s.q(`SELECT id, user_id, status, total, currency, created_at, updated_at FROM orders WHERE id = ?`), id).
		Scan(&o.ID, &o.UserID, &o.Status, &o.Total, &o.Currency, &o.CreatedAt, &o.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return o, ErrNotFound
	}
	if err != nil {
		return o, err
	}
	o.Items, err = s.orderItems(ctx, id)
	return o, err
}

// orderItems returns the items of the order with id, by product.
func (s *Store) orderItems(ctx context.Context, id int64) ([]OrderItem, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT product_id, name, unit_price, quantity FROM order_items WHERE order_id = ? ORDER BY product_id`), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	items := []OrderItem{}
	for rows.Next() {
		var it OrderItem
		if err := rows.Scan(&it.ProductID, &it.Name, &it.UnitPrice, &it.Quantity); err != nil {
			return nil, err
		}
		it.LineTotal = it.UnitPrice * it.Quantity
		items = append(items, it)
	}
	return items, rows.Err()
}

// Orders returns a page of orders, newest first, with the count of all:
// userID's when it is not 0, everybody's otherwise; status filters when
// not empty. Each order carries its items, as one order does.
func (s *Store) Orders(ctx context.Context, userID int64, status string, page, limit int) ([]Order, int, error) {
	where, args := " WHERE 1 = 1", []any{}
	if userID != 0 {
		where, args = where+" AND user_id = ?", append(args, userID)
	}
	if status != "" {
		where, args = where+" AND status = ?", append(args, status)
	}
	var total int
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM orders`+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count orders: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT id, user_id, status, total, currency, created_at, updated_at FROM orders`+where+
		` ORDER BY id DESC LIMIT ? OFFSET ?`), append(args, limit, (page-1)*limit)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list orders: %w", err)
	}
	defer rows.Close()
	out := []Order{}
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.UserID, &o.Status, &o.Total, &o.Currency, &o.CreatedAt, &o.UpdatedAt); err != nil {
			return nil, 0, err
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close() // before the items' queries: SQLite may have one connection
	for i := range out {
		if out[i].Items, err = s.orderItems(ctx, out[i].ID); err != nil {
			return nil, 0, fmt.Errorf("list order items: %w", err)
		}
	}
	return out, total, nil
}

// ValidStatus reports whether status is one an order can have.
func ValidStatus(status string) bool {
	switch status {
	case StatusPending, StatusPaid, StatusShipped, StatusDelivered, StatusCancelled:
		return true
	}
	return false
}

// SetStatus moves an order to status if the transition table allows it
// (ErrTransition otherwise). Cancelling puts the items back in stock.
func (s *Store) SetStatus(ctx context.Context, id int64, status string) (Order, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error { return s.transition(ctx, tx, id, status) })
	if err != nil {
		return Order{}, err
	}
	return s.Order(ctx, id)
}

// transition is SetStatus inside tx. The UPDATE repeats the status it read,
// so two admins racing on one order cannot both move it.
func (s *Store) transition(ctx context.Context, tx *sql.Tx, id int64, to string) error {
	var from string
	err := tx.QueryRowContext(ctx, s.q(`SELECT status FROM orders WHERE id = ?`), id).Scan(&from)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if !slices.Contains(transitions[from], to) {
		return fmt.Errorf("%s → %s: %w", from, to, ErrTransition)
	}
	res, err := tx.ExecContext(ctx, s.q(`UPDATE orders SET status = ?, updated_at = ? WHERE id = ? AND status = ?`), to, time.Now().UTC(), id, from)
	if err != nil {
		return fmt.Errorf("update order status: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s changed meanwhile: %w", from, ErrTransition)
	}
	if to == StatusCancelled {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE products SET stock = stock + (SELECT quantity FROM order_items oi WHERE oi.order_id = ? AND oi.product_id = products.id)
			WHERE id IN (SELECT product_id FROM order_items WHERE order_id = ?)`), id, id); err != nil {
			return fmt.Errorf("restock: %w", err)
		}
	}
	return nil
}
