package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log"
	"net/http"
	"regexp"
)

// chain wraps the application's handler in its middlewares. The first
// wraps all the others, so it runs first and finishes last.
func chain(h http.Handler) http.Handler {
	// waymark:begin solution solve
	return withRequestID(withRecovery(h))
	// waymark:stub
	// return withRequestID(h)
	// waymark:end
}

// requestIDKey is the context key of the request's id.
type requestIDKey struct{}

// goodID is an incoming id worth keeping.
var goodID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// withRequestID gives every request an id: the incoming X-Request-Id when
// it is safe, a new random one otherwise. It sets the answer's header and
// puts the id in the request's context.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// waymark:begin solution solve
		id := r.Header.Get("X-Request-Id")
		if !goodID.MatchString(id) {
			var b [16]byte
			rand.Read(b[:]) // never fails (crypto/rand panics rather)
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
		// waymark:stub
		// notImplemented(w)
		// waymark:end
	})
}

// requestID is the id withRequestID gave r, "" outside it.
func requestID(r *http.Request) string {
	id, _ := r.Context().Value(requestIDKey{}).(string)
	return id
}

// withRecovery turns a panic in next into a logged error and a clean 500
// that names the request, and keeps the server serving.
func withRecovery(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// waymark:begin solution solve
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v) // the server's own way to abort a response
				}
				log.Printf("request %s: panic: %v", requestID(r), v)
				writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal server error", "request_id": requestID(r)})
			}
		}()
		// waymark:stub
		// waymark:end
		next.ServeHTTP(w, r)
	})
}
