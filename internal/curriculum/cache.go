package curriculum

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"

	"github.com/waymark-dev/waymark/internal/atomicfile"
)

// cacheVersion changes whenever the cached types or validation rules change,
// so that an old cache entry is never trusted by a newer waymark.
const cacheVersion = "curriculum-cache-6"

// Cache keeps parsed, validated curricula on disk, keyed by the sha256 of
// their curriculum.yaml. yaml.v3 parses about 10 MB/s, so a large
// instructor curriculum takes hundreds of milliseconds to decode; a cache hit
// is one pass over an entry in the layout of codec.go. A zero Cache (no Dir)
// caches nothing.
type Cache struct{ Dir string }

// Load is curriculum.Load through the cache: on a hit the file is not
// parsed again, nor are the exercises if none of their files changed (see
// exercisecache.go); lessons and project links are always checked.
func (cc Cache) Load(content, templates fs.FS) (*Curriculum, error) {
	if cc.Dir == "" {
		return Load(content, templates)
	}
	data, err := readFile(content, File)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	path := cc.pathOf("curriculum", sum)
	exercises := cc.exercises(cc.pathOf(exercisesKind, sum))
	if c := cc.read(path); c != nil {
		c.link()
		if out, err := c.attachWith(content, templates, exercises); err == nil {
			return out, nil
		}
		// Problems need positions, which only a full parse has.
	}
	c, err := Parse(data, File)
	if err != nil {
		return nil, err
	}
	cc.write(path, c)
	return c.attachWith(content, templates, exercises)
}

// path is where the entry of a kind (the curriculum, its exercises) for a
// curriculum file's bytes is kept: named by the sha256 of the cache
// version, the kind and the bytes' own sha256, so that an edited file is a
// miss and an older waymark's entry is never read.
func (cc Cache) path(kind string, data []byte) string { return cc.pathOf(kind, sha256.Sum256(data)) }

// pathOf is path for bytes whose sha256 is sum: hashing a large file once
// serves every kind.
func (cc Cache) pathOf(kind string, sum [sha256.Size]byte) string {
	h := sha256.New()
	h.Write([]byte(cacheVersion + "\n" + kind + "\n"))
	h.Write(sum[:])
	return filepath.Join(cc.Dir, hex.EncodeToString(h.Sum(nil))+".bin")
}

// exercisesKind names the exercises' entries: their shape is in it, so that
// a change to the types is a miss.
var exercisesKind = "exercises " + shape(reflect.TypeFor[[]*Exercise]())

func (cc Cache) read(path string) *Curriculum {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	c, err := decodeCurriculum(data)
	if err != nil {
		return nil
	}
	return c
}

// write stores c best-effort: a cache that cannot be written only costs
// speed. The temp-and-rename keeps a concurrent reader from seeing half a file.
func (cc Cache) write(path string, c *Curriculum) {
	if err := os.MkdirAll(cc.Dir, 0o755); err != nil {
		return
	}
	_ = atomicfile.Write(path, encodeCurriculum(c)) // best-effort, as above
}
