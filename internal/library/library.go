// Package library keeps the curricula a user installed: each one a folder
// under $XDG_DATA_HOME/waymark/curricula/<name> (a Git clone, or a copy of a
// local folder), and a one-line "active" record naming the one in use.
//
// Installed content is untrusted: nothing in it is ever run while adding or
// updating it, and every file is confined to its folder (see CheckTree).
// An install is cloned or copied into a temporary folder beside its
// destination, checked, and only then renamed into place, so a refused
// curriculum leaves nothing behind.
package library

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/atomicfile"
	"github.com/waymark-dev/waymark/internal/lazyregexp"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/gitrepo"
)

// Builtin is the name that stands for waymark's own roadmap in List and Use.
const Builtin = "builtin"

// activeFile records the active curriculum's name, one line.
const activeFile = "active"

var nameRE = lazyregexp.New(`^[a-z0-9][a-z0-9-]{0,62}$`)

// Library is the folder of installed curricula.
type Library struct {
	Dir string
}

// Open returns the library under $XDG_DATA_HOME/waymark/curricula (else
// ~/.local/share/waymark/curricula).
func Open(getenv func(string) string) (*Library, error) {
	base := getenv("XDG_DATA_HOME")
	if base == "" {
		home := getenv("HOME")
		if home == "" {
			return nil, errors.New("cannot find the data folder: set XDG_DATA_HOME or HOME")
		}
		base = filepath.Join(home, ".local", "share")
	}
	return &Library{Dir: filepath.Join(base, "waymark", "curricula")}, nil
}

// Entry is one installed curriculum.
type Entry struct {
	Name   string `json:"name"`
	Dir    string `json:"dir"`
	Source string `json:"source"` // the Git remote, or "" for a copied folder
	Active bool   `json:"active"`
	ID     string `json:"id,omitempty"`
	Title  string `json:"title,omitempty"`
	// Problem says why the installed copy does not load, if it does not.
	Problem string `json:"problem,omitempty"`
}

// CheckName refuses names that are not lowercase-kebab or are reserved.
func CheckName(name string) error {
	if name == Builtin || name == activeFile || !nameRE.MatchString(name) {
		return fmt.Errorf("%q is not a usable curriculum name: use lowercase letters, digits and hyphens (and not %q or %q)", name, Builtin, activeFile)
	}
	return nil
}

// Path is the folder of the installed curriculum name.
func (l *Library) Path(name string) string { return filepath.Join(l.Dir, name) }

// Has reports whether name is installed.
func (l *Library) Has(name string) bool {
	info, err := os.Stat(l.Path(name))
	return err == nil && info.IsDir()
}

// Active returns the active curriculum's name, "" for the built-in one. A
// record naming a curriculum that is no longer installed counts as none.
func (l *Library) Active() (string, error) {
	data, err := os.ReadFile(filepath.Join(l.Dir, activeFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading the active curriculum: %w", err)
	}
	name := strings.TrimSpace(string(data))
	if name == "" || name == Builtin || !l.Has(name) {
		return "", nil
	}
	return name, nil
}

// Use makes name the active curriculum; Builtin goes back to waymark's own.
func (l *Library) Use(name string) error {
	if name != Builtin && !l.Has(name) {
		return fmt.Errorf("no curriculum named %q is installed (see `waymark curriculum list`)", name)
	}
	if err := os.MkdirAll(l.Dir, 0o755); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(l.Dir, activeFile), []byte(name+"\n"))
}

// List returns the installed curricula, sorted by name. load, if not nil,
// fills ID and Title (or Problem) from each folder.
func (l *Library) List(load func(dir string) (*curriculum.Curriculum, error)) ([]Entry, error) {
	ents, err := os.ReadDir(l.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	active, err := l.Active()
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, e := range ents {
		if !e.IsDir() || CheckName(e.Name()) != nil {
			continue // temporary folders and the active record
		}
		en := Entry{Name: e.Name(), Dir: l.Path(e.Name()), Active: e.Name() == active}
		en.Source = gitrepo.OriginURL(en.Dir)
		if load != nil {
			if c, err := load(en.Dir); err != nil {
				en.Problem = firstLine(err.Error())
			} else {
				en.ID, en.Title = c.ID, c.Title
			}
		}
		out = append(out, en)
	}
	slices.SortFunc(out, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Remove deletes an installed curriculum. Removing the active one makes the
// built-in roadmap active again. Progress is never touched.
func (l *Library) Remove(name string) error {
	if err := CheckName(name); err != nil || !l.Has(name) {
		return fmt.Errorf("no curriculum named %q is installed (see `waymark curriculum list`)", name)
	}
	active, _ := l.Active()
	// Rename first so that a half-deleted folder is never mistaken for a
	// curriculum.
	tmp, err := os.MkdirTemp(l.Dir, ".remove-"+name+"-")
	if err != nil {
		return err
	}
	if err := os.Rename(l.Path(name), filepath.Join(tmp, name)); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	if active == name {
		return l.Use(Builtin)
	}
	return nil
}

// Validator checks a candidate folder (a fresh clone or copy) and returns
// its curriculum, or every problem found.
type Validator func(dir string) (*curriculum.Curriculum, error)

// Source says where a curriculum comes from.
type Source struct {
	// URL is a Git URL (https://, ssh://, git@host:path, file://), or a
	// local folder (which is cloned when it is a Git repository, so that
	// update works, and copied otherwise).
	URL string
}

// IsGitURL reports whether s names a remote Git repository rather than a
// local folder.
func IsGitURL(s string) bool {
	for _, p := range []string{"https://", "http://", "ssh://", "git://", "file://"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	// scp-like syntax: user@host:path
	at, colon := strings.Index(s, "@"), strings.Index(s, ":")
	return at > 0 && colon > at && !strings.Contains(s[:colon], "/")
}

// Add installs the curriculum at src under name (empty: the curriculum's
// own id). The candidate is fetched into a temporary folder beside the
// destination, its tree checked with CheckTree, then validated; only a
// clean candidate is renamed into place.
func (l *Library) Add(ctx context.Context, src, name string, validate Validator) (*Entry, error) {
	if name != "" {
		if err := CheckName(name); err != nil {
			return nil, err
		}
		if l.Has(name) {
			return nil, fmt.Errorf("a curriculum named %q is already installed: update it with `waymark curriculum update %s`, or pick another --name", name, name)
		}
	}
	if err := os.MkdirAll(l.Dir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(l.Dir, ".add-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	cand := filepath.Join(tmp, "c")
	if err := fetch(ctx, src, cand); err != nil {
		return nil, err
	}
	if err := CheckTree(cand); err != nil {
		return nil, err
	}
	c, err := validate(cand)
	if err != nil {
		return nil, err
	}
	if name == "" {
		name = c.ID
		if err := CheckName(name); err != nil {
			return nil, fmt.Errorf("the curriculum's id %q cannot name it here; give one with --name", c.ID)
		}
		if l.Has(name) {
			return nil, fmt.Errorf("a curriculum named %q is already installed: update it with `waymark curriculum update %s`, or pick another --name", name, name)
		}
	}
	if err := os.Rename(cand, l.Path(name)); err != nil {
		return nil, fmt.Errorf("installing %s: %w", name, err)
	}
	return &Entry{Name: name, Dir: l.Path(name), Source: gitrepo.OriginURL(l.Path(name)), ID: c.ID, Title: c.Title}, nil
}

func fetch(ctx context.Context, src, dir string) error {
	if IsGitURL(src) {
		return gitrepo.Clone(ctx, src, dir)
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	info, err := os.Stat(abs)
	if err != nil || !info.IsDir() {
		return fmt.Errorf("%s is neither a Git URL nor a folder", src)
	}
	if _, err := os.Stat(filepath.Join(abs, ".git")); err == nil {
		return gitrepo.Clone(ctx, "file://"+filepath.ToSlash(abs), dir)
	}
	return copyTree(abs, dir)
}

// ErrNotGit is returned by Update for a curriculum that was copied from a
// folder rather than cloned.
var ErrNotGit = errors.New("was copied from a folder, not cloned: remove it and add it again to update it")

// UpdateResult is what an update did.
type UpdateResult struct {
	// Before is the curriculum as installed, nil when it did not validate
	// (an update may repair it); After is the curriculum now.
	Before, After *curriculum.Curriculum
	// Changed reports that new commits were pulled: the files changed, even
	// when Before is nil.
	Changed bool
}

// Update fast-forwards an installed Git curriculum to its remote. The new
// content must pass validate (and the tree checks) or the update is undone
// and the install stays as it was.
func (l *Library) Update(ctx context.Context, name string, validate Validator) (*UpdateResult, error) {
	dir := l.Path(name)
	if CheckName(name) != nil || !l.Has(name) {
		return nil, fmt.Errorf("no curriculum named %q is installed (see `waymark curriculum list`)", name)
	}
	if gitrepo.OriginURL(dir) == "" {
		return nil, fmt.Errorf("%s %w", name, ErrNotGit)
	}
	res := &UpdateResult{}
	before, err := validate(dir)
	if err == nil {
		res.Before = before // else nil: a broken install can still be repaired
	}
	old, err := gitrepo.Head(dir)
	if err != nil {
		return nil, err
	}
	if res.Changed, err = gitrepo.Pull(ctx, dir); err != nil {
		return nil, err
	}
	if !res.Changed && res.Before != nil {
		res.After = res.Before
		return res, nil
	}
	undo := func(cause error) error {
		if rerr := gitrepo.ResetHard(dir, old); rerr != nil {
			return fmt.Errorf("%w\n(and undoing the update failed: %v)", cause, rerr)
		}
		return fmt.Errorf("the update was refused and %s stays as it was:\n%w", name, cause)
	}
	if err := CheckTree(dir); err != nil {
		return nil, undo(err)
	}
	if res.After, err = validate(dir); err != nil {
		return nil, undo(err)
	}
	return res, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func writeAtomic(path string, data []byte) error { return atomicfile.Write(path, data) }
