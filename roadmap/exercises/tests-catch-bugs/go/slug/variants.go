package slug

import "slices"

// bugs are the mistakes a variant makes, each one breaking one rule.
type bugs struct {
	keepsCase, dropsDigits, noCollapse, keepsEdges, noLimit, cutLeavesDash, emptySlug bool
}

// variants are the broken versions, by name.
var variants = map[string]bugs{
	"keeps-case":      {keepsCase: true},     // "Hello" gives "Hello"
	"drops-digits":    {dropsDigits: true},   // "Top 10" gives "top"
	"no-collapse":     {noCollapse: true},    // "a -- b" gives "a----b"
	"keeps-edges":     {keepsEdges: true},    // " hi! " gives "-hi-"
	"no-limit":        {noLimit: true},       // a slug of any length
	"cut-leaves-dash": {cutLeavesDash: true}, // a cut may end with "-"
	"empty-slug":      {emptySlug: true},     // "!!!" gives ""
}

// Variants are the names of the broken versions, sorted.
func Variants() []string {
	names := make([]string, 0, len(variants))
	for name := range variants {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// bugsOf is the variant name's bugs; none for "" (the real Slugify).
func bugsOf(name string) bugs {
	return variants[name]
}
