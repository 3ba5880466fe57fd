package api

import (
	_ "embed"
	"net/http"
)

// openAPIDocument describes every route; openapi_test.go keeps the two in
// step.
//
//go:embed openapi.yaml
var openAPIDocument []byte

// serveOpenAPI answers the OpenAPI document, for Swagger UI, Postman or
// a client generator.
func serveOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/yaml")
	w.Write(openAPIDocument)
}
