package api

import (
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"
)

// maxBody caps every request body (1 MiB), far more than an article needs.
const maxBody = 1 << 20

// limitBody makes reading past maxBody fail (decode answers 413).
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		next.ServeHTTP(w, r)
	})
}

// badText is the message for text that PostgreSQL cannot store (SQLSTATE
// 22021): a NUL byte or bytes that are not UTF-8.
const badText = "must be UTF-8 text without NUL bytes"

// cleanText reports whether s is text both databases store as given.
func cleanText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// rejectBadText answers 422 for a path, query value or form value that is
// not clean text, before any handler takes it to the database. JSON bodies
// are checked by decode.
func rejectBadText(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if field, bad := badTextIn(r); bad {
			writeErrors(w, http.StatusUnprocessableEntity, fieldErrors{field: {badText}})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// badTextIn names the first part of r that is not clean text: "path", a
// query or form field's name, or "query" or "form" for a bad name.
func badTextIn(r *http.Request) (string, bool) {
	if !cleanText(r.URL.Path) {
		return "path", true
	}
	if field, bad := badValues(r.URL.Query(), "query"); bad {
		return field, true
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
		// A form that does not parse is left to its handler; a parsed one
		// stays cached in r.PostForm for it.
		if r.ParseForm() == nil {
			return badValues(r.PostForm, "form")
		}
	}
	return "", false
}

func badValues(values url.Values, part string) (string, bool) {
	for key, list := range values {
		if !cleanText(key) {
			return part, true
		}
		for _, v := range list {
			if !cleanText(v) {
				return key, true
			}
		}
	}
	return "", false
}

// securityHeaders sets the headers every answer carries; dashboard pages
// also get a strict Content-Security-Policy.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		if strings.HasPrefix(r.URL.Path, "/admin") {
			h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

// recoverPanics logs a panic with its stack and answers a bare 500: the
// client never sees a stack trace.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				fail(w, http.StatusInternalServerError, "internal server error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// logRequests writes one log line per request.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		level := slog.LevelInfo
		if sw.status >= 500 && sw.status != http.StatusNotImplemented {
			level = slog.LevelError
		}
		s.log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path,
			"status", sw.status, "duration", time.Since(start).Round(time.Microsecond).String())
	})
}

type statusWriter struct {
	http.ResponseWriter
	status  int
	written bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.written {
		w.status, w.written = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.written = true
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
