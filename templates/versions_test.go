package templates

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
)

// TestGoVersionsMatchRoot holds every Go template's go.mod to the versions
// this module builds and tests its references with: a template that drifts
// would ship code nobody here ever compiled against those versions.
func TestGoVersionsMatchRoot(t *testing.T) {
	rootData, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	root, err := modfile.Parse("go.mod", rootData, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, r := range root.Require {
		want[r.Mod.Path] = r.Mod.Version
	}
	mods, err := fs.Glob(FS, "*/go/go.mod.tmpl")
	if err != nil || len(mods) == 0 {
		t.Fatalf("no Go template found (%v)", err)
	}
	for _, name := range mods {
		data, err := fs.ReadFile(FS, name)
		if err != nil {
			t.Fatal(err)
		}
		rendered := strings.ReplaceAll(strings.ReplaceAll(string(data), "[[ .Module ]]", "example.com/x"), "[[.Module]]", "example.com/x")
		f, err := modfile.Parse(name, []byte(rendered), nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range f.Require {
			v, ok := want[r.Mod.Path]
			switch {
			case !ok && r.Indirect:
				// Module graph pruning keeps an indirect test-only dependency
				// in the template that this larger module never lists.
			case !ok:
				t.Errorf("%s requires %s, which this module does not: add it here so the reference is built with it", name, r.Mod.Path)
			case v != r.Mod.Version:
				t.Errorf("%s requires %s %s; this module has %s", name, r.Mod.Path, r.Mod.Version, v)
			}
		}
	}
}
