package curriculum

import (
	"testing"

	"github.com/waymark-dev/waymark/roadmap"
)

// FuzzParse feeds arbitrary bytes to the decoder and validator: they may
// refuse the input, but never panic, and an accepted curriculum is linked.
func FuzzParse(f *testing.F) {
	// The first 40 lines of the built-in roadmap: a realistic seed that is
	// small enough for the mutator to work on quickly.
	builtin, err := roadmap.FS.ReadFile("curriculum.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(firstLines(builtin, 40))
	f.Add([]byte("format: 1\nid: x\ntitle: X\nsteps:\n  - id: a\n    title: A\n    summary: s\n    topics:\n      - {id: t, title: T, summary: s, requires: [t]}\n"))
	f.Add([]byte("steps: [{topics: [{requires: [a]}, {id: a, requires: [b]}, {id: b, requires: [a]}]}]"))
	f.Add([]byte("&a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data, "fuzz.yaml")
		if err != nil {
			if _, ok := err.(Problems); !ok {
				t.Fatalf("error is %T, want Problems", err)
			}
			return
		}
		for _, tp := range c.Topics() {
			if c.Topic(tp.ID) == nil {
				t.Fatalf("topic %q not linked", tp.ID)
			}
		}
	})
}

func firstLines(b []byte, n int) []byte {
	for i, c := range b {
		if c == '\n' {
			if n--; n == 0 {
				return b[:i+1]
			}
		}
	}
	return b
}
