package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestWriteCreatesAndReplaces(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.yaml")
	if err := Write(path, []byte("one"), Perm(0o640)); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("new file mode %v, want 0640", fi.Mode().Perm())
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, path); got != "two" {
		t.Errorf("content %q", got)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file mode %v, want the 0600 it had", fi.Mode().Perm())
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("%d entries in the folder, want only the file", len(entries))
	}
}

// A learner who made the file read-only meant it, even if waymark runs as
// root (which permission bits do not stop).
func TestWriteRefusesAReadOnlyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.yaml")
	if err := os.WriteFile(path, []byte("keep"), 0o444); err != nil {
		t.Fatal(err)
	}
	err := Write(path, []byte("lost"))
	var ro *ReadOnlyError
	if !errors.As(err, &ro) || !strings.Contains(err.Error(), "chmod u+w "+path) {
		t.Fatalf("err = %v, want a ReadOnlyError that says how to fix it", err)
	}
	if got := read(t, path); got != "keep" {
		t.Errorf("a read-only file was rewritten: %q", got)
	}
}

func TestWriteSweepsLeftovers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "progress.yaml")
	old := time.Now().Add(-2 * StaleAfter)
	for _, name := range []string{".progress.yaml.tmp-111", "progress.yaml.tmp222", ".progress.yaml.tmp-young", "other.tmp-1", "progress.yaml.lock"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if name != ".progress.yaml.tmp-young" {
			os.Chtimes(filepath.Join(dir, name), old, old)
		}
	}
	if err := Write(path, []byte("a")); err != nil {
		t.Fatal(err)
	}
	want := []string{".progress.yaml.tmp-young", "other.tmp-1", "progress.yaml", "progress.yaml.lock"}
	if got := names(t, dir); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("without a lock: %v, want %v (young temps may be a save in progress)", got, want)
	}
	if err := Write(path, []byte("b"), Exclusive()); err != nil {
		t.Fatal(err)
	}
	want = []string{"other.tmp-1", "progress.yaml", "progress.yaml.lock"}
	if got := names(t, dir); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("with the lock held: %v, want %v", got, want)
	}
}

func names(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestWriteFailedRenameKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.yaml")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk gone")
	err := Write(path, []byte("new"), Rename(func(string, string) error { return boom }))
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if got := read(t, path); got != "old" {
		t.Errorf("content %q after a failed save", got)
	}
	if got := names(t, dir); len(got) != 1 {
		t.Errorf("left behind: %v", got)
	}
}

func TestWriteRefusesAFolder(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, []byte("x")); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("err = %v", err)
	}
}
