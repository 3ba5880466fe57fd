package curriculum

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// MaxLinks is how many symbolic links one path may go through. It is
// os.Root's own limit (POSIX's smallest SYMLOOP_MAX), so that what the
// install check accepts, a Folder can read.
const MaxLinks = 8

// Folder is a curriculum folder opened for reading: a read-only fs.FS whose
// every read stays inside the folder. A curriculum may come from a
// stranger's repository, so its symbolic links are untrusted; reads go
// through os.Root, which follows a link only while its resolution stays
// inside the folder and refuses absolute links. Confinement holds for
// chains of links and for a link replaced after it was checked, because
// every read resolves its path again. Every place that reads a curriculum
// folder, an installed curriculum or its templates opens it with
// OpenFolder.
//
// A refused read returns a *LinkError naming the link and what to do.
type Folder struct {
	dir  string
	root *os.Root
	fsys fs.FS
}

var (
	_ fs.ReadFileFS = (*Folder)(nil)
	_ fs.ReadDirFS  = (*Folder)(nil)
	_ fs.StatFS     = (*Folder)(nil)
	_ fs.ReadLinkFS = (*Folder)(nil)
)

// OpenFolder opens the curriculum folder dir (a link naming the folder
// itself is followed). Close it when done.
func OpenFolder(dir string) (*Folder, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Folder{dir: dir, root: root, fsys: root.FS()}, nil
}

// Dir is the folder's path as given to OpenFolder.
func (f *Folder) Dir() string { return f.dir }

// Close releases the folder.
func (f *Folder) Close() error { return f.root.Close() }

// Open opens name for reading.
func (f *Folder) Open(name string) (fs.File, error) {
	file, err := f.fsys.Open(name)
	return file, f.explain(name, "file or folder", err)
}

// ReadFile reads the file name.
func (f *Folder) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(f.fsys, name)
	return data, f.explain(name, "file", err)
}

// ReadDir lists the folder name.
func (f *Folder) ReadDir(name string) ([]fs.DirEntry, error) {
	ents, err := fs.ReadDir(f.fsys, name)
	return ents, f.explain(name, "folder", err)
}

// Stat describes name, following a final link that stays inside.
func (f *Folder) Stat(name string) (fs.FileInfo, error) {
	info, err := fs.Stat(f.fsys, name)
	return info, f.explain(name, "file or folder", err)
}

// Lstat describes name without following a final link.
func (f *Folder) Lstat(name string) (fs.FileInfo, error) {
	info, err := fs.Lstat(f.fsys, name)
	return info, f.explain(name, "folder", err)
}

// ReadLink returns the text of the link name.
func (f *Folder) ReadLink(name string) (string, error) {
	target, err := fs.ReadLink(f.fsys, name)
	return target, f.explain(name, "folder", err)
}

// explain turns os.Root's refusal of a path ("path escapes from parent",
// which it does not export) into a LinkError naming the link. what is the
// kind of thing the caller wanted at name, for the advice. Other errors,
// and a refusal the links no longer explain, pass through unchanged: the
// read is refused either way.
func (f *Folder) explain(name, what string, err error) error {
	if err == nil || errors.Is(err, fs.ErrNotExist) || !fs.ValidPath(name) {
		return err
	}
	var le *LinkError
	if errors.As(f.CheckLinks(name), &le) {
		le.what = what
		return le
	}
	return err
}

// LinkProblem is what is wrong with the links on the way to a path.
type LinkProblem int

// The ways links can fail to stay inside a folder.
const (
	LinkOutside  LinkProblem = iota // a link's target climbs out of the folder
	LinkAbsolute                    // a link's target is an absolute path
	LinkLoop                        // more than MaxLinks links, usually a loop
)

// LinkError reports a path that symbolic links would lead outside its
// curriculum folder.
type LinkError struct {
	Path    string      // the path asked for, slash-separated, relative to the folder
	Link    string      // the link to replace: the one that leaves, is absolute, or starts the loop
	Chain   []string    // every link followed on the way, as "name -> target"
	Problem LinkProblem // what is wrong
	what    string      // what Link stands for, for the advice
}

func (e *LinkError) Error() string { return e.Link + " is " + e.Reason() }

// Reason is the error without the link's name in front: what is wrong with
// the link and what to do about it.
func (e *LinkError) Reason() string {
	what := e.what
	if e.Link != e.Path || what == "" {
		what = "folder"
		if !strings.HasPrefix(e.Path, e.Link+"/") {
			what = "file or folder"
		}
	}
	chain := strings.Join(e.Chain, ", ")
	switch e.Problem {
	case LinkAbsolute:
		return fmt.Sprintf("a symbolic link to an absolute path (%s); replace it with the %s itself", chain, what)
	case LinkLoop:
		return fmt.Sprintf("a loop of symbolic links, or a chain of more than %d (%s); replace it with the %s itself", MaxLinks, chain, what)
	}
	return fmt.Sprintf("a symbolic link that leads outside the curriculum folder (%s); replace it with the %s itself", chain, what)
}

// readingFile marks e as met while reading a file, for the advice.
func (e *LinkError) readingFile() {
	if e.what != "folder" {
		e.what = "file"
	}
}

// CheckLinks follows the symbolic links on the way to name the way os.Root
// does — a link's target is read relative to the link's folder, ".." after
// a link goes up from where the link led — but never looks outside the
// folder: it returns a *LinkError as soon as a ".." would climb out of it,
// a target is absolute, or more than MaxLinks links are followed. Missing
// parts are taken as written. nil means every link on the way stays inside,
// wherever the folder itself is.
//
// The link the error names is the first one met that leads outside by
// itself, so that replacing it is the fix: in x/y.md, where x leads to a
// folder inside and that folder's y.md leads out, it is the latter.
func (f *Folder) CheckLinks(name string) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: "checklinks", Path: name, Err: fs.ErrInvalid}
	}
	le, met, err := f.follow(name)
	if le == nil {
		return err
	}
	for _, link := range met {
		if own, _, _ := f.follow(link); own != nil {
			own.Path = name
			return own
		}
	}
	return le
}

// follow resolves name, which fs.ValidPath accepts, link by link. It
// returns the links met, in order, and a LinkError naming the first of
// them when the resolution does not stay inside.
func (f *Folder) follow(name string) (*LinkError, []string, error) {
	todo := strings.Split(name, "/")
	var done []string // the resolved path so far: folders (or missing names), never links
	var met, chain []string
	fail := func(kind LinkProblem) (*LinkError, []string, error) {
		link := name // only links bring "..", so met is not empty
		if len(met) > 0 {
			link = met[0]
		}
		return &LinkError{Path: name, Link: link, Chain: chain, Problem: kind}, met, nil
	}
	for len(todo) > 0 {
		p := todo[0]
		todo = todo[1:]
		switch p {
		case "", ".":
			continue
		case "..":
			if len(done) == 0 {
				return fail(LinkOutside)
			}
			done = done[:len(done)-1]
			continue
		}
		at := path.Join(append(done, p)...)
		info, err := f.root.Lstat(at)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			done = append(done, p)
			continue
		}
		target, err := f.root.Readlink(at)
		if err != nil {
			return nil, met, err
		}
		met = append(met, at)
		chain = append(chain, at+" -> "+target)
		if len(met) > MaxLinks {
			return fail(LinkLoop)
		}
		if filepath.IsAbs(target) || strings.HasPrefix(filepath.ToSlash(target), "/") {
			return fail(LinkAbsolute)
		}
		// The target replaces the link, relative to the link's folder.
		todo = append(strings.Split(filepath.ToSlash(target), "/"), todo...)
	}
	return nil, met, nil
}
