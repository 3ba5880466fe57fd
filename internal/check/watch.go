package check

import (
	"context"
	"io/fs"
	"path/filepath"
	"time"
)

// ignoredDirs are never watched: tools write there, the learner does not.
var ignoredDirs = map[string]bool{".git": true, "node_modules": true, "bin": true, "tmp": true}

// Snapshot is the modification state of a project's files.
type Snapshot map[string]fileStamp

type fileStamp struct {
	mod  time.Time
	size int64
}

// TakeSnapshot records every non-ignored file under dir.
func TakeSnapshot(dir string) Snapshot {
	s := Snapshot{}
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if path != dir && (ignoredDirs[d.Name()] || d.Name()[0] == '.') {
				return filepath.SkipDir
			}
			return nil
		}
		if info, err := d.Info(); err == nil {
			s[path] = fileStamp{info.ModTime(), info.Size()}
		}
		return nil
	})
	return s
}

// Equal reports whether nothing changed between two snapshots.
func (s Snapshot) Equal(o Snapshot) bool {
	if len(s) != len(o) {
		return false
	}
	for k, v := range s {
		if w, ok := o[k]; !ok || !w.mod.Equal(v.mod) || w.size != v.size {
			return false
		}
	}
	return true
}

// WaitForChange polls dir every interval until a file changes (it returns
// nil) or ctx ends (it returns ctx.Err()).
func WaitForChange(ctx context.Context, dir string, interval time.Duration) error {
	base := TakeSnapshot(dir)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			if !TakeSnapshot(dir).Equal(base) {
				return nil
			}
		}
	}
}
