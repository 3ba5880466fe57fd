// Package diskcache keeps decoded values on disk, keyed by the bytes they
// were decoded from: the one cache behind loading a large curriculum, its
// exercises and project manifests, and a large progress file quickly. An
// entry's name is the sha256 of a version string, a kind and the source's
// sha256, so an edited file is simply a miss, and a waymark whose types or
// rules changed (a new Version) never trusts an older entry. Entries are
// written atomically (a reader never sees half of one). Everything is
// best-effort: a cache that cannot be read or written costs speed, never
// correctness.
//
// Callers choose the encoding: Get and Put keep a value with gob; Read and
// Write keep bytes a caller encodes itself (the curriculum's own layout,
// which decodes faster than gob).
package diskcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"os"
	"path/filepath"

	"github.com/waymark-dev/waymark/internal/atomicfile"
)

// Cache is a folder of entries. A zero Cache (no Dir) caches nothing.
type Cache struct {
	Dir string
	// Version is part of every key: change it whenever the cached types or
	// the rules that produced them change.
	Version string
}

// Entry names the entry of kind for a source whose sha256 is sum (hashing
// a large source once serves every kind). It is "" for a zero Cache.
func (c Cache) Entry(kind string, sum [sha256.Size]byte) string {
	if c.Dir == "" {
		return ""
	}
	h := sha256.New()
	h.Write([]byte(c.Version + "\n" + kind + "\n"))
	h.Write(sum[:])
	return filepath.Join(c.Dir, hex.EncodeToString(h.Sum(nil))+".entry")
}

// Read returns the bytes of entry, if it is there.
func (c Cache) Read(entry string) ([]byte, bool) {
	if entry == "" {
		return nil, false
	}
	data, err := os.ReadFile(entry)
	return data, err == nil
}

// Write stores data as entry.
func (c Cache) Write(entry string, data []byte) {
	if entry == "" || os.MkdirAll(c.Dir, 0o755) != nil {
		return
	}
	_ = atomicfile.Write(entry, data) // best-effort, as above
}

// Remove drops entry, as when its source has been replaced.
func (c Cache) Remove(entry string) {
	if entry != "" {
		os.Remove(entry)
	}
}

// gobKind names the entries Get and Put keep.
const gobKind = "gob"

func (c Cache) gobEntry(source []byte) string { return c.Entry(gobKind, sha256.Sum256(source)) }

// Get decodes the entry for source into v, a pointer, and reports whether
// there was one that decoded. On false, v may be partly filled: use a fresh
// value.
func (c Cache) Get(source []byte, v any) bool {
	data, ok := c.Read(c.gobEntry(source))
	return ok && gob.NewDecoder(bytes.NewReader(data)).Decode(v) == nil
}

// Put stores v as the decoding of source.
func (c Cache) Put(source []byte, v any) {
	if c.Dir == "" {
		return
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(v) == nil {
		c.Write(c.gobEntry(source), buf.Bytes())
	}
}

// Forget removes the entry for source.
func (c Cache) Forget(source []byte) { c.Remove(c.gobEntry(source)) }
