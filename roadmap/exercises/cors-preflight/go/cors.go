package main

import (
	"net/http"
	"slices"
	"strings"
)

// The origins whose pages may read the API's answers, with credentials.
var allowedOrigins = []string{"http://localhost:5173", "https://app.example.com"}

// The methods and request headers a preflight may ask for.
var (
	allowedMethods = []string{"GET", "POST", "DELETE"}
	allowedHeaders = []string{"content-type", "authorization"}
)

// withCORS adds CORS permission to next's answers for the trusted origins
// and answers preflight requests itself.
func withCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// waymark:begin solution solve
		origin := r.Header.Get("Origin")
		trusted := slices.Contains(allowedOrigins, origin)
		w.Header().Add("Vary", "Origin")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			w.Header().Add("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers")
			if !trusted || !preflightAllowed(r) {
				http.Error(w, "this cross-origin request is not allowed", http.StatusForbidden)
				return
			}
			allow(w, origin)
			w.Header().Set("Access-Control-Allow-Methods", "GET, POST, DELETE")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type, Authorization")
			w.Header().Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if trusted {
			allow(w, origin)
		}
		next.ServeHTTP(w, r)
		// waymark:stub
		// notImplemented(w)
		// waymark:end
	})
}

// waymark:begin solution solve

// allow lets origin's pages read the answer, with credentials.
func allow(w http.ResponseWriter, origin string) {
	w.Header().Set("Access-Control-Allow-Origin", origin)
	w.Header().Set("Access-Control-Allow-Credentials", "true")
}

// preflightAllowed reports whether the method and every header the
// preflight asks for are allowed.
func preflightAllowed(r *http.Request) bool {
	if !slices.Contains(allowedMethods, r.Header.Get("Access-Control-Request-Method")) {
		return false
	}
	for _, h := range strings.Split(r.Header.Get("Access-Control-Request-Headers"), ",") {
		h = strings.ToLower(strings.TrimSpace(h))
		if h != "" && !slices.Contains(allowedHeaders, h) {
			return false
		}
	}
	return true
}

// waymark:end
