package curriculum

import (
	"io/fs"

	"github.com/waymark-dev/waymark/internal/gobcache"
)

// cacheVersion changes whenever the cached types or validation rules change,
// so that an old cache entry is never trusted by a newer waymark.
const cacheVersion = "curriculum-cache-5"

// Cache keeps parsed, validated curricula on disk, keyed by their
// curriculum.yaml. yaml.v3 parses about 10 MB/s, so a large instructor
// curriculum takes hundreds of milliseconds to decode; a cache hit takes a
// gob decode. A zero Cache (no Dir) caches nothing.
type Cache struct{ Dir string }

// Load is curriculum.Load through the cache: on a hit the file is not
// parsed again; lessons and project links are always read and checked.
func (cc Cache) Load(content, templates fs.FS) (*Curriculum, error) {
	if cc.Dir == "" {
		return Load(content, templates)
	}
	data, err := readFile(content, File)
	if err != nil {
		return nil, err
	}
	cache := gobcache.Cache{Dir: cc.Dir, Version: cacheVersion}
	if c := new(Curriculum); cache.Get(data, c) {
		c.link()
		if out, err := c.attach(content, templates); err == nil {
			return out, nil
		}
		// Problems need positions, which only a full parse has.
	}
	c, err := Parse(data, File)
	if err != nil {
		return nil, err
	}
	cache.Put(data, c)
	return c.attach(content, templates)
}
