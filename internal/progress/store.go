package progress

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/waymark-dev/waymark/internal/atomicfile"

	"github.com/rogpeppe/go-internal/lockedfile"
)

// Store reads and writes one progress file.
type Store struct {
	Path string
	// CacheDir, when set, keeps a decoded copy of the file there, keyed by
	// its content, so loading a large file that waymark saved is fast.
	CacheDir string

	// rename replaces the file during a save; tests swap it to simulate a
	// crash between writing the temporary file and renaming it.
	rename func(oldpath, newpath string) error
}

// Open returns a Store for the file at path; nothing is read until Load or
// Update.
func Open(path string) *Store {
	return &Store{Path: path, rename: os.Rename}
}

// Load reads the file. A missing file is fresh progress, not an error, so
// that a first run needs no setup. It takes no lock: saves replace the file
// by rename, so a reader sees either the old or the new file, never half.
func (s *Store) Load() (*Progress, error) {
	p, _, _, err := s.load()
	return p, err
}

// load also returns the raw bytes and the format they were in, which
// Update needs to back up a migrated file.
func (s *Store) load() (*Progress, []byte, int, error) {
	data, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return New(""), nil, Format, nil
	}
	if err != nil {
		return nil, nil, 0, fmt.Errorf("reading progress: %w", err)
	}
	cache := decodeCache(s.CacheDir)
	if p := new(Progress); cache.Get(data, p) {
		return p, data, Format, nil
	}
	p, format, err := decode(s.Path, data)
	if err != nil {
		return nil, nil, 0, err
	}
	if format == Format {
		cache.Put(data, p)
	}
	return p, data, format, nil
}

// Update runs fn on the current progress and saves the result, holding a
// lock on <path>.lock from before the read to after the save, so that two
// terminals updating at once never lose each other's change. Nothing is
// written if the file does not parse or fn fails; a file migrated from an
// older format is first backed up to <path>.bak-format<N>.
func (s *Store) Update(fn func(*Progress) error) (*Progress, error) {
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o755); err != nil {
		return nil, fmt.Errorf("creating the progress folder: %w", err)
	}
	unlock, err := lockedfile.MutexAt(s.Path + ".lock").Lock()
	if err != nil {
		return nil, fmt.Errorf("locking progress: %w", err)
	}
	defer unlock()

	p, old, format, err := s.load()
	if err != nil {
		return nil, err
	}
	if err := fn(p); err != nil {
		return nil, err
	}
	p.Format = Format
	data, err := encode(p)
	if err != nil {
		return nil, err
	}
	if old != nil && bytes.Equal(data, old) {
		return p, nil // unchanged: leave the file and its mtime alone
	}
	if old != nil && format != Format {
		if err := backup(s.Path, old, format); err != nil {
			return nil, err
		}
	}
	if err := s.writeAtomic(data); err != nil {
		return nil, fmt.Errorf("saving progress: %w", err)
	}
	cachePut(decodeCache(s.CacheDir), data, p, old)
	return p, nil
}

// backup copies a file's original bytes before migration. It never
// overwrites an earlier backup: a second migration (say, after restoring the
// old file from Git) picks the next free suffix.
func backup(path string, data []byte, format int) error {
	base := path + ".bak-format" + strconv.Itoa(format)
	for i := 0; ; i++ {
		name := base
		if i > 0 {
			name += "." + strconv.Itoa(i)
		}
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("backing up progress before migrating it: %w", err)
		}
		_, err = f.Write(data)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(name)
			return fmt.Errorf("backing up progress before migrating it: %w", err)
		}
		return nil
	}
}

// writeAtomic replaces the file with data, keeping its mode and owner.
// The store's lock is held, so every leftover temporary file is stale.
func (s *Store) writeAtomic(data []byte) error {
	opts := []atomicfile.Option{atomicfile.Exclusive()}
	if s.rename != nil {
		opts = append(opts, atomicfile.Rename(s.rename))
	}
	return atomicfile.Write(s.Path, data, opts...)
}
