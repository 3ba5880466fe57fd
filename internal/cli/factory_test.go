package cli

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/iostreams"
	"github.com/waymark-dev/waymark/roadmap"
)

// Only the built-in curriculum, part of the binary, is sealed: a folder's
// files can change under the same waymark.
func TestCurriculumCacheSealsOnlyTheBuiltIn(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{"HOME": home, "XDG_DATA_HOME": filepath.Join(home, "data")}
	ios, _, _, _ := iostreams.Test()
	builtIn := NewFactory(ios, func(k string) string { return env[k] }, time.Now)
	if cc := builtIn.curriculumCache(); cc.Sealed == "" || cc.Sealed != buildID() {
		t.Errorf("the built-in curriculum's cache is sealed by %q, want the build %q", cc.Sealed, buildID())
	}

	dir := t.TempDir()
	if err := os.CopyFS(dir, roadmap.FS); err != nil {
		t.Fatal(err)
	}
	folder := NewFactory(ios, func(k string) string { return env[k] }, time.Now)
	folder.CurriculumFlag = dir
	if cc := folder.curriculumCache(); cc.Sealed != "" {
		t.Errorf("a curriculum folder's cache is sealed by %q: its files would not be read again", cc.Sealed)
	}
}
