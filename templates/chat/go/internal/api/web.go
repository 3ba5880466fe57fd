package api

import (
	"embed"
	"io/fs"
	"net/http"
)

// web is the browser client: plain HTML, CSS and JavaScript, no build step.
//
//go:embed web
var web embed.FS

// webFiles serves the client; "/" is index.html.
func webFiles() http.Handler {
	sub, _ := fs.Sub(web, "web") // cannot fail: "web" is embedded above
	files := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The client talks only to this origin: a strict policy costs nothing.
		w.Header().Set("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:; frame-ancestors 'none'")
		files.ServeHTTP(w, r)
	})
}
