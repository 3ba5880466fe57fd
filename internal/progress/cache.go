package progress

import "github.com/waymark-dev/waymark/internal/diskcache"

// cacheVersion changes whenever Progress or the decoding rules change, so an
// entry written by another waymark is never trusted.
const cacheVersion = "progress-cache-5"

// decodeCache keeps decoded progress keyed by the file's bytes. yaml.v3
// parses about 10 MB/s here, so a 10,000-topic file takes ~80 ms to decode;
// the entry written beside each save loads in a fraction of that. A file
// edited by hand simply misses and is decoded as usual.
func decodeCache(dir string) diskcache.Cache { return diskcache.Cache{Dir: dir, Version: cacheVersion} }

// cachePut stores p as the decoding of data, replacing the entry of the
// previous content: one entry per progress file is all a cache needs.
func cachePut(c diskcache.Cache, data []byte, p *Progress, previous []byte) {
	c.Put(data, p)
	if previous != nil {
		c.Forget(previous)
	}
}
