package library

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// Limits on what an installed curriculum may hold. A single file matches
// the curriculum's own lesson limit; the totals keep a hostile repository
// from filling the disk.
const (
	MaxFileSize  = curriculum.MaxFileSize
	MaxTotalSize = 256 << 20
	MaxFiles     = 20000
)

// TreeError lists every confinement problem of a candidate folder.
type TreeError struct {
	Problems []string // "path: what is wrong", slash-separated paths
}

func (e *TreeError) Error() string {
	return strings.Join(e.Problems, "\n")
}

// CheckTree refuses a folder whose content could reach outside it or is too
// big: symbolic links that are absolute or lead out of the folder, anything
// but regular files, folders and such links, files over MaxFileSize, and
// more than MaxFiles files or MaxTotalSize bytes in all. The .git folder is
// Git's own and is skipped. Every problem is listed.
func CheckTree(root string) error {
	var problems []string
	var files int
	var total int64
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() && d.Name() == ".git" && p != root {
			return filepath.SkipDir
		}
		switch t := d.Type(); {
		case t.IsDir():
			return nil
		case t&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			if filepath.IsAbs(target) || strings.HasPrefix(filepath.ToSlash(target), "/") {
				problems = append(problems, fmt.Sprintf("%s: symbolic link to an absolute path (%s) is not allowed", rel, target))
				return nil
			}
			resolved := filepath.Join(filepath.Dir(p), target)
			if r, err := filepath.Rel(root, resolved); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
				problems = append(problems, fmt.Sprintf("%s: symbolic link leads outside the curriculum (%s)", rel, target))
			}
			return nil
		case !t.IsRegular():
			problems = append(problems, fmt.Sprintf("%s: not a regular file", rel))
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		total += info.Size()
		if info.Size() > MaxFileSize {
			problems = append(problems, fmt.Sprintf("%s: %d bytes is over the %d MiB limit per file", rel, info.Size(), MaxFileSize>>20))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if files > MaxFiles {
		problems = append(problems, fmt.Sprintf("%d files is over the limit of %d", files, MaxFiles))
	}
	if total > MaxTotalSize {
		problems = append(problems, fmt.Sprintf("%d bytes in all is over the %d MiB limit", total, MaxTotalSize>>20))
	}
	if len(problems) > 0 {
		return &TreeError{Problems: problems}
	}
	return nil
}

// copyTree copies a local folder (not a Git repository) into dst, which
// must not exist. Symbolic links are copied as links (CheckTree judges them
// afterwards); a file over the limit is refused before it is read.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		switch t := d.Type(); {
		case t.IsDir():
			return os.MkdirAll(out, 0o755)
		case t&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, out)
		case !t.IsRegular():
			return fmt.Errorf("%s: not a regular file", filepath.ToSlash(rel))
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() > MaxFileSize {
			return &TreeError{Problems: []string{fmt.Sprintf("%s: %d bytes is over the %d MiB limit per file", filepath.ToSlash(rel), info.Size(), MaxFileSize>>20)}}
		}
		return copyFile(p, out)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, io.LimitReader(in, MaxFileSize+1)); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
