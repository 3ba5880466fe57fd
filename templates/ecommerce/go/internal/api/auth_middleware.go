package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
)

// userHandler is a handler that needs the signed-in user.
type userHandler func(http.ResponseWriter, *http.Request, store.User)

// signedIn answers 401 unless the request carries a valid bearer token of
// an existing user. The user is read from the database on every request,
// so a role change or a deleted account takes effect at once.
func (s *Server) signedIn(next userHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == "" {
			w.Header().Set("WWW-Authenticate", `Bearer`)
			writeError(w, http.StatusUnauthorized, "missing bearer token")
			return
		}
		id, err := s.tokens.Parse(token)
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			writeError(w, http.StatusUnauthorized, "invalid or expired token")
			return
		}
		u, err := s.store.UserByID(r.Context(), id)
		if errors.Is(err, store.ErrNotFound) {
			writeError(w, http.StatusUnauthorized, "invalid or expired token")
			return
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		next(w, r, u)
	})
}

// adminOnly is signedIn plus 403 for anybody but an admin.
func (s *Server) adminOnly(next userHandler) http.Handler {
	return s.signedIn(func(w http.ResponseWriter, r *http.Request, u store.User) {
		if u.Role != store.RoleAdmin {
			writeError(w, http.StatusForbidden, "admins only")
			return
		}
		next(w, r, u)
	})
}
