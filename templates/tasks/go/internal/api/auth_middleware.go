package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/waymark-dev/waymark/templates/tasks/go/internal/store"
)

// authedHandler is a handler for a signed-in user.
type authedHandler func(w http.ResponseWriter, r *http.Request, user store.User)

// requireAuth lets a request through to next only with a valid access
// token in "Authorization: Bearer <token>" whose user still exists, and
// answers 401 otherwise. The user is read on every request: a token proves
// who it was issued to, not that they still have an account.
func (s *Server) requireAuth(next authedHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tasks"`)
			writeError(w, http.StatusUnauthorized, "missing bearer token")
			return
		}
		userID, err := s.access.Verify(strings.TrimSpace(token))
		if err != nil {
			s.log.DebugContext(r.Context(), "access token refused", "err", err)
			w.Header().Set("WWW-Authenticate", `Bearer realm="tasks", error="invalid_token"`)
			writeError(w, http.StatusUnauthorized, "invalid or expired access token")
			return
		}
		user, err := s.store.UserByID(r.Context(), userID)
		if errors.Is(err, store.ErrNotFound) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tasks", error="invalid_token"`)
			writeError(w, http.StatusUnauthorized, "this account no longer exists")
			return
		}
		if err != nil {
			s.internalError(w, r, err)
			return
		}
		next(w, r, user)
	})
}
