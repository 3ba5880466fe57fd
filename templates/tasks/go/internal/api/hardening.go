package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/waymark-dev/waymark/templates/tasks/go/internal/ratelimit"
)

// maxBodyBytes caps request bodies: nothing this API accepts comes close,
// and an unbounded body is an easy way to exhaust memory.
const maxBodyBytes = 1 << 20 // 1 MiB

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

// clientAddress is the address a request's rate limits count against.
func (s *Server) clientAddress(r *http.Request) string {
	return ratelimit.ClientAddress(r, s.trustProxy)
}

// tooManyRequests answers 429 with how long to wait in Retry-After.
func tooManyRequests(w http.ResponseWriter, wait time.Duration, msg string) {
	w.Header().Set("Retry-After", strconv.Itoa(ratelimit.RetryAfterSeconds(wait)))
	writeError(w, http.StatusTooManyRequests, msg)
}

// safeText reports whether s can be stored as text: PostgreSQL refuses a
// NUL byte and invalid UTF-8 (SQLSTATE 22021) with an error, and SQLite
// stores them as they are, which is no better.
func safeText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

const unsafeText = "must be UTF-8 text without NUL bytes"

// refuseUnsafeURLs answers 400 for a path and 422 for query parameters that
// are not safeText, before any handler can pass them to the database.
func refuseUnsafeURLs(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !safeText(r.URL.Path) {
			writeError(w, http.StatusBadRequest, "the path "+unsafeText)
			return
		}
		fields := map[string]string{}
		for key, values := range r.URL.Query() {
			if !safeText(key) {
				fields["query"] = "parameter names " + unsafeText
				continue
			}
			for _, v := range values {
				if !safeText(v) {
					fields[key] = unsafeText
				}
			}
		}
		if len(fields) > 0 {
			validationFailed(w, fields)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// nulFields returns a message for each top-level field of a JSON body
// whose value holds a NUL byte anywhere ("body" for a NUL in a key or in a
// body that is not an object). The JSON decoder already turned invalid
// UTF-8 into U+FFFD, so NUL is all that is left to refuse.
func nulFields(body []byte) map[string]string {
	// JSON can only write NUL as the escape \u0000: without one, no value
	// holds a NUL and nothing needs decoding.
	if !bytes.Contains(body, []byte(`\u0000`)) {
		return nil
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return nil // decodeJSON has already refused it
	}
	fields := map[string]string{}
	obj, ok := v.(map[string]any)
	if !ok {
		if hasNUL(v) {
			fields["body"] = "must not contain NUL bytes"
		}
		return fields
	}
	for key, value := range obj {
		switch {
		case strings.ContainsRune(key, 0):
			fields["body"] = "field names must not contain NUL bytes"
		case hasNUL(value):
			fields[key] = "must not contain NUL bytes"
		}
	}
	return fields
}

// hasNUL reports whether a decoded JSON value holds a NUL in any string.
func hasNUL(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.ContainsRune(v, 0)
	case []any:
		for _, e := range v {
			if hasNUL(e) {
				return true
			}
		}
	case map[string]any:
		for k, e := range v {
			if strings.ContainsRune(k, 0) || hasNUL(e) {
				return true
			}
		}
	}
	return false
}
