package api

import "slices"

// bugs are the mistakes a variant makes, each one breaking one promise.
type bugs struct {
	created200, noLocation, emptyNameOK, badJSON500, deleteBody, deleteKeeps, textPlain bool
}

// variants are the broken versions, by name.
var variants = map[string]bugs{
	"created-200":   {created200: true},  // POST answers 200
	"no-location":   {noLocation: true},  // POST sends no Location
	"empty-name-ok": {emptyNameOK: true}, // an empty name is created
	"bad-json-500":  {badJSON500: true},  // a body that is not JSON is 500
	"delete-body":   {deleteBody: true},  // DELETE answers 200 with a body
	"delete-keeps":  {deleteKeeps: true}, // DELETE answers 204 but keeps the item
	"text-plain":    {textPlain: true},   // JSON sent as text/plain
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

// bugsOf is the variant name's bugs; none for "" (the real API).
func bugsOf(name string) bugs {
	return variants[name]
}
