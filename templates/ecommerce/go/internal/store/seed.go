package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// seedCategories and seedProducts make a fresh development database
// explorable at once. The checks of the catalog milestone rely on them.
var seedCategories = []Category{
	{Slug: "books", Name: "Books"},
	{Slug: "coffee", Name: "Coffee"},
	{Slug: "gear", Name: "Gear"},
}

var seedProducts = []struct {
	category string
	ProductInput
}{
	{"books", ProductInput{Name: "The Go Programming Language", Description: "The classic tour of Go, from basics to concurrency.", Price: 3999, Stock: 25}},
	{"books", ProductInput{Name: "Designing Data-Intensive Applications", Description: "Databases, streams and the trade-offs behind them.", Price: 4550, Stock: 12}},
	{"books", ProductInput{Name: "HTTP Pocket Reference", Description: "Methods, status codes and headers at a glance.", Price: 1299, Stock: 40}},
	{"coffee", ProductInput{Name: "Espresso Beans 1kg", Description: "Dark roast, chocolate and hazelnut notes.", Price: 2490, Stock: 30}},
	{"coffee", ProductInput{Name: "Filter Coffee 250g", Description: "Light roast from Ethiopia, floral and bright.", Price: 990, Stock: 50}},
	{"gear", ProductInput{Name: "Mechanical Keyboard", Description: "Tenkeyless, hot-swappable switches.", Price: 12900, Stock: 8}},
	{"gear", ProductInput{Name: "Desk Mat", Description: "Felt desk mat, 90 by 40 centimetres.", Price: 2900, Stock: 20}},
	{"gear", ProductInput{Name: "Rubber Duck", Description: "For debugging out loud.", Price: 499, Stock: 100}},
}

// SeedCatalog fills an empty catalog with sample categories and products
// priced in currency. It reports whether it did anything: a database with
// products already is left alone.
func (s *Store) SeedCatalog(ctx context.Context, currency string) (bool, error) {
	seeded := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM products`).Scan(&n); err != nil || n > 0 {
			return err
		}
		ids := map[string]int64{}
		for _, c := range seedCategories {
			id, err := s.insertID(ctx, tx, `INSERT INTO categories (slug, name) VALUES (?, ?)`, c.Slug, c.Name)
			if err != nil {
				return fmt.Errorf("seed category %s: %w", c.Slug, err)
			}
			ids[c.Slug] = id
		}
		now := time.Now().UTC()
		for _, p := range seedProducts {
			images, _ := json.Marshal([]string{"https://picsum.photos/seed/" + fmt.Sprint(len(p.Name)) + "/600/400"})
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO products (name, description, price, currency, stock, category_id, images, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), p.Name, p.Description, p.Price, currency, p.Stock, ids[p.category], string(images), now); err != nil {
				return fmt.Errorf("seed product %q: %w", p.Name, err)
			}
		}
		seeded = true
		return nil
	})
	return seeded, err
}
