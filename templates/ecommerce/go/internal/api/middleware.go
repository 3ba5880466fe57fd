package api

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// maxBody caps every request body; JSON bigger than this is refused (413).
const maxBody = 1 << 20

// statusRecorder remembers the status a handler wrote, for the log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("method", r.Method),
			slog.String("path", r.URL.Path), slog.Int("status", rec.status), slog.Duration("took", time.Since(start)))
	})
}

// recoverPanics turns a panic into a logged 500 without a stack trace for
// the client.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				writeError(w, http.StatusInternalServerError, "internal server error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// hardening caps the body and sets headers every answer should carry.
func hardening(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// rejectNUL refuses a NUL byte in the path (400) or in a query parameter
// (422, naming it) before any handler sees the request: see noNUL.
func rejectNUL(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.IndexByte(r.URL.Path, 0) >= 0 {
			writeError(w, http.StatusBadRequest, "the path must not contain NUL bytes")
			return
		}
		fields := map[string]string{}
		for key, values := range r.URL.Query() {
			if strings.IndexByte(key, 0) >= 0 {
				fields["query"] = "parameter names " + noNUL
				continue
			}
			for _, v := range values {
				if strings.IndexByte(v, 0) >= 0 {
					fields[key] = noNUL
				}
			}
		}
		if len(fields) > 0 {
			invalid(w, fields)
			return
		}
		next.ServeHTTP(w, r)
	})
}
