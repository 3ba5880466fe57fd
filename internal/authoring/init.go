package authoring

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// skeleton is the curriculum `waymark curriculum init` writes. It lives in
// a folder whose name starts with "_" so that the Go tool ignores it: its
// sample Go reference (templates/hello/go) is a separate program, with its
// own go.mod.tmpl, not a package of waymark's module. It is built and run
// by the init → validate test instead.
//
//go:embed all:_skeleton
var skeleton embed.FS

// Skeleton returns the files Init writes.
func Skeleton() fs.FS {
	sub, err := fs.Sub(skeleton, "_skeleton")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}

// ErrNotEmpty is returned by Init for a folder that already holds files.
var ErrNotEmpty = errors.New("folder is not empty")

// Init writes the sample curriculum into dir, which must not exist or be
// empty. It returns the files written, slash-separated.
func Init(dir string) ([]string, error) {
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotEmpty)
	}
	var files []string
	src := Skeleton()
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		out := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		files = append(files, p)
		return os.WriteFile(out, data, 0o644)
	})
	return files, err
}
