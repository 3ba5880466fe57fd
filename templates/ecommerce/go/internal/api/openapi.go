package api

import (
	_ "embed"
	"net/http"
)

// openAPIDocument describes every route of routes(); openapi_test.go keeps
// the two in step.
//
//go:embed openapi.json
var openAPIDocument []byte

func serveOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(openAPIDocument)
}
