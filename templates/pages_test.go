package templates

import (
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// pageTwins pairs folders of server-rendered pages that two stacks each keep
// in their own template engine's syntax, so that they cannot be one shared
// file: the Go reference's html/template pages (the source of the markup) and
// another stack's pages, written for its engine (Jinja2 for Python). Their
// markup, everything outside the template actions, is held identical, so
// that a change to the Go pages is made to their twins too.
var pageTwins = []struct{ source, twin string }{
	{"blog/go/internal/api/admin_templates", "blog/python/src/blog_api/admin/templates/admin"},
}

// templateAction is a Go template action or Jinja2 expression ({{ … }}), a
// Jinja2 statement ({% … %}) or a Jinja2 comment ({# … #}).
var templateAction = regexp.MustCompile(`(?s)\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}`)

// markup is a page without its template actions: its lines trimmed, blank
// ones dropped.
func markup(page string) []string {
	var lines []string
	for line := range strings.SplitSeq(templateAction.ReplaceAllString(page, ""), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// TestPageTwinsHaveOneMarkup fails when a page of a twin folder has no
// counterpart or differs from it outside the template actions, naming the
// first differing line.
func TestPageTwinsHaveOneMarkup(t *testing.T) {
	for _, pair := range pageTwins {
		pages := func(dir string) map[string]string {
			found := map[string]string{}
			entries, err := fs.ReadDir(FS, dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), ".html") {
					data, err := fs.ReadFile(FS, path.Join(dir, e.Name()))
					if err != nil {
						t.Fatal(err)
					}
					found[e.Name()] = string(data)
				}
			}
			return found
		}
		source, twin := pages(pair.source), pages(pair.twin)
		if len(source) == 0 {
			t.Fatalf("templates/%s holds no pages", pair.source)
		}
		for _, name := range slices.Sorted(maps.Keys(twin)) {
			if _, ok := source[name]; !ok {
				t.Errorf("templates/%s/%s has no counterpart in templates/%s", pair.twin, name, pair.source)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(source)) {
			page := source[name]
			other, ok := twin[name]
			if !ok {
				t.Errorf("templates/%s/%s has no counterpart in templates/%s", pair.source, name, pair.twin)
				continue
			}
			want, got := markup(page), markup(other)
			for i := range max(len(want), len(got)) {
				var w, g string
				if i < len(want) {
					w = want[i]
				}
				if i < len(got) {
					g = got[i]
				}
				if w != g {
					t.Errorf("templates/%s/%s differs from templates/%s/%s outside the template actions (markup line %d):\n  want %q\n  got  %q\nchange both pages alike (pageTwins)",
						pair.twin, name, pair.source, name, i+1, w, g)
					break
				}
			}
		}
	}
}
