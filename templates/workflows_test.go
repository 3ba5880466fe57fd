package templates

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// sharedWorkflows are the CI workflows the generated projects ship: one per
// stack, rendered with each project's name.
var sharedWorkflows = map[string]string{
	"go":     "_shared/go/.github/workflows/ci.yml.tmpl",
	"node":   "_shared/node/.github/workflows/ci.yml.tmpl",
	"python": "_shared/python/.github/workflows/ci.yml.tmpl",
}

var usesPattern = regexp.MustCompile(`(?m)^\s*-?\s*uses:\s*([\w.-]+/[\w.-]+)@(\S+)`)

// uses maps every action a workflow uses to its version.
func uses(t *testing.T, name, text string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, u := range usesPattern.FindAllStringSubmatch(text, -1) {
		if v, ok := m[u[1]]; ok && v != u[2] {
			t.Errorf("%s uses %s at both %s and %s", name, u[1], v, u[2])
		}
		m[u[1]] = u[2]
	}
	return m
}

// TestWorkflowsAreShared keeps one workflow per stack: a project's own
// .github/workflows/ci.yml would drift from the others again.
func TestWorkflowsAreShared(t *testing.T) {
	projects, err := curriculum.LoadProjects(FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range projects {
		for stack := range p.Stacks {
			own := path.Join(p.ID, stack, ".github/workflows/ci.yml")
			for _, name := range []string{own, own + ".tmpl"} {
				if _, err := fs.Stat(FS, name); err == nil {
					t.Errorf("%s: the %s workflow comes from %s; change that one", name, stack, sharedWorkflows[stack])
				}
			}
			if _, ok := sharedWorkflows[stack]; !ok {
				t.Errorf("%s has a %s stack but there is no shared workflow for it", p.ID, stack)
			}
		}
	}
}

// TestWorkflowsUseCurrentVersions holds the generated projects' workflows
// to what waymark's own CI uses: the same major version of every action,
// the newest patch release of go.mod's Go line, the govulncheck the
// Makefile pins; and the Node workflow and images to the newest LTS line
// that package.json's engines lists.
func TestWorkflowsUseCurrentVersions(t *testing.T) {
	rootWorkflow, err := os.ReadFile("../.github/workflows/ci.yml")
	if err != nil {
		t.Fatal(err)
	}
	root := uses(t, ".github/workflows/ci.yml", string(rootWorkflow))
	texts := map[string]string{}
	for stack, name := range sharedWorkflows {
		data, err := fs.ReadFile(FS, name)
		if err != nil {
			t.Fatalf("the %s workflow: %v", stack, err)
		}
		texts[stack] = string(data)
		for action, v := range uses(t, name, string(data)) {
			if want, ok := root[action]; !ok {
				t.Errorf("%s uses %s, which waymark's own CI does not: add it there too, so that both move together", name, action)
			} else if v != want {
				t.Errorf("%s uses %s@%s; waymark's own CI uses %s", name, action, v, want)
			}
		}
	}

	// Go: the go line's newest patch, and govulncheck.
	modData, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	mod, err := modfile.Parse("go.mod", modData, nil)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(mod.Go.Version, ".")
	if want := "go-version: " + parts[0] + "." + parts[1] + ".x"; !strings.Contains(texts["go"], want) {
		t.Errorf("%s does not say %q (go.mod: go %s)", sharedWorkflows["go"], want, mod.Go.Version)
	}
	makefile, err := os.ReadFile("../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	pin := regexp.MustCompile(`(?m)^GOVULNCHECK\s*:=\s*(\S+)`).FindSubmatch(makefile)
	if pin == nil {
		t.Fatal("the Makefile pins no GOVULNCHECK")
	}
	if want := "go run " + string(pin[1]) + " ./..."; !strings.Contains(texts["go"], want) {
		t.Errorf("%s does not run %q, the Makefile's govulncheck", sharedWorkflows["go"], want)
	}

	// Python: the workflow tests on the Python the images run.
	pyImage := regexp.MustCompile(`(?m)^FROM\s+python:(\d+\.\d+)-`)
	pyDockerfiles, _ := fs.Glob(FS, "*/python/Dockerfile")
	for _, name := range pyDockerfiles {
		data, _ := fs.ReadFile(FS, name)
		for _, m := range pyImage.FindAllSubmatch(data, -1) {
			if want := "python-version: \"" + string(m[1]) + "\""; !strings.Contains(texts["python"], want) {
				t.Errorf("%s starts from python:%s, but %s does not say %s", name, m[1], sharedWorkflows["python"], want)
			}
		}
	}

	// Node: the newest line engines lists, in the workflow and the images.
	lts := newestEnginesLine(t)
	if want := "node-version: " + lts + "\n"; !strings.Contains(texts["node"], want) {
		t.Errorf("%s does not say %q, the newest line of package.json's engines", sharedWorkflows["node"], strings.TrimSpace(want))
	}
	dockerfiles, err := fs.Glob(FS, "*/node/Dockerfile")
	if err != nil || len(dockerfiles) == 0 {
		t.Fatalf("no Node Dockerfile (%v)", err)
	}
	from := regexp.MustCompile(`(?m)^FROM\s+node:(\d+)-`)
	for _, name := range dockerfiles {
		data, _ := fs.ReadFile(FS, name)
		images := from.FindAllSubmatch(data, -1)
		if len(images) == 0 {
			t.Errorf("%s starts from no node:<major>- image", name)
		}
		for _, m := range images {
			if string(m[1]) != lts {
				t.Errorf("%s starts from node:%s; the current LTS is %s", name, m[1], lts)
			}
		}
	}
}

// newestEnginesLine is the newest major line every Node project's engines
// names ("^22.13.0 || ^24.0.0 || >=26.0.0": 26), the same in all of them.
func newestEnginesLine(t *testing.T) string {
	t.Helper()
	manifests, err := fs.Glob(FS, "*/node/package.json")
	if err != nil || len(manifests) == 0 {
		t.Fatalf("no Node package.json (%v)", err)
	}
	engines := regexp.MustCompile(`"node":\s*"([^"]+)"`)
	var want string
	for _, name := range manifests {
		data, _ := fs.ReadFile(FS, name)
		m := engines.FindSubmatch(data)
		if m == nil {
			t.Fatalf("%s declares no engines.node", name)
		}
		alts := strings.Split(string(m[1]), "||")
		last := strings.TrimLeft(strings.TrimSpace(alts[len(alts)-1]), "^~>=")
		major, _, _ := strings.Cut(last, ".")
		switch {
		case want == "":
			want = major
		case major != want:
			t.Errorf("%s: engines ends at Node %s, another project's at %s", name, major, want)
		}
	}
	return want
}
