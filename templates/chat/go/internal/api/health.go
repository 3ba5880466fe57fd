package api

import (
	"context"
	"net/http"
	"time"
)

// health answers 200 {"status":"ok","pubsub":...} while the database
// answers, 503 otherwise. pubsub says how rooms are shared: "local" (this
// instance only) or "redis".
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.log.WarnContext(ctx, "health: database unreachable", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "pubsub": s.pubsub})
}
