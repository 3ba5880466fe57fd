package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
)

func (s *Server) listCategories(w http.ResponseWriter, r *http.Request) {
	cats, err := s.store.Categories(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": cats})
}

// listProducts serves GET /api/products?page&limit&category&min_price&max_price&q&sort.
func (s *Server) listProducts(w http.ResponseWriter, r *http.Request) {
	fields := map[string]string{}
	q := store.ProductQuery{Category: r.URL.Query().Get("category"), Sort: r.URL.Query().Get("sort")}
	q.Page, q.Limit = paging(r, fields)
	q.MinPrice = priceParam(r, "min_price", fields)
	q.MaxPrice = priceParam(r, "max_price", fields)
	if q.Search = strings.TrimSpace(r.URL.Query().Get("q")); len(q.Search) > 100 {
		fields["q"] = "must be at most 100 characters"
	}
	if _, ok := store.ProductSorts[q.Sort]; q.Sort != "" && !ok {
		fields["sort"] = "must be one of newest, price_asc, price_desc, name"
	}
	if len(fields) > 0 {
		invalid(w, fields)
		return
	}
	items, total, err := s.store.Products(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pageOf[store.Product]{Data: items, Page: q.Page, Limit: q.Limit, Total: total})
}

func priceParam(r *http.Request, name string, fields map[string]string) *int64 {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		fields[name] = "must be a non-negative integer in minor units"
		return nil
	}
	return &n
}

func (s *Server) getProduct(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	p, err := s.store.Product(r.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "product not found")
	case err != nil:
		s.fail(w, r, err)
	default:
		writeJSON(w, http.StatusOK, p)
	}
}
