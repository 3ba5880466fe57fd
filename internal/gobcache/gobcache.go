// Package gobcache keeps decoded values on disk, keyed by the bytes they
// were decoded from: the one cache behind loading a large curriculum and a
// large progress file quickly. A key is the sha256 of a version string and
// the source, so an edited file is simply a miss, and a waymark whose types
// or rules changed (a new Version) never trusts an older entry. Everything
// is best-effort: a cache that cannot be read or written costs speed, never
// correctness.
package gobcache

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

func (c Cache) path(source []byte) string {
	h := sha256.New()
	h.Write([]byte(c.Version + "\n"))
	h.Write(source)
	return filepath.Join(c.Dir, hex.EncodeToString(h.Sum(nil))+".gob")
}

// Get decodes the entry for source into v, a pointer, and reports whether
// there was one that decoded. On false, v may be partly filled: use a fresh
// value.
func (c Cache) Get(source []byte, v any) bool {
	if c.Dir == "" {
		return false
	}
	data, err := os.ReadFile(c.path(source))
	if err != nil {
		return false
	}
	return gob.NewDecoder(bytes.NewReader(data)).Decode(v) == nil
}

// Put stores v as the decoding of source.
func (c Cache) Put(source []byte, v any) {
	if c.Dir == "" {
		return
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(v) != nil || os.MkdirAll(c.Dir, 0o755) != nil {
		return
	}
	_ = atomicfile.Write(c.path(source), buf.Bytes())
}

// Forget removes the entry for source, as when it has been replaced.
func (c Cache) Forget(source []byte) {
	if c.Dir != "" {
		os.Remove(c.path(source))
	}
}
