package api

import (
	"net/http"
	"time"
)

// maxBodyBytes caps request bodies: nothing this API accepts comes close,
// and an unbounded body is an easy way to exhaust memory.
const maxBodyBytes = 1 << 20 // 1 MiB

// Login attempts allowed per email within loginWindow.
const (
	loginAttemptsPerWindow = 5
	loginWindow            = time.Minute
)

// securityHeaders sets the headers every response carries. The API serves
// JSON only, so the browser is told not to sniff, frame or run anything.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// limitBody refuses bodies over limit bytes: at once when Content-Length
// says so, and through http.MaxBytesReader (which decodeJSON turns into a
// 413) when the body is streamed without a length.
func limitBody(next http.Handler, limit int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > limit {
			writeError(w, http.StatusRequestEntityTooLarge, "request body is too large")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}
