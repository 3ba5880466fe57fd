package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Category groups products; clients name it by its slug.
type Category struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// Product is one article for sale. Price is in minor units of Currency.
type Product struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Price       int64     `json:"price"`
	Currency    string    `json:"currency"`
	Stock       int64     `json:"stock"`
	Category    *string   `json:"category"`
	Images      []string  `json:"images"`
	CreatedAt   time.Time `json:"created_at"`
}

// ProductInput is what an admin may set on a product.
type ProductInput struct {
	Name        string
	Description string
	Price       int64
	Currency    string
	Stock       int64
	Category    *string // a category slug, or nil
	Images      []string
}

// ProductQuery selects a page of products; zero fields do not filter.
type ProductQuery struct {
	Page, Limit int
	Category    string
	MinPrice    *int64
	MaxPrice    *int64
	Search      string
	Sort        string // a key of ProductSorts
}

// ProductSorts maps the sort keys clients may send to fixed ORDER BY
// clauses; the id breaks ties so pages never overlap.
var ProductSorts = map[string]string{
	"newest":     "p.id DESC",
	"price_asc":  "p.price ASC, p.id ASC",
	"price_desc": "p.price DESC, p.id ASC",
	"name":       "p.name ASC, p.id ASC",
}

const productColumns = `p.id, p.name, p.description, p.price, p.currency, p.stock, c.slug, p.images, p.created_at
	FROM products p LEFT JOIN categories c ON c.id = p.category_id`

func scanProduct(row interface{ Scan(...any) error }) (Product, error) {
	var (
		p      Product
		slug   sql.NullString
		images string
	)
	if err := row.Scan(&p.ID, &p.Name, &p.Description, &p.Price, &p.Currency, &p.Stock, &slug, &images, &p.CreatedAt); err != nil {
		return p, err
	}
	if slug.Valid {
		p.Category = &slug.String
	}
	if err := json.Unmarshal([]byte(images), &p.Images); err != nil || p.Images == nil {
		p.Images = []string{}
	}
	return p, nil
}

// Categories lists every category by name.
func (s *Store) Categories(ctx context.Context) ([]Category, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, slug, name FROM categories ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list categories: %w", err)
	}
	defer rows.Close()
	out := []Category{}
	for rows.Next() {
		var c Category
		if err := rows.Scan(&c.ID, &c.Slug, &c.Name); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Products returns one page of the products q selects and how many it
// selects in all.
func (s *Store) Products(ctx context.Context, q ProductQuery) ([]Product, int, error) {
	var (
		where []string
		args  []any
	)
	if q.Category != "" {
		where, args = append(where, "c.slug = ?"), append(args, q.Category)
	}
	if q.MinPrice != nil {
		where, args = append(where, "p.price >= ?"), append(args, *q.MinPrice)
	}
	if q.MaxPrice != nil {
		where, args = append(where, "p.price <= ?"), append(args, *q.MaxPrice)
	}
	if q.Search != "" {
		pattern := "%" + likeEscaper.Replace(strings.ToLower(q.Search)) + "%"
		where = append(where, `(LOWER(p.name) LIKE ? ESCAPE '\' OR LOWER(p.description) LIKE ? ESCAPE '\')`)
		args = append(args, pattern, pattern)
	}
	clause := ""
	if len(where) > 0 {
		clause = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM products p LEFT JOIN categories c ON c.id = p.category_id`+clause), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count products: %w", err)
	}
	order, ok := ProductSorts[q.Sort]
	if !ok {
		order = "p.id ASC"
	}
	query := `SELECT ` + productColumns + clause + ` ORDER BY ` + order + ` LIMIT ? OFFSET ?`
	rows, err := s.db.QueryContext(ctx, s.q(query), append(args, q.Limit, (q.Page-1)*q.Limit)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list products: %w", err)
	}
	defer rows.Close()
	out := []Product{}
	for rows.Next() {
		p, err := scanProduct(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("read product: %w", err)
		}
		out = append(out, p)
	}
	return out, total, rows.Err()
}

// likeEscaper makes % and _ in a search literal.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// Product returns one product, or ErrNotFound.
func (s *Store) Product(ctx context.Context, id int64) (Product, error) {
	p, err := scanProduct(s.db.QueryRowContext(ctx, s.q(`SELECT `+productColumns+` WHERE p.id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	return p, err
}

// ErrNoCategory means a product names a category slug that does not exist.
var ErrNoCategory = errors.New("no such category")

// categoryID resolves a slug; an unknown one is ErrNoCategory.
func (s *Store) categoryID(ctx context.Context, slug *string) (*int64, error) {
	if slug == nil {
		return nil, nil
	}
	var id int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT id FROM categories WHERE slug = ?`), *slug).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoCategory
	}
	return &id, err
}

// CreateProduct adds a product; an unknown category is ErrNoCategory.
func (s *Store) CreateProduct(ctx context.Context, in ProductInput) (Product, error) {
	cat, err := s.categoryID(ctx, in.Category)
	if err != nil {
		return Product{}, err
	}
	images, _ := json.Marshal(nonNil(in.Images))
	id, err := s.insertID(ctx, s.db, `INSERT INTO products (name, description, price, currency, stock, category_id, images, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, in.Name, in.Description, in.Price, in.Currency, in.Stock, cat, string(images), time.Now().UTC())
	if err != nil {
		return Product{}, fmt.Errorf("create product: %w", err)
	}
	return s.Product(ctx, id)
}

// UpdateProduct replaces a product's fields.
func (s *Store) UpdateProduct(ctx context.Context, id int64, in ProductInput) (Product, error) {
	cat, err := s.categoryID(ctx, in.Category)
	if err != nil {
		return Product{}, err
	}
	images, _ := json.Marshal(nonNil(in.Images))
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE products SET name = ?, description = ?, price = ?, currency = ?, stock = ?, category_id = ?, images = ?
		WHERE id = ?`), in.Name, in.Description, in.Price, in.Currency, in.Stock, cat, string(images), id)
	if err != nil {
		return Product{}, fmt.Errorf("update product: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Product{}, ErrNotFound
	}
	return s.Product(ctx, id)
}

// DeleteProduct removes a product that no order mentions (ErrInUse).
func (s *Store) DeleteProduct(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM products WHERE id = ?`), id)
	if isForeignKeyViolation(err) {
		return ErrInUse
	}
	if err != nil {
		return fmt.Errorf("delete product: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
