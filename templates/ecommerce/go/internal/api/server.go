// Package api is the shop's HTTP interface: the route table, handlers and
// the middleware around them.
package api

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/auth"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/config"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/payments"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/ratelimit"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
)

// Server answers the API's requests. Build it with New, serve Handler.
type Server struct {
	cfg   config.Config
	log   *slog.Logger
	store *store.Store
	now   func() time.Time
	mux   *http.ServeMux

	// waymark:begin solution accounts
	tokens        *auth.Tokens
	logins        *ratelimit.Logins
	registrations *ratelimit.Bucket
	// waymark:stub
	// waymark:end

	// waymark:begin solution payments
	provider payments.Mock
	// waymark:stub
	// waymark:end
}

// Option changes how New builds a Server.
type Option func(*Server)

// WithClock gives the server its clock, time.Now unless a test moves one of
// its own: access tokens are issued and checked, and rate limits refill, by
// it.
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
	if s.tokens, err = auth.NewTokens([]byte(cfg.JWTSecret), cfg.TokenTTL, s.now); err != nil {
		return nil, fmt.Errorf("access tokens: %w", err)
	}
	s.logins = ratelimit.NewLogins(s.now)
	s.registrations = ratelimit.New(ratelimit.RegistrationsPerAddress, ratelimit.Period, s.now)
	// waymark:stub
	// waymark:end
	s.mux = http.NewServeMux()
	for _, rt := range s.routes() {
		s.mux.Handle(rt.method+" "+rt.path, rt.handler)
	}
	s.mux.HandleFunc("/", s.noRoute)
	return s, nil
}

// Handler returns the routes inside the middleware, outermost last.
func (s *Server) Handler() http.Handler {
	return s.logRequests(s.recoverPanics(hardening(rejectNUL(s.mux))))
}

// noRoute answers 405 with Allow when the path exists under other methods,
// 404 otherwise, in JSON like everything else.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && pattern != "/" {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		writeError(w, http.StatusNotFound, "not found")
		return
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	writeError(w, http.StatusMethodNotAllowed, "method not allowed")
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Ping(r.Context()); err != nil {
		s.log.WarnContext(r.Context(), "health: database does not answer", "err", err)
		writeError(w, http.StatusServiceUnavailable, "database unavailable")
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
