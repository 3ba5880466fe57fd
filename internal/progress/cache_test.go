package progress

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDecodeCache(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "progress.yaml")
	s := &Store{Path: path, CacheDir: filepath.Join(dir, "cache"), rename: os.Rename}
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	if _, err := s.Update(func(p *Progress) error { p.SetTopic("dns", StatusDone, now); return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Update(func(p *Progress) error { p.SetTopic("internet", StatusDoing, now); return nil }); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(s.CacheDir)
	if len(entries) != 1 {
		t.Fatalf("cache holds %d entries after two saves, want the latest only", len(entries))
	}
	cached, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Open(path).Load()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cached, plain) {
		t.Fatalf("cached load differs:\n%+v\n%+v", cached, plain)
	}

	// A hand edit is a different key: it is decoded, errors and all.
	data, _ := os.ReadFile(path)
	edited := strings.Replace(string(data), "status: doing", "status: done", 1)
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err := s.Load(); err != nil || p.TopicStatus("internet") != StatusDone {
		t.Fatalf("hand edit not seen through the cache: %v", err)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(edited, "status: done", "status: finished", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(); err == nil {
		t.Fatal("an invalid hand edit loaded through the cache")
	}

	// A damaged entry is never trusted.
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(); err != nil {
		t.Fatal(err)
	}
	entries, _ = os.ReadDir(s.CacheDir)
	for _, e := range entries {
		os.WriteFile(filepath.Join(s.CacheDir, e.Name()), []byte("junk"), 0o644)
	}
	if p, err := s.Load(); err != nil || p.TopicStatus("internet") != StatusDone {
		t.Fatalf("damaged cache entry: %v", err)
	}
}

// BenchmarkLoad10kCached is BenchmarkLoad10k for a file waymark saved
// itself, with the decode cache on (goal: ≤ 20 ms).
func BenchmarkLoad10kCached(b *testing.B) {
	dir := b.TempDir()
	s := &Store{Path: filepath.Join(dir, "progress.yaml"), CacheDir: filepath.Join(dir, "cache"), rename: os.Rename}
	if _, err := s.Update(func(p *Progress) error { *p = *bigProgress(10_000); return nil }); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// The cache is really read: an entry planted for the file's bytes is what
// Load returns (a lookup that always missed would decode the file instead).
func TestDecodeCacheIsRead(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "progress.yaml")
	s := &Store{Path: path, CacheDir: filepath.Join(dir, "cache"), rename: os.Rename}
	if _, err := s.Update(func(p *Progress) error { p.Curriculum = "backend"; return nil }); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	decodeCache(s.CacheDir).Put(data, &Progress{Format: Format, Curriculum: "planted"})
	p, err := s.Load()
	if err != nil || p.Curriculum != "planted" {
		t.Fatalf("Load did not use the cache entry: %+v, %v", p, err)
	}
}
