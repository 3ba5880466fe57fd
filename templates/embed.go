// Package templates embeds the built-in project templates: for each project
// its manifest, its acceptance checks and one reference solution per stack.
// The Go references are also real code of this module (see
// docs/templates.md), so `go test ./...` tests them directly.
package templates

import "embed"

// FS holds one folder per project (and this package's own source file,
// which no manifest names).
//
//go:embed all:*
var FS embed.FS
