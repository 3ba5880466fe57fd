package diskcache

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
)

type value struct {
	Name  string
	Items []int
}

func TestHitMissAndForget(t *testing.T) {
	c := Cache{Dir: filepath.Join(t.TempDir(), "cache"), Version: "v1"}
	src := []byte("the source bytes")
	var v value
	if c.Get(src, &v) {
		t.Fatal("a hit in an empty cache")
	}
	c.Put(src, value{"a", []int{1, 2}})
	var got value
	if !c.Get(src, &got) || got.Name != "a" || len(got.Items) != 2 {
		t.Fatalf("no hit after Put: %+v", got)
	}
	if c.Get([]byte("other bytes"), &value{}) {
		t.Error("another source hits")
	}
	if (Cache{Dir: c.Dir, Version: "v2"}).Get(src, &value{}) {
		t.Error("another version hits: an old entry would be trusted by a newer waymark")
	}
	c.Forget(src)
	if c.Get(src, &value{}) {
		t.Error("a forgotten entry hits")
	}
}

func TestDamagedEntryIsAMiss(t *testing.T) {
	c := Cache{Dir: t.TempDir(), Version: "v1"}
	src := []byte("x")
	c.Put(src, value{Name: "a"})
	if err := os.WriteFile(c.gobEntry(src), []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	if c.Get(src, &value{}) {
		t.Error("a damaged entry hits")
	}
}

func TestZeroCacheCachesNothing(t *testing.T) {
	var c Cache
	c.Put([]byte("x"), value{Name: "a"})
	if c.Get([]byte("x"), &value{}) {
		t.Error("a zero cache hit")
	}
}

// TestEntriesOfKinds: bytes a caller encodes itself come back as written,
// and each kind and version names its own entry for the same source.
func TestEntriesOfKinds(t *testing.T) {
	c := Cache{Dir: filepath.Join(t.TempDir(), "cache"), Version: "v1"}
	sum := sha256.Sum256([]byte("source"))
	a, b := c.Entry("a", sum), c.Entry("b", sum)
	if a == b || a == (Cache{Dir: c.Dir, Version: "v2"}).Entry("a", sum) {
		t.Fatal("kinds or versions share an entry")
	}
	if _, ok := c.Read(a); ok {
		t.Fatal("a hit in an empty cache")
	}
	c.Write(a, []byte("kept"))
	if data, ok := c.Read(a); !ok || string(data) != "kept" {
		t.Fatalf("read %q, %v", data, ok)
	}
	if _, ok := c.Read(b); ok {
		t.Error("another kind hits")
	}
	c.Remove(a)
	if _, ok := c.Read(a); ok {
		t.Error("a removed entry hits")
	}
	if (Cache{}).Entry("a", sum) != "" {
		t.Error("a zero cache names an entry")
	}
}
