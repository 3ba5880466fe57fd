package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// product is one item of the list.
type product struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	Category string `json:"category"`
}

// makeProducts makes products 1 to n.
func makeProducts(n int) []product {
	categories := []string{"music", "books", "games"}
	out := make([]product, 0, n)
	for i := 1; i <= n; i++ {
		out = append(out, product{ID: i, Name: "Product " + strconv.Itoa(i), Category: categories[i%3]})
	}
	return out
}

// page is the answer of GET /products.
type page struct {
	Items  []product `json:"items"`
	Total  int       `json:"total"`
	Limit  int       `json:"limit"`
	Offset int       `json:"offset"`
	Next   *string   `json:"next"`
	Prev   *string   `json:"prev"`
}

// listProducts answers GET /products with one page of products: limit
// (1…100, default 20), offset (from 0) and an optional category.
func listProducts(w http.ResponseWriter, r *http.Request, products []product) {
	// waymark:begin solution solve
	q := r.URL.Query()
	limit, ok := wholeNumber(q, "limit", 20, 1, 100)
	if !ok {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "limit must be a whole number from 1 to 100"})
		return
	}
	offset, ok := wholeNumber(q, "offset", 0, 0, 1<<31)
	if !ok {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "offset must be a whole number from 0"})
		return
	}
	category := q.Get("category")
	matching := products
	if category != "" {
		matching = nil
		for _, p := range products {
			if p.Category == category {
				matching = append(matching, p)
			}
		}
	}
	start, end := min(offset, len(matching)), min(offset+limit, len(matching))
	pg := page{Items: append([]product{}, matching[start:end]...), Total: len(matching), Limit: limit, Offset: offset}
	link := func(off int) *string {
		s := "/products?"
		if category != "" {
			s += "category=" + url.QueryEscape(category) + "&"
		}
		s += fmt.Sprintf("limit=%d&offset=%d", limit, off)
		return &s
	}
	if offset+limit < len(matching) {
		pg.Next = link(offset + limit)
	}
	if offset > 0 {
		pg.Prev = link(max(0, offset-limit))
	}
	writeJSON(w, http.StatusOK, pg)
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// waymark:begin solution solve

// wholeNumber reads the parameter name of q: def when it is missing,
// false when it is not digits or not within lo…hi.
func wholeNumber(q url.Values, name string, def, lo, hi int) (int, bool) {
	if !q.Has(name) {
		return def, true
	}
	s := q.Get(name)
	if s == "" || strings.Trim(s, "0123456789") != "" || len(s) > 10 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= lo && n <= hi
}

// waymark:end
