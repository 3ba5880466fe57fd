package classroom

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/waymark-dev/waymark/internal/gitrepo"
	"github.com/waymark-dev/waymark/internal/library"
	"github.com/waymark-dev/waymark/internal/progress"
)

// MaxFileSize refuses progress files no learner could have written by hand.
const MaxFileSize = 8 << 20

// KnownNames are the file names looked for in a learner's repository or
// folder, in order.
var KnownNames = []string{"waymark-progress.yaml", "progress.yaml", ".waymark/progress.yaml"}

// Record is one learner's progress as read, or why it could not be.
type Record struct {
	ID       string // the learner's id in a roster; "" outside one
	Source   string // the file, or URL, it came from
	Learner  Learner
	Progress *progress.Progress // nil when Err is set
	Err      error
}

// Gather reads every source: a progress or export file; a folder holding one
// of KnownNames (one learner) or else a set of *.yaml files (one learner
// each); or a Git URL, cloned into a temporary folder and read as a folder.
// A source that cannot be read becomes a Record with Err, never a failure
// of the whole report. Files are read in parallel; the result is in source
// order, folders expanded in name order.
func Gather(ctx context.Context, sources []string) []Record {
	results := make([][]Record, len(sources))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i, src := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = gatherOne(ctx, src)
		}()
	}
	wg.Wait()
	var out []Record
	for _, r := range results {
		out = append(out, r...)
	}
	return out
}

func gatherOne(ctx context.Context, src string) []Record {
	if library.IsGitURL(src) {
		tmp, err := os.MkdirTemp("", "waymark-class-")
		if err != nil {
			return []Record{{Source: src, Err: err}}
		}
		defer os.RemoveAll(tmp)
		dir := filepath.Join(tmp, "repo")
		if err := gitrepo.Clone(ctx, src, dir); err != nil {
			return []Record{{Source: src, Err: err}}
		}
		rec := readKnown(dir, src, repoName(src))
		return []Record{rec}
	}
	info, err := os.Stat(src)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			err = errors.New("no such file or folder")
		}
		return []Record{{Source: src, Learner: Learner{Name: baseName(src)}, Err: err}}
	}
	if !info.IsDir() {
		return []Record{ReadFile(src, baseName(src))}
	}
	for _, n := range KnownNames {
		if _, err := os.Stat(filepath.Join(src, filepath.FromSlash(n))); err == nil {
			return []Record{readKnown(src, src, filepath.Base(filepath.Clean(src)))}
		}
	}
	var files []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, _ := filepath.Glob(filepath.Join(src, pat))
		files = append(files, m...)
	}
	slices.Sort(files)
	if len(files) == 0 {
		return []Record{{Source: src, Learner: Learner{Name: filepath.Base(src)}, Err: fmt.Errorf("no progress file in this folder (looked for %s or *.yaml)", strings.Join(KnownNames, ", "))}}
	}
	out := make([]Record, len(files))
	for i, f := range files {
		out[i] = ReadFile(f, baseName(f))
	}
	return out
}

// readKnown reads the first of KnownNames in dir; source and name label it.
func readKnown(dir, source, name string) Record {
	for _, n := range KnownNames {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if _, err := os.Lstat(p); err == nil {
			rec := ReadFile(p, name)
			rec.Source = source
			return rec
		}
	}
	return Record{Source: source, Learner: Learner{Name: name}, Err: fmt.Errorf("no progress file (looked for %s)", strings.Join(KnownNames, ", "))}
}

// ReadFile reads one export or progress file. fallbackName names the
// learner when the file does not (a bare progress file).
func ReadFile(path, fallbackName string) Record {
	rec := Record{Source: path, Learner: Learner{Name: fallbackName}}
	info, err := os.Lstat(path)
	switch {
	case err != nil:
		rec.Err = err
		return rec
	case !info.Mode().IsRegular():
		rec.Err = errors.New("not a regular file")
		return rec
	case info.Size() > MaxFileSize:
		rec.Err = fmt.Errorf("%d bytes is over the %d MiB limit", info.Size(), MaxFileSize>>20)
		return rec
	}
	data, err := os.ReadFile(path)
	if err != nil {
		rec.Err = err
		return rec
	}
	if isExport(data) {
		e, err := decodeExport(path, data)
		if err != nil {
			rec.Err = fmt.Errorf("invalid export: %w", err)
			return rec
		}
		rec.Progress = e.Progress
		if e.Learner.Name != "" {
			rec.Learner = e.Learner
		} else {
			rec.Learner.Email = e.Learner.Email
		}
		return rec
	}
	p, err := progress.Open(path).Load()
	if err != nil {
		rec.Err = err
		return rec
	}
	rec.Progress = p
	return rec
}

func baseName(p string) string {
	b := filepath.Base(p)
	for _, ext := range []string{".yaml", ".yml"} {
		b = strings.TrimSuffix(b, ext)
	}
	return b
}

func repoName(url string) string {
	u := strings.TrimSuffix(strings.TrimRight(url, "/"), ".git")
	if i := strings.LastIndexAny(u, "/:"); i >= 0 {
		return u[i+1:]
	}
	return u
}
