package curriculum

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/roadmap"
)

// generated returns a valid curriculum of steps × perStep topics, each
// requiring its predecessor, with a quiz per step.
func generated(steps, perStep int) []byte {
	var b strings.Builder
	b.WriteString("format: 1\nid: big\ntitle: Big\nskills:\n  - {id: web, title: Web, group: technical}\nsteps:\n")
	for s := 0; s < steps; s++ {
		fmt.Fprintf(&b, "  - id: step-%d\n    title: Step %d\n    summary: A generated step.\n    topics:\n", s, s)
		for t := 0; t < perStep; t++ {
			fmt.Fprintf(&b, "      - id: s%d-t%d\n        title: Topic %d of step %d\n        summary: A generated topic with a summary of a realistic length for the benchmark.\n", s, t, t, s)
			b.WriteString("        resources:\n          - {title: MDN, url: \"https://developer.mozilla.org/en-US/docs/Web/HTTP\", kind: docs}\n          - {title: RFC 9110, url: \"https://www.rfc-editor.org/rfc/rfc9110\", kind: docs}\n")
			b.WriteString("        skills: [web]\n        hours: 2\n")
			if t > 0 {
				fmt.Fprintf(&b, "        requires: [s%d-t%d]\n", s, t-1)
			}
		}
		b.WriteString("    quiz:\n      pass: 0.7\n      questions:\n")
		for q := 0; q < 6; q++ {
			fmt.Fprintf(&b, "        - {q: \"Question %d?\", choices: [a, b, c], answer: 1, explain: Because.}\n", q)
		}
	}
	return []byte(b.String())
}

// BenchmarkLoad5000 measures loading and validating a 5,000-topic
// curriculum (goal: ≤ 50 ms).
func BenchmarkLoad5000(b *testing.B) {
	fsys := fstest.MapFS{File: {Data: generated(50, 100)}}
	b.ReportAllocs()
	for b.Loop() {
		c, err := Load(fsys, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(c.Topics()) != 5000 {
			b.Fatalf("got %d topics", len(c.Topics()))
		}
	}
}

func TestGeneratedIsValid(t *testing.T) {
	if _, err := Parse(generated(3, 4), "gen.yaml"); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkLoadBuiltin measures what every command pays to load the
// built-in roadmap.
func BenchmarkLoadBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(roadmap.FS, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLessonReads measures what confinement costs: reading 200
// lessons (stat, then read, as Load does) through os.DirFS, which follows
// links anywhere, and through a Folder, which resolves every path inside
// the folder one component at a time.
func BenchmarkLessonReads(b *testing.B) {
	dir := b.TempDir()
	var names []string
	for i := range 200 {
		name := fmt.Sprintf("lessons/part-%d/lesson-%d.md", i%10, i)
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Repeat("A lesson line.\n", 200)), 0o644); err != nil {
			b.Fatal(err)
		}
		names = append(names, name)
	}
	folder, err := OpenFolder(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer folder.Close()
	for _, bc := range []struct {
		name string
		fsys fs.FS
	}{{"DirFS", os.DirFS(dir)}, {"Folder", folder}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, n := range names {
					if _, err := readFile(bc.fsys, n); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
