// Package api is the HTTP interface of the tasks service: routes, handlers,
// JSON in and out, and the middleware around them.
package api

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/templates/tasks/go/internal/auth"
	"github.com/waymark-dev/waymark/templates/tasks/go/internal/config"
	"github.com/waymark-dev/waymark/templates/tasks/go/internal/ratelimit"
	"github.com/waymark-dev/waymark/templates/tasks/go/internal/store"
)

// Server answers the API's requests. Build it with New and serve
// Server.Handler.
type Server struct {
	log   *slog.Logger
	store *store.Store
	now   func() time.Time
	mux   *http.ServeMux

	// waymark:begin solution auth
	passwords  *auth.Passwords
	access     *auth.AccessTokens
	refreshTTL time.Duration
	// waymark:stub
	// waymark:end

	// waymark:begin solution hardening
	logins     *ratelimit.Logins // login and current-password failures
	signups    *ratelimit.Bucket // registrations per client address
	trustProxy bool              // TRUST_PROXY: the client address is in X-Forwarded-For
	// waymark:stub
	// waymark:end
}

// Option changes how New builds a Server.
type Option func(*Server)

// WithClock gives the server its clock, time.Now unless a test moves one of
// its own: access and refresh tokens are issued and checked, rate limits
// refill and records are stamped by it.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// New returns a Server over st configured by cfg.
func New(cfg config.Config, st *store.Store, log *slog.Logger, opts ...Option) (*Server, error) {
	s := &Server{log: log, store: st, now: time.Now}
	for _, o := range opts {
		o(s)
	}

	// waymark:begin solution auth
	var err error
	if s.passwords, err = auth.NewPasswords(cfg.BcryptCost); err != nil {
		return nil, fmt.Errorf("password hasher: %w", err)
	}
	if s.access, err = auth.NewAccessTokens([]byte(cfg.JWTSecret), cfg.AccessTokenTTL, s.now); err != nil {
		return nil, fmt.Errorf("access tokens: %w", err)
	}
	s.refreshTTL = cfg.RefreshTokenTTL
	// waymark:stub
	// waymark:end

	// waymark:begin solution hardening
	s.logins = ratelimit.NewLogins(s.now)
	s.signups = ratelimit.New(ratelimit.RegistrationsPerAddress, ratelimit.Period, s.now)
	s.trustProxy = cfg.TrustProxy
	// waymark:stub
	// waymark:end

	s.mux = http.NewServeMux()
	for _, rt := range s.routes() {
		s.mux.Handle(rt.method+" "+rt.path, rt.handler)
	}
	// Everything no route matches gets a JSON answer too.
	s.mux.HandleFunc("/", s.noRoute)
	return s, nil
}

// Handler returns the whole application: the routes wrapped in the
// middleware every request goes through, outermost first.
func (s *Server) Handler() http.Handler {
	var h http.Handler = s.mux
	// waymark:begin solution hardening
	h = refuseUnsafeURLs(h)
	h = limitBody(h, maxBodyBytes)
	h = securityHeaders(h)
	// waymark:stub
	// waymark:end
	h = s.recoverPanics(h)
	h = s.logRequests(h)
	return h
}

// noRoute answers requests that no route matches: 405 when the path exists
// with other methods, 404 otherwise.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) {
	var allowed []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "/" && pattern != "" {
			allowed = append(allowed, m)
		}
	}
	if len(allowed) > 0 {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		writeError(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	writeError(w, http.StatusNotFound, "not found")
}
