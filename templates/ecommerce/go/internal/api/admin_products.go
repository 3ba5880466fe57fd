package api

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
)

// productBody is what an admin sends to create or replace a product.
// Pointers tell a missing field from a zero one.
type productBody struct {
	Name        *string  `json:"name"`
	Description string   `json:"description"`
	Price       *int64   `json:"price"`
	Currency    string   `json:"currency"`
	Stock       *int64   `json:"stock"`
	Category    *string  `json:"category"`
	Images      []string `json:"images"`
}

// validate names every problem at once and returns the clean input.
func (b productBody) validate(storeCurrency string) (store.ProductInput, map[string]string) {
	fields := map[string]string{}
	in := store.ProductInput{Description: strings.TrimSpace(b.Description), Category: b.Category, Images: b.Images}
	if b.Name == nil || strings.TrimSpace(*b.Name) == "" || len(*b.Name) > 200 {
		fields["name"] = "is required, at most 200 characters"
	} else {
		in.Name = strings.TrimSpace(*b.Name)
	}
	if len(in.Description) > 5000 {
		fields["description"] = "must be at most 5000 characters"
	}
	if b.Price == nil || *b.Price < 0 || *b.Price > 100_000_000 {
		fields["price"] = "is required: an integer of minor units (1999 = 19.99), 0 to 100000000"
	} else {
		in.Price = *b.Price
	}
	if in.Currency = strings.ToUpper(b.Currency); in.Currency == "" {
		in.Currency = storeCurrency
	}
	if in.Currency != storeCurrency {
		fields["currency"] = "the store sells in " + storeCurrency
	}
	if b.Stock == nil || *b.Stock < 0 || *b.Stock > 1_000_000 {
		fields["stock"] = "is required: an integer from 0 to 1000000"
	} else {
		in.Stock = *b.Stock
	}
	if len(b.Images) > 10 {
		fields["images"] = "at most 10 image URLs"
	}
	for _, img := range b.Images {
		if u, err := url.Parse(img); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			fields["images"] = "must be http(s) URLs"
		}
	}
	return in, fields
}

func (s *Server) createProduct(w http.ResponseWriter, r *http.Request, _ store.User) {
	s.saveProduct(w, r, 0)
}

func (s *Server) updateProduct(w http.ResponseWriter, r *http.Request, _ store.User) {
	if id, ok := pathID(w, r, "id"); ok {
		s.saveProduct(w, r, id)
	}
}

// saveProduct creates (id 0) or replaces a product.
func (s *Server) saveProduct(w http.ResponseWriter, r *http.Request, id int64) {
	var body productBody
	if !readJSON(w, r, &body) {
		return
	}
	in, fields := body.validate(s.cfg.Currency)
	if len(fields) > 0 {
		invalid(w, fields)
		return
	}
	var (
		p   store.Product
		err error
	)
	status := http.StatusCreated
	if id == 0 {
		p, err = s.store.CreateProduct(r.Context(), in)
	} else {
		status = http.StatusOK
		p, err = s.store.UpdateProduct(r.Context(), id, in)
	}
	switch {
	case errors.Is(err, store.ErrNoCategory):
		invalid(w, map[string]string{"category": "no such category"})
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "product not found")
	case err != nil:
		s.fail(w, r, err)
	default:
		writeJSON(w, status, p)
	}
}

func (s *Server) deleteProduct(w http.ResponseWriter, r *http.Request, _ store.User) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	switch err := s.store.DeleteProduct(r.Context(), id); {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "product not found")
	case errors.Is(err, store.ErrInUse):
		writeError(w, http.StatusConflict, "product appears in orders; set its stock to 0 instead")
	case err != nil:
		s.fail(w, r, err)
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}
