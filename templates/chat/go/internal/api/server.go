// Package api is the chat's HTTP and WebSocket interface: routes, handlers,
// the realtime protocol and the middleware around them.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/broker"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/config"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/hub"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/ratelimit"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/store"
)

// Server answers the chat's requests. Build it with New, start its
// background work with Run, serve Handler.
type Server struct {
	log    *slog.Logger
	store  *store.Store
	mux    *http.ServeMux
	now    func() time.Time
	pubsub string // "local" or "redis", for /healthz
	// waymark:begin solution accounts

	bcryptCost int
	dummyHash  func() []byte // compared against when the username is unknown
	sessionTTL time.Duration
	logins     *ratelimit.Logins // login failures per username+address and per address
	signups    *ratelimit.Bucket // registration attempts per address
	trustProxy bool              // count the last X-Forwarded-For hop as the client
	// waymark:stub
	// waymark:end
	// waymark:begin solution realtime

	hub     *hub.Hub
	origins []string
	limits  wsLimits
	// waymark:stub
	// waymark:end
}

// Option changes how New builds a Server.
type Option func(*Server)

// WithClock gives the server its clock, time.Now unless a test moves one of
// its own: sessions are started and checked, and rate limits refill, by it.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// New builds a Server over st. With cfg.RedisURL set it connects to Redis.
func New(ctx context.Context, cfg config.Config, st *store.Store, log *slog.Logger, opts ...Option) (*Server, error) {
	s := &Server{log: log, store: st, now: time.Now, pubsub: "local"}
	for _, o := range opts {
		o(s)
	}

	// waymark:begin solution accounts
	s.bcryptCost, s.sessionTTL = cfg.BcryptCost, cfg.SessionTTL
	// Made at the configured cost, so that an unknown username costs the
	// same time as a known one and timing tells nothing.
	s.dummyHash = sync.OnceValue(func() []byte {
		h, _ := bcrypt.GenerateFromPassword([]byte("not a real password"), cfg.BcryptCost)
		return h
	})
	s.logins = ratelimit.NewLogins(s.now)
	s.signups = ratelimit.New(ratelimit.RegistrationsPerAddress, ratelimit.Period, s.now)
	s.trustProxy = cfg.TrustProxy
	// waymark:stub
	// waymark:end

	// waymark:begin solution realtime
	s.hub = hub.New()
	s.origins = cfg.AllowedOrigins
	s.limits = defaultLimits
	// waymark:stub
	// waymark:end

	// waymark:begin solution scale
	if cfg.RedisURL != "" {
		ns, err := st.Namespace(ctx)
		if err != nil {
			return nil, err
		}
		redis, err := broker.DialRedis(ctx, cfg.RedisURL, ns)
		if err != nil {
			return nil, err
		}
		s.hub.UseBroker(redis)
		s.pubsub = "redis"
	}
	// waymark:stub
	// if cfg.RedisURL != "" {
	// 	log.Warn("REDIS_URL is set, but sharing rooms through Redis is the scale milestone: rooms stay on this instance")
	// }
	// waymark:end

	s.mux = http.NewServeMux()
	for _, rt := range s.routes() {
		s.mux.Handle(rt.pattern, rt.handler)
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusNotFound, "not found")
	})
	return s, nil
}

// Run does the server's background work (relaying Redis frames) until ctx
// ends.
func (s *Server) Run(ctx context.Context) error {
	// waymark:begin solution realtime
	return s.hub.Run(ctx)
	// waymark:stub
	// <-ctx.Done()
	// return nil
	// waymark:end
}

// Handler is the whole application, middleware outermost first.
func (s *Server) Handler() http.Handler {
	var h http.Handler = s.mux
	h = withSecurityHeaders(h)
	h = s.withRecovery(h)
	return s.withLog(h)
}
