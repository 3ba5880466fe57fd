package api

import (
	"errors"
	"net/http"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
)

// setRole serves PUT /api/admin/users/{id}/role {"role": "admin"}. The
// change applies to the user's next request, whatever tokens they hold:
// signedIn reads the role from the database every time. An admin cannot
// demote themselves, so the shop always keeps at least one admin.
func (s *Server) setRole(w http.ResponseWriter, r *http.Request, caller store.User) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	var in struct {
		Role string `json:"role"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	switch {
	case in.Role != store.RoleAdmin && in.Role != store.RoleCustomer:
		invalid(w, map[string]string{"role": "must be customer or admin"})
		return
	case id == caller.ID && in.Role != store.RoleAdmin:
		invalid(w, map[string]string{"role": "you cannot demote yourself; another admin can"})
		return
	}
	u, err := s.store.SetRole(r.Context(), id, in.Role)
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "user not found")
	case err != nil:
		s.fail(w, r, err)
	default:
		s.log.InfoContext(r.Context(), "role changed", "by", caller.ID, "user", u.ID, "role", u.Role)
		writeJSON(w, http.StatusOK, map[string]any{"user": u})
	}
}
