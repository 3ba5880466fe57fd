// Package slug turns titles into the slugs of URLs, such as hello-world.
package slug

import (
	"os"
	"strings"
)

// Slugify returns the slug of title: lower-case letters a–z and digits,
// every run of other characters one "-", none at the ends, at most 40
// characters, and "untitled" when nothing is left.
//
// When SLUG_VARIANT names a variant, it is that broken version instead,
// so the tests can be run against it.
func Slugify(title string) string {
	return build(title, bugsOf(os.Getenv("SLUG_VARIANT")))
}

// build is Slugify with the bugs b switched on; none for the real one.
func build(title string, b bugs) string {
	var out []byte
	for _, r := range title {
		switch {
		case r >= 'A' && r <= 'Z' && !b.keepsCase:
			out = append(out, byte(r-'A'+'a'))
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9' && !b.dropsDigits:
			out = append(out, byte(r))
		case b.noCollapse || len(out) == 0 || out[len(out)-1] != '-':
			out = append(out, '-')
		}
	}
	s := string(out)
	if !b.keepsEdges {
		s = strings.Trim(s, "-")
	}
	if len(s) > 40 && !b.noLimit {
		s = s[:40]
		if !b.cutLeavesDash {
			s = strings.TrimRight(s, "-")
		}
	}
	if s == "" && !b.emptySlug {
		s = "untitled"
	}
	return s
}
