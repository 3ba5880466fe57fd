package api

import (
	"net/http"
	"strings"
)

// authedHandler is a handler for a signed-in user.
type authedHandler func(w http.ResponseWriter, r *http.Request, userID int64)

// requireAuth lets a request through to next only with a valid access
// token in "Authorization: Bearer <token>", and answers 401 otherwise.
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
		next(w, r, userID)
	})
}
