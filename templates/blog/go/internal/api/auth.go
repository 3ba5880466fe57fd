package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/templates/blog/go/internal/ratelimit"
	"github.com/waymark-dev/waymark/templates/blog/go/internal/store"
)

// userHandler is a handler that knows who is asking. For optionalUser
// routes an anonymous caller is the zero User (ID 0).
type userHandler func(http.ResponseWriter, *http.Request, store.User)

// Token problems: both answer 401; any other error is the server's own.
var (
	errNoToken  = errors.New("no token")
	errBadToken = errors.New("invalid token")
)

// caller returns the user whose token the request carries. The RealWorld
// scheme is "Authorization: Token <jwt>"; "Bearer <jwt>" is accepted too.
func (s *Server) caller(r *http.Request) (store.User, error) {
	header := r.Header.Get("Authorization")
	if header == "" {
		return store.User{}, errNoToken
	}
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || (!strings.EqualFold(scheme, "Token") && !strings.EqualFold(scheme, "Bearer")) {
		return store.User{}, errBadToken
	}
	who, err := s.tokens.Verify(strings.TrimSpace(token))
	if err != nil {
		return store.User{}, errBadToken
	}
	// The user is read on every request, so that a deleted account, a
	// changed role or a changed password (a new token version) takes effect
	// at once rather than when the token expires. The role is the
	// database's; a token carries none.
	u, err := s.store.UserByID(r.Context(), who.UserID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return store.User{}, errBadToken
	case err != nil:
		return store.User{}, err
	case u.TokenVersion != who.Version:
		return store.User{}, errBadToken
	}
	return u, nil
}

// clientAddress is the address the request's login and sign-up budgets are
// counted against (see ratelimit.ClientAddress and TRUST_PROXY).
func (s *Server) clientAddress(r *http.Request) string {
	return ratelimit.ClientAddress(r, s.cfg.TrustProxy)
}

// tooMany answers 429 with Retry-After in whole seconds.
func tooMany(w http.ResponseWriter, wait time.Duration, msg string) {
	w.Header().Set("Retry-After", strconv.Itoa(ratelimit.RetryAfterSeconds(wait)))
	fail(w, http.StatusTooManyRequests, msg)
}

// requireUser answers 401 unless the request carries a valid token.
func (s *Server) requireUser(next userHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := s.caller(r)
		if err != nil {
			s.unauthorized(w, r, err)
			return
		}
		next(w, r, u)
	})
}

// optionalUser lets anonymous callers through, but a token that is present
// must be valid.
func (s *Server) optionalUser(next userHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := s.caller(r)
		if err != nil && !errors.Is(err, errNoToken) {
			s.unauthorized(w, r, err)
			return
		}
		next(w, r, u)
	})
}

func (s *Server) unauthorized(w http.ResponseWriter, r *http.Request, err error) {
	if !errors.Is(err, errNoToken) && !errors.Is(err, errBadToken) {
		s.internalError(w, r, err) // the database failed, not the token
		return
	}
	w.Header().Set("WWW-Authenticate", `Token realm="api"`)
	fail(w, http.StatusUnauthorized, "a valid token is required: Authorization: Token <jwt>")
}
