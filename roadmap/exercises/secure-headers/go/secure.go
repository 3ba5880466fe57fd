package main

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
)

// withSecurityHeaders adds the browser's protections to every answer of
// next, errors included.
func withSecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// waymark:begin solution solve
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		// waymark:stub
		// waymark:end
		next.ServeHTTP(w, r)
	})
}

// escapeHTML makes text safe inside an HTML element or a quoted attribute.
var escapeHTML = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

// home answers GET / with the greeting page, its one script allowed by a
// nonce that is new for every answer.
func home(w http.ResponseWriter, r *http.Request) {
	// waymark:begin solution solve
	name := r.URL.Query().Get("name")
	if name == "" {
		name = "world"
	}
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand panics rather)
	nonce := base64.StdEncoding.EncodeToString(b[:])
	w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'nonce-"+nonce+"'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html>\n<title>Hello</title>\n<h1>Hello, %s!</h1>\n<script nonce=%q>document.title += \" (script ran)\";</script>\n",
		escapeHTML.Replace(name), nonce)
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// hello answers GET /api/hello.
func hello(w http.ResponseWriter, _ *http.Request) {
	// waymark:begin solution solve
	writeJSON(w, http.StatusOK, map[string]string{"hello": "world"})
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}
