package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// CartLine is one product in a cart, priced from the catalog now.
type CartLine struct {
	ProductID int64  `json:"product_id"`
	Name      string `json:"name"`
	UnitPrice int64  `json:"unit_price"`
	Quantity  int64  `json:"quantity"`
	LineTotal int64  `json:"line_total"`
	Stock     int64  `json:"stock"`
}

// Cart is a customer's cart with its totals, computed by the server.
type Cart struct {
	Items     []CartLine `json:"items"`
	ItemCount int64      `json:"item_count"`
	Total     int64      `json:"total"`
	Currency  string     `json:"currency"`
}

// Cart returns userID's cart; currency is the store's.
func (s *Store) Cart(ctx context.Context, userID int64, currency string) (Cart, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT p.id, p.name, p.price, ci.quantity, p.stock
		FROM cart_items ci JOIN products p ON p.id = ci.product_id
		WHERE ci.user_id = ? ORDER BY p.id`), userID)
	if err != nil {
		return Cart{}, fmt.Errorf("read cart: %w", err)
	}
	defer rows.Close()
	c := Cart{Items: []CartLine{}, Currency: currency}
	for rows.Next() {
		var l CartLine
		if err := rows.Scan(&l.ProductID, &l.Name, &l.UnitPrice, &l.Quantity, &l.Stock); err != nil {
			return Cart{}, err
		}
		l.LineTotal = l.UnitPrice * l.Quantity
		c.Items = append(c.Items, l)
		c.ItemCount += l.Quantity
		c.Total += l.LineTotal
	}
	return c, rows.Err()
}

// SetCartQuantity puts quantity of productID in userID's cart; with add it
// adds to what is there. More than the stock is ErrOutOfStock, an unknown
// product ErrNotFound.
func (s *Store) SetCartQuantity(ctx context.Context, userID, productID, quantity int64, add bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var stock int64
		err := tx.QueryRowContext(ctx, s.q(`SELECT stock FROM products WHERE id = ?`), productID).Scan(&stock)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if add {
			var have int64
			err := tx.QueryRowContext(ctx, s.q(`SELECT quantity FROM cart_items WHERE user_id = ? AND product_id = ?`), userID, productID).Scan(&have)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			quantity += have
		}
		if quantity > stock {
			return ErrOutOfStock
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO cart_items (user_id, product_id, quantity) VALUES (?, ?, ?)
			ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = excluded.quantity`), userID, productID, quantity)
		return err
	})
}

// RemoveCartItem takes productID out of userID's cart.
func (s *Store) RemoveCartItem(ctx context.Context, userID, productID int64) error {
	res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM cart_items WHERE user_id = ? AND product_id = ?`), userID, productID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
