package slug

import "testing"

func TestSlugify(t *testing.T) {
	// waymark:begin solution solve
	cases := []struct {
		name, title, want string
	}{
		{"lower case", "Hello World", "hello-world"},
		{"digits", "Top 10 Tips for 2026", "top-10-tips-for-2026"},
		{"a run of separators is one dash", "a -- b,  c", "a-b-c"},
		{"non-ASCII letters separate", "Crème brûlée", "cr-me-br-l-e"},
		{"no dash at the ends", "  ¡Hola!  ", "hola"},
		{"exactly 40 is kept", "abcdefghij abcdefghij abcdefghij abcdefg", "abcdefghij-abcdefghij-abcdefghij-abcdefg"},
		{"a long slug is cut at 40", "abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij", "abcdefghij-abcdefghij-abcdefghij-abcdefg"},
		{"a cut does not end with a dash", "abcdefghij abcdefghij abcdefghij abcdef ghij", "abcdefghij-abcdefghij-abcdefghij-abcdef"},
		{"nothing left", "!!!", "untitled"},
		{"empty", "", "untitled"},
	}
	for _, c := range cases {
		if got := Slugify(c.title); got != c.want {
			t.Errorf("%s: Slugify(%q) = %q, want %q", c.name, c.title, got, c.want)
		}
	}
	// waymark:end
}
