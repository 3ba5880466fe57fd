// Package roadmap embeds waymark's built-in backend curriculum: the steps,
// topics and quizzes in curriculum.yaml, the lessons they name, and the
// exercises that practise its topics.
package roadmap

import "embed"

// FS holds curriculum.yaml, lessons/ and exercises/. The exercises' Go
// reference solutions are also real code of this module, like the project
// templates', so `go vet ./...` checks them.
//
//go:embed curriculum.yaml lessons all:exercises
var FS embed.FS
