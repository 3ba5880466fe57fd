package library

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
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
// big: symbolic links whose resolution leaves the folder, is absolute or
// goes round in a loop, anything but regular files, folders and such links,
// files over MaxFileSize, and more than MaxFiles files or MaxTotalSize bytes
// in all. The .git folder is Git's own and is skipped. Every problem is
// listed.
//
// A link is judged by where it really leads, link by link, as
// curriculum.Folder reads it (see Folder.CheckLinks), not by its text: in
// sub/up -> .., l1 -> sub/up, l2 -> l1/.. every target stays inside as text,
// yet l2 is the folder's parent. Nothing outside the folder is looked at,
// so the verdict holds wherever the folder is renamed to. Such links are
// refused rather than dropped: dropping one would install a different
// curriculum than its author wrote, and the problem would surface later as
// a missing lesson or template instead of here, with the fix.
func CheckTree(root string) error {
	folder, err := curriculum.OpenFolder(root)
	if err != nil {
		return err
	}
	defer folder.Close()
	var problems []string
	var files int
	var total int64
	err = fs.WalkDir(folder, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" && p != "." {
			return fs.SkipDir
		}
		switch t := d.Type(); {
		case t.IsDir():
			return nil
		case t&fs.ModeSymlink != 0:
			if problem := linkProblem(folder, p); problem != "" {
				problems = append(problems, problem)
			}
			return nil
		case !t.IsRegular():
			problems = append(problems, fmt.Sprintf("%s: not a regular file", p))
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		total += info.Size()
		if info.Size() > MaxFileSize {
			problems = append(problems, fmt.Sprintf("%s: %d bytes is over the %d MiB limit per file", p, info.Size(), MaxFileSize>>20))
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

// linkProblem says what is wrong with the link at p, "" when it stays
// inside (or leads to nothing inside, which only fails when read).
func linkProblem(folder *curriculum.Folder, p string) string {
	const fix = "replace the link with the file or folder itself"
	err := folder.CheckLinks(p)
	var le *curriculum.LinkError
	switch {
	case err == nil:
		return ""
	case !errors.As(err, &le):
		return fmt.Sprintf("%s: symbolic link that cannot be followed (%v); %s", p, err, fix)
	}
	chain := strings.Join(le.Chain, ", ")
	switch le.Problem {
	case curriculum.LinkAbsolute:
		return fmt.Sprintf("%s: symbolic link to an absolute path (%s) is not allowed; %s", p, chain, fix)
	case curriculum.LinkLoop:
		return fmt.Sprintf("%s: a loop of symbolic links, or a chain of more than %d (%s); %s", p, curriculum.MaxLinks, chain, fix)
	}
	return fmt.Sprintf("%s: symbolic link leads outside the curriculum folder (%s); %s", p, chain, fix)
}

// copyTree copies a local folder (not a Git repository) into dst, which
// must not exist. Symbolic links are copied as links (CheckTree judges them
// afterwards); a file over the limit is refused before it is read. Both
// sides are opened as os.Root, so no link met on the way, even one changed
// while copying, takes a read or a write outside src or dst.
func copyTree(src, dst string) error {
	from, err := os.OpenRoot(src)
	if err != nil {
		return err
	}
	defer from.Close()
	if err := os.Mkdir(dst, 0o755); err != nil {
		return err
	}
	to, err := os.OpenRoot(dst)
	if err != nil {
		return err
	}
	defer to.Close()
	return fs.WalkDir(from.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch t := d.Type(); {
		case p == ".":
			return nil
		case t.IsDir():
			return to.Mkdir(p, 0o755)
		case t&fs.ModeSymlink != 0:
			target, err := from.Readlink(p)
			if err != nil {
				return err
			}
			return to.Symlink(target, p)
		case !t.IsRegular():
			return fmt.Errorf("%s: not a regular file", p)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() > MaxFileSize {
			return &TreeError{Problems: []string{fmt.Sprintf("%s: %d bytes is over the %d MiB limit per file", p, info.Size(), MaxFileSize>>20)}}
		}
		return copyFile(from, to, p)
	})
}

func copyFile(from, to *os.Root, name string) error {
	in, err := from.Open(name)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := to.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, io.LimitReader(in, MaxFileSize+1)); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
