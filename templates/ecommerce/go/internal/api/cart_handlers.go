package api

import (
	"errors"
	"net/http"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
)

// maxLineQuantity bounds one cart line, whatever the stock.
const maxLineQuantity = 1000

type cartLineBody struct {
	ProductID int64 `json:"product_id"`
	Quantity  int64 `json:"quantity"`
}

func (s *Server) getCart(w http.ResponseWriter, r *http.Request, u store.User) {
	c, err := s.store.Cart(r.Context(), u.ID, s.cfg.Currency)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// addCartItem adds quantity of a product to what the cart holds.
func (s *Server) addCartItem(w http.ResponseWriter, r *http.Request, u store.User) {
	var in cartLineBody
	if !readJSON(w, r, &in) {
		return
	}
	if in.ProductID <= 0 {
		invalid(w, map[string]string{"product_id": "is required"})
		return
	}
	s.putInCart(w, r, u, in, true)
}

// setCartItem replaces the quantity of the product in the path.
func (s *Server) setCartItem(w http.ResponseWriter, r *http.Request, u store.User) {
	id, ok := pathID(w, r, "product_id")
	if !ok {
		return
	}
	var in cartLineBody
	if !readJSON(w, r, &in) {
		return
	}
	in.ProductID = id
	s.putInCart(w, r, u, in, false)
}

func (s *Server) putInCart(w http.ResponseWriter, r *http.Request, u store.User, in cartLineBody, add bool) {
	if in.Quantity < 1 || in.Quantity > maxLineQuantity {
		invalid(w, map[string]string{"quantity": "must be an integer from 1 to 1000"})
		return
	}
	err := s.store.SetCartQuantity(r.Context(), u.ID, in.ProductID, in.Quantity, add)
	switch {
	case errors.Is(err, store.ErrNotFound):
		invalid(w, map[string]string{"product_id": "no such product"})
	case errors.Is(err, store.ErrOutOfStock):
		invalid(w, map[string]string{"quantity": "more than the product's stock"})
	case err != nil:
		s.fail(w, r, err)
	default:
		s.getCart(w, r, u)
	}
}

func (s *Server) removeCartItem(w http.ResponseWriter, r *http.Request, u store.User) {
	id, ok := pathID(w, r, "product_id")
	if !ok {
		return
	}
	switch err := s.store.RemoveCartItem(r.Context(), u.ID, id); {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "product not in cart")
	case err != nil:
		s.fail(w, r, err)
	default:
		s.getCart(w, r, u)
	}
}
