// Package api is the blog's HTTP interface: the RealWorld ("Conduit") JSON
// API under /api, the role rules around it, and the admin dashboard under
// /admin.
package api

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/waymark-dev/waymark/templates/blog/go/internal/auth"
	"github.com/waymark-dev/waymark/templates/blog/go/internal/config"
	"github.com/waymark-dev/waymark/templates/blog/go/internal/ratelimit"
	"github.com/waymark-dev/waymark/templates/blog/go/internal/store"
)

// Server answers the blog's requests; build it with New, serve Handler.
type Server struct {
	cfg   config.Config
	log   *slog.Logger
	store *store.Store
	now   func() time.Time
	mux   *http.ServeMux

	// waymark:begin solution accounts
	passwords *auth.Passwords
	tokens    *auth.Tokens
	logins    *ratelimit.Logins // API and dashboard logins, current-password checks
	signups   *ratelimit.Bucket // registrations per client address
	// waymark:stub
	// waymark:end

	pages *pages // the dashboard's templates
}

// Option changes how New builds a Server.
type Option func(*Server)

// WithClock gives the server its clock, time.Now unless a test moves one of
// its own: API tokens and dashboard sessions are issued and checked, and
// rate limits refill, by it.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// New returns a Server over st configured by cfg.
func New(cfg config.Config, st *store.Store, log *slog.Logger, opts ...Option) (*Server, error) {
	s := &Server{cfg: cfg, log: log, store: st, now: time.Now}
	for _, o := range opts {
		o(s)
	}

	// waymark:begin solution accounts
	var err error
	if s.passwords, err = auth.NewPasswords(cfg.BcryptCost); err != nil {
		return nil, fmt.Errorf("passwords: %w", err)
	}
	if s.tokens, err = auth.NewTokens([]byte(cfg.JWTSecret), cfg.TokenTTL, s.now); err != nil {
		return nil, fmt.Errorf("tokens: %w", err)
	}
	s.logins = ratelimit.NewLogins(s.now)
	s.signups = ratelimit.New(ratelimit.RegistrationsPerAddress, ratelimit.Period, s.now)
	// waymark:stub
	// waymark:end

	pages, err := parsePages()
	if err != nil {
		return nil, fmt.Errorf("dashboard templates: %w", err)
	}
	s.pages = pages

	s.mux = http.NewServeMux()
	for _, rt := range append(s.routes(), s.adminRoutes()...) {
		s.mux.Handle(rt.method+" "+rt.path, rt.handler)
	}
	s.mux.HandleFunc("/", s.noRoute)
	return s, nil
}

// Handler is the whole application: the routes inside the middleware every
// request passes, outermost last.
func (s *Server) Handler() http.Handler {
	var h http.Handler = s.mux
	h = rejectBadText(h)
	h = limitBody(h)
	h = securityHeaders(h)
	h = s.recoverPanics(h)
	return s.logRequests(h)
}

// noRoute answers 405 for a known path with another method, 404 otherwise.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) {
	for _, m := range []string{"GET", "POST", "PUT", "DELETE"} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "/" && pattern != "" {
			fail(w, http.StatusMethodNotAllowed, "method not allowed")
			return
		}
	}
	fail(w, http.StatusNotFound, "not found")
}
