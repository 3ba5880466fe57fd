package curriculum

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestCacheHitEqualsParse(t *testing.T) {
	dir := t.TempDir()
	fsys := fstest.MapFS{File: {Data: generated(3, 5)}}
	want, err := Load(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	cc := Cache{Dir: dir}
	for i := range 2 { // a miss that fills the cache, then a hit
		got, err := cc.Load(fsys, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Steps, want.Steps) || got.Topic("s2-t4") == nil || got.Topic("s2-t4").Step != "step-2" {
			t.Fatalf("load %d differs from a plain Load", i)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || !strings.HasSuffix(entries[0].Name(), ".entry") {
		t.Fatalf("cache holds %v, want one entry", entries)
	}

	// A damaged entry is ignored and rewritten, never trusted.
	path := filepath.Join(dir, entries[0].Name())
	if err := os.WriteFile(path, []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := cc.Load(fsys, nil); err != nil || len(got.Topics()) != 15 {
		t.Fatalf("damaged cache: %v", err)
	}

	// A changed file is a different key: its problems are found, with positions.
	fsys[File] = &fstest.MapFile{Data: append(generated(1, 2), "        requires: [nope]\n"...)}
	if _, err := cc.Load(fsys, nil); err == nil || !strings.Contains(err.Error(), `curriculum.yaml:`) {
		t.Fatalf("invalid curriculum through the cache: %v", err)
	}
}

func TestCacheHitStillChecksLessons(t *testing.T) {
	yaml := strings.Replace(string(generated(1, 1)), "hours: 2\n", "hours: 2\n        lesson: lessons/a.md\n", 1)
	fsys := fstest.MapFS{File: {Data: []byte(yaml)}, "lessons/a.md": {Data: []byte("# A")}}
	cc := Cache{Dir: t.TempDir()}
	if _, err := cc.Load(fsys, nil); err != nil {
		t.Fatal(err)
	}
	delete(fsys, "lessons/a.md")
	_, err := cc.Load(fsys, nil)
	if err == nil || !strings.Contains(err.Error(), "curriculum.yaml:19:17: lesson lessons/a.md") {
		t.Fatalf("a missing lesson on a cache hit: %v", err)
	}
}

// BenchmarkCachedLoad5000 measures loading a 5,000-topic curriculum from a
// warm cache (goal: ≤ 50 ms).
func BenchmarkCachedLoad5000(b *testing.B) {
	fsys := fstest.MapFS{File: {Data: generated(50, 100)}}
	cc := Cache{Dir: b.TempDir()}
	if _, err := cc.Load(fsys, nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cc.Load(fsys, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// The cache is really read: an entry planted for the file's bytes is what
// Load returns (a lookup that always missed would parse the file instead).
func TestCacheIsRead(t *testing.T) {
	fsys := fstest.MapFS{File: {Data: generated(1, 2)}}
	cc := Cache{Dir: t.TempDir()}
	c, err := cc.Load(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Title = "planted"
	cc.write(cc.path("curriculum", generated(1, 2)), c)
	got, err := cc.Load(fsys, nil)
	if err != nil || got.Title != "planted" {
		t.Fatalf("Load did not use the cache entry: %q, %v", got.Title, err)
	}
}
