// Package atomicfile replaces a file's content so that a reader, or a
// crash, sees either the old bytes or the new ones, never a mix: the one
// way waymark writes a file that someone relies on (the progress file, the
// curriculum library's records, exports, caches).
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/shell"
)

// ReadOnlyError is a file whose owner took away its write permission: it
// is not replaced, whoever runs waymark.
type ReadOnlyError struct {
	Path string
	Mode fs.FileMode
}

func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("%s is read-only (%s), so waymark will not replace it; to let it save, run: chmod u+w %s",
		e.Path, e.Mode.Perm(), shell.Quote(e.Path))
}

// Option changes how Write works.
type Option func(*config)

type config struct {
	perm      fs.FileMode
	exclusive bool
	rename    func(oldpath, newpath string) error
}

// Perm is the mode of a file Write creates (default 0644). A file that
// exists keeps its own mode.
func Perm(perm fs.FileMode) Option { return func(c *config) { c.perm = perm } }

// Exclusive says the caller holds a lock that every writer of the file
// takes, so any temporary file beside it is a leftover of a save that was
// killed and is removed at once (otherwise only after StaleAfter).
func Exclusive() Option { return func(c *config) { c.exclusive = true } }

// Rename replaces os.Rename, for tests that crash a save at the rename.
func Rename(fn func(oldpath, newpath string) error) Option {
	return func(c *config) { c.rename = fn }
}

// StaleAfter is how old a temporary file must be before a Write that does
// not hold a lock removes it: old enough that no save can still be writing
// it.
const StaleAfter = time.Hour

// Write replaces path with data: it writes a temporary file in the same
// folder (a rename is atomic only within one file system), gives it the old
// file's mode and owner, fsyncs it so a crash cannot leave an empty file
// under the real name, renames it over the old one, and fsyncs the folder so
// the rename itself survives a crash. Leftover temporary files of path are
// swept first.
func Write(path string, data []byte, opts ...Option) (err error) {
	c := config{perm: 0o644, rename: os.Rename}
	for _, o := range opts {
		o(&c)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	perm, owner := c.perm, (*fileOwner)(nil)
	switch fi, err := os.Stat(path); {
	case err == nil:
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file; waymark will not replace it", path)
		}
		if fi.Mode().Perm()&0o200 == 0 {
			return &ReadOnlyError{Path: path, Mode: fi.Mode()}
		}
		perm, owner = fi.Mode().Perm(), ownerOf(fi)
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	sweep(dir, base, c.exclusive)

	f, err := os.CreateTemp(dir, TempPrefix(base)+"*")
	if err != nil {
		return err
	}
	renamed := false
	defer func() {
		if !renamed {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Chmod(perm); err != nil {
		return err
	}
	if err := owner.apply(f); err != nil {
		return fmt.Errorf("keeping the owner of %s: %w (save it as its owner, or change its owner with chown)", path, err)
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := c.rename(f.Name(), path); err != nil {
		return err
	}
	renamed = true
	return syncDir(dir)
}

// TempPrefix is how the temporary files of a file named base begin: hidden,
// and named after the file, so a .gitignore line can match them.
func TempPrefix(base string) string { return "." + base + ".tmp-" }

// sweep removes temporary files of base left in dir by saves that were
// killed: all of them when the caller holds the file's lock, else those
// older than StaleAfter. It is best-effort: a leftover costs only space.
// It also knows the name the progress store used before this package.
func sweep(dir, base string, exclusive bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, TempPrefix(base)) && !strings.HasPrefix(name, base+".tmp") {
			continue
		}
		if !e.Type().IsRegular() {
			continue
		}
		if !exclusive {
			fi, err := e.Info()
			if err != nil || time.Since(fi.ModTime()) < StaleAfter {
				continue
			}
		}
		os.Remove(filepath.Join(dir, name))
	}
}

// syncDir makes a rename in dir durable. Windows cannot open a folder for
// syncing, and NTFS journals renames, so it is skipped there.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
