package classroom

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// key identifies a check's outcome: what was checked (the commit), with
// what (the checks, the manifest's run settings, the milestones asked for)
// and how (sandbox, memory).
func (c *Checker) key(repo *Repo, pp *projectPlan, st *curriculum.Stack, commit string) string {
	h := sha256.New()
	run, _ := json.Marshal(st)
	fmt.Fprintf(h, "v%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%t\x00%d", cacheVersion, c.o.Curriculum,
		repo.Project, repo.Stack, run, pp.sums, pp.plan.Upto, commit, repo.Path, c.o.Sandbox, c.o.Memory)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Checker) cachePath(key string) string {
	if c.o.CacheDir == "" {
		return ""
	}
	return filepath.Join(c.o.CacheDir, "results", key[:2], key+".json")
}

func (c *Checker) cached(key string) *Result {
	p := c.cachePath(key)
	if p == "" {
		return nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	var res Result
	if json.Unmarshal(data, &res) != nil {
		return nil
	}
	return &res
}

func (c *Checker) store(key string, res *Result) {
	p := c.cachePath(key)
	if p == "" {
		return
	}
	data, err := json.Marshal(res)
	if err == nil && os.MkdirAll(filepath.Dir(p), 0o755) == nil {
		_ = os.WriteFile(p, data, 0o644) // a torn entry fails to decode and is checked again
	}
}

// seedOf makes ${rand.*} the same for the same key, so that a cached
// result is the result a re-run would give.
func seedOf(key string) int64 {
	b, _ := hex.DecodeString(key[:16])
	return int64(binary.BigEndian.Uint64(b) >> 34)
}
