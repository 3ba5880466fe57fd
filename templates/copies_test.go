package templates

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// goCopies are files that every Go reference holding them keeps identical,
// apart from its own module path. Go code cannot come from a _shared/ folder:
// the go command ignores folders starting with "_", so nothing there would be
// compiled, vetted or tested here, and gopls would not know it. Each project
// therefore keeps a real copy, and this list holds the copies together.
var goCopies = []string{
	"internal/config/dotenv.go",
	"internal/config/dotenv_test.go",
	"internal/ratelimit/address.go",
	"internal/ratelimit/ratelimit.go",
	"internal/ratelimit/ratelimit_test.go",
}

// pyCopies are files that every Python stack holding them keeps identical,
// apart from its package name (src/<project>_api, written {pkg} here): the
// infrastructure that tasks' stack, the model of the others, was built with.
// A Python package cannot import another project's, and a _shared/ folder
// cannot rename a package, so each project keeps a copy and this list holds
// the copies together.
var pyCopies = []string{
	"src/{pkg}/auth/passwords.py",
	"src/{pkg}/clock.py",
	"src/{pkg}/db.py",
	"src/{pkg}/errors.py",
	"src/{pkg}/log.py",
	"src/{pkg}/migrate.py",
	"src/{pkg}/ratelimit.py",
	"src/{pkg}/services.py",
	"tests/test_ratelimit.py",
	"tests/test_server.py",
}

// pyCopyExceptions are the projects whose file of that name is their own:
// the blog answers errors in RealWorld's shape ({"errors": {...}}), and
// ruff sorts its test's imports differently because "blog_api" sorts
// before "conftest" where "tasks_api" sorts after it.
var pyCopyExceptions = map[string][]string{
	"src/{pkg}/errors.py":     {"blog"},
	"tests/test_ratelimit.py": {"blog"},
}

// copyOf is one project's copy of a designated file, with the project's own
// names replaced by placeholders.
type copyOf struct{ path, text string }

// TestGoCopiesIdentical fails when a designated Go file differs between the
// projects that have it, naming the copies and the first differing line.
func TestGoCopiesIdentical(t *testing.T) {
	projects, err := curriculum.LoadProjects(FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range goCopies {
		t.Run(name, func(t *testing.T) {
			var copies []copyOf
			for _, p := range projects {
				st := p.Stacks["go"]
				if st == nil {
					continue
				}
				file := path.Join(p.ID, "go", name)
				data, err := fs.ReadFile(FS, file)
				if err != nil {
					continue
				}
				copies = append(copies, copyOf{file, strings.ReplaceAll(string(data), st.Module, "MODULE")})
			}
			if len(copies) < 2 {
				t.Fatalf("%d project(s) have %s: remove it from goCopies", len(copies), name)
			}
			requireIdentical(t, copies, "goCopies")
		})
	}
}

// TestPythonCopiesIdentical is TestGoCopiesIdentical for pyCopies.
func TestPythonCopiesIdentical(t *testing.T) {
	projects, err := curriculum.LoadProjects(FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range pyCopies {
		t.Run(name, func(t *testing.T) {
			var copies []copyOf
			for _, p := range projects {
				if p.Stacks["python"] == nil || slices.Contains(pyCopyExceptions[name], p.ID) {
					continue
				}
				pkg := p.ID + "_api"
				file := path.Join(p.ID, "python", strings.ReplaceAll(name, "{pkg}", pkg))
				data, err := fs.ReadFile(FS, file)
				if err != nil {
					continue
				}
				copies = append(copies, copyOf{file, strings.ReplaceAll(string(data), pkg, "PACKAGE")})
			}
			if len(copies) < 2 {
				t.Fatalf("%d project(s) have %s: remove it from pyCopies", len(copies), name)
			}
			requireIdentical(t, copies, "pyCopies")
		})
	}
}

// requireIdentical groups the copies by content and fails for every copy
// outside the largest group, so that the odd one out is named whichever
// project comes first.
func requireIdentical(t *testing.T, copies []copyOf, list string) {
	t.Helper()
	var groups [][]copyOf
next:
	for _, c := range copies {
		for i, g := range groups {
			if g[0].text == c.text {
				groups[i] = append(g, c)
				continue next
			}
		}
		groups = append(groups, []copyOf{c})
	}
	slices.SortStableFunc(groups, func(a, b []copyOf) int { return len(b) - len(a) })
	for _, g := range groups[1:] {
		var names []string
		for _, c := range g {
			names = append(names, "templates/"+c.path)
		}
		t.Errorf("%s differs from templates/%s at line %d: these copies are held identical (%s); copy the one you changed over the others",
			strings.Join(names, " and "), groups[0][0].path, firstDiff(g[0].text, groups[0][0].text), list)
	}
}

// TestNoGoInShared keeps Go code out of the shared folders, where the go
// command would never build or test it (see goCopies).
func TestNoGoInShared(t *testing.T) {
	err := fs.WalkDir(FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		inShared := strings.HasPrefix(name, "_shared/") || strings.Contains(name, "/_shared/")
		if inShared && !d.IsDir() && (strings.HasSuffix(name, ".go") || strings.HasSuffix(name, ".go.tmpl")) {
			t.Errorf("templates/%s: Go code in a _shared folder is never compiled or tested; keep a copy in each project's go/ and list it in goCopies", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// firstDiff is the 1-based number of the first line where a and b differ.
func firstDiff(a, b string) int {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return i + 1
		}
	}
	return min(len(al), len(bl)) + 1
}
