// Package roadmap embeds waymark's built-in backend curriculum: the steps,
// topics and quizzes in curriculum.yaml and the lessons they name.
package roadmap

import "embed"

// FS holds curriculum.yaml and lessons/.
//
//go:embed curriculum.yaml lessons
var FS embed.FS
