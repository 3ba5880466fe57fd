package curriculum

import "github.com/waymark-dev/waymark/internal/yamlstrict"

// Pos is a place in a file; Problem is one thing wrong with a curriculum,
// where it is; Problems is every problem found, an error when not empty.
// They are the strict decoder's own types: a curriculum, a manifest and a
// check file report problems the same way. Validation collects them all
// rather than stopping at the first, so an author can fix a file in one
// pass.
type (
	Pos      = yamlstrict.Pos
	Problem  = yamlstrict.Error
	Problems = yamlstrict.Errors
)
