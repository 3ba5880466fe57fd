package curriculum

import (
	"crypto/sha256"
	"io/fs"
	"reflect"

	"github.com/waymark-dev/waymark/internal/diskcache"
)

// cacheVersion changes whenever the cached types or validation rules change,
// so that an old cache entry is never trusted by a newer waymark.
const cacheVersion = "curriculum-cache-6"

// Cache keeps parsed, validated curricula on disk, keyed by the sha256 of
// their curriculum.yaml. yaml.v3 parses about 10 MB/s, so a large
// instructor curriculum takes hundreds of milliseconds to decode; a cache hit
// is one pass over an entry in the layout of codec.go. A zero Cache (no Dir)
// caches nothing.
type Cache struct {
	Dir string
	// Sealed, when not empty, names the build of waymark whose own,
	// embedded content and templates are loaded: they cannot change while
	// the build stays the same, so a kept exercises or projects entry of
	// that build is used without reading its files again to compare (half
	// the cost of a hit). Leave it empty for content on disk.
	Sealed string
}

// Load is curriculum.Load through the cache: on a hit the file is not
// parsed again, nor are the exercises if none of their files changed (see
// fscache.go); lessons and project links are always checked.
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
	exercises := cc.exercises(cc.pathOf(cc.sealedKind(exercisesKind), sum))
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

// store is the disk cache the entries are kept in. An entry (the
// curriculum, its exercises) is named by the cache version, its kind and
// the curriculum file's sha256, so that an edited file is a miss and an
// older waymark's entry is never read.
func (cc Cache) store() diskcache.Cache { return diskcache.Cache{Dir: cc.Dir, Version: cacheVersion} }

// path is the entry of a kind for a curriculum file's bytes.
func (cc Cache) path(kind string, data []byte) string { return cc.pathOf(kind, sha256.Sum256(data)) }

// pathOf is path for bytes whose sha256 is sum: hashing a large file once
// serves every kind.
func (cc Cache) pathOf(kind string, sum [sha256.Size]byte) string { return cc.store().Entry(kind, sum) }

// sealedKind is kind with the build named by Sealed: entries trusted for
// one build are never read by another.
func (cc Cache) sealedKind(kind string) string {
	if cc.Sealed == "" {
		return kind
	}
	return kind + " sealed by " + cc.Sealed
}

// exercisesKind names the exercises' entries: their shape is in it, so that
// a change to the types is a miss.
var exercisesKind = "exercises " + shape(reflect.TypeFor[[]*Exercise]())

func (cc Cache) read(path string) *Curriculum {
	data, ok := cc.store().Read(path)
	if !ok {
		return nil
	}
	c, err := decodeCurriculum(data)
	if err != nil {
		return nil
	}
	return c
}

// write stores c best-effort: a cache that cannot be written only costs
// speed.
func (cc Cache) write(path string, c *Curriculum) { cc.store().Write(path, encodeCurriculum(c)) }
