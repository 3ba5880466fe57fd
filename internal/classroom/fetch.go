package classroom

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Limits on what one learner's repository may hold once exported.
const (
	MaxRepoFiles = 20000
	MaxRepoBytes = 256 << 20
)

// Snapshot is a learner's project at one commit, ready to be exported into
// a fresh folder.
type Snapshot struct {
	// Commit is the commit's hash; for a folder that is not a Git
	// repository, "files:" and the sha256 of its files.
	Commit  string
	Time    time.Time // the commit's time; zero for a plain folder
	Subject string    // the commit message's first line
	export  func(dst string) error
}

// Export writes the snapshot's files into dst, which must not exist.
func (s *Snapshot) Export(dst string) error { return s.export(dst) }

// Fetcher keeps shallow, bare clones of learners' repositories in Dir and
// brings them up to date: a re-run only fetches what is new.
type Fetcher struct {
	Dir   string
	locks sync.Map // mirror folder → *sync.Mutex: two learners may share a repository
}

// Fetch brings repo up to date and returns its newest commit. Local folders
// are read in place: a Git repository at its HEAD (uncommitted changes are
// not checked), any other folder as its files are.
func (f *Fetcher) Fetch(ctx context.Context, repo *Repo, folder string) (*Snapshot, error) {
	if repo.Git == "" {
		return localSnapshot(folder, repo.Path)
	}
	mirror := filepath.Join(f.Dir, mirrorName(repo.Git, repo.Branch))
	mu, _ := f.locks.LoadOrStore(mirror, &sync.Mutex{})
	mu.(*sync.Mutex).Lock()
	defer mu.(*sync.Mutex).Unlock()
	r, err := f.update(ctx, repo, mirror)
	if err != nil {
		return nil, err
	}
	return gitSnapshot(r, remoteRef(repo.Branch, r), repo.Path)
}

func (f *Fetcher) update(ctx context.Context, repo *Repo, mirror string) (*git.Repository, error) {
	if r, err := git.PlainOpen(mirror); err == nil {
		ref := remoteRef(repo.Branch, r)
		err := r.FetchContext(ctx, &git.FetchOptions{RemoteName: "origin", Depth: 1, Force: true, Tags: git.NoTags,
			RefSpecs: []config.RefSpec{config.RefSpec("+" + headsOf(ref) + ":" + string(ref))}})
		if err == nil || errors.Is(err, git.NoErrAlreadyUpToDate) {
			return r, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// A shallow mirror that cannot be brought forward is cloned again.
		os.RemoveAll(mirror)
	}
	if err := os.MkdirAll(f.Dir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(f.Dir, ".clone-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	opts := &git.CloneOptions{URL: repo.Git, Depth: 1, SingleBranch: true, Tags: git.NoTags}
	if repo.Branch != "" {
		opts.ReferenceName = plumbing.NewBranchReferenceName(repo.Branch)
	}
	if _, err := git.PlainCloneContext(ctx, tmp, true, opts); err != nil {
		return nil, fmt.Errorf("cannot fetch %s: %w", repo.Where(), cloneError(err))
	}
	if err := os.Rename(tmp, mirror); err != nil {
		return nil, err
	}
	return git.PlainOpen(mirror)
}

// cloneError words go-git's errors for an instructor.
func cloneError(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "repository not found"), strings.Contains(msg, "does not appear to be a git repository"):
		return errors.New("the repository does not exist or is not reachable with your credentials")
	case strings.Contains(msg, "couldn't find remote ref"), strings.Contains(msg, "reference not found"):
		return errors.New("the branch does not exist")
	}
	return err
}

// remoteRef is the remote-tracking ref of the branch checked: the given
// one, else the one the clone started on.
func remoteRef(branch string, r *git.Repository) plumbing.ReferenceName {
	if branch == "" {
		if head, err := r.Storer.Reference(plumbing.HEAD); err == nil && head.Type() == plumbing.SymbolicReference {
			branch = head.Target().Short()
		}
	}
	return plumbing.NewRemoteReferenceName("origin", branch)
}

func headsOf(remote plumbing.ReferenceName) string {
	return "refs/heads/" + strings.TrimPrefix(string(remote), "refs/remotes/origin/")
}

func mirrorName(url, branch string) string {
	sum := sha256.Sum256([]byte(url + "#" + branch))
	return hex.EncodeToString(sum[:12])
}

func gitSnapshot(r *git.Repository, ref plumbing.ReferenceName, sub string) (*Snapshot, error) {
	h, err := r.ResolveRevision(plumbing.Revision(ref))
	if err != nil {
		if h, err = r.ResolveRevision("HEAD"); err != nil {
			return nil, fmt.Errorf("the repository has no commits: %w", err)
		}
	}
	c, err := r.CommitObject(*h)
	if err != nil {
		return nil, err
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	if sub != "" {
		if tree, err = tree.Tree(sub); err != nil {
			return nil, fmt.Errorf("commit %s has no folder %s", h.String()[:12], sub)
		}
	}
	subject, _, _ := strings.Cut(strings.TrimSpace(c.Message), "\n")
	return &Snapshot{Commit: h.String(), Time: c.Committer.When.UTC(), Subject: subject,
		export: func(dst string) error { return exportTree(tree, dst) }}, nil
}

// exportTree writes a commit's tree into dst through os.Root, so no entry
// can land outside it. Links may only point inside the tree.
func exportTree(tree *object.Tree, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(dst)
	if err != nil {
		return err
	}
	defer root.Close()
	var files int
	var size int64
	return tree.Files().ForEach(func(f *object.File) error {
		files++
		size += f.Size
		switch {
		case files > MaxRepoFiles:
			return fmt.Errorf("the repository has more than %d files", MaxRepoFiles)
		case size > MaxRepoBytes:
			return fmt.Errorf("the repository holds more than %d MiB", MaxRepoBytes>>20)
		}
		if dir := path.Dir(f.Name); dir != "." {
			if err := root.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		if f.Mode == filemode.Symlink {
			target, err := f.Contents()
			if err != nil {
				return err
			}
			if !linkInside(f.Name, target) {
				return fmt.Errorf("%s is a symbolic link to %s, outside the repository", f.Name, target)
			}
			return root.Symlink(target, f.Name)
		}
		perm := fs.FileMode(0o644)
		if f.Mode == filemode.Executable {
			perm = 0o755
		}
		rd, err := f.Reader()
		if err != nil {
			return err
		}
		defer rd.Close()
		out, err := root.OpenFile(f.Name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, rd); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

func linkInside(name, target string) bool {
	if path.IsAbs(target) || strings.Contains(target, `\`) {
		return false
	}
	p := path.Join(path.Dir(name), target)
	return p != ".." && !strings.HasPrefix(p, "../")
}

// localSnapshot reads a local folder: a Git repository's HEAD commit, or
// a plain folder's files.
func localSnapshot(dir, sub string) (*Snapshot, error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, fmt.Errorf("folder %s does not exist", dir)
	}
	if r, err := git.PlainOpen(dir); err == nil {
		return gitSnapshot(r, plumbing.HEAD, sub)
	}
	if sub != "" {
		dir = filepath.Join(dir, filepath.FromSlash(sub))
	}
	sum, err := hashFolder(dir)
	if err != nil {
		return nil, err
	}
	return &Snapshot{Commit: "files:" + sum, export: func(dst string) error { return copyFolder(dir, dst) }}, nil
}

// walkFolder calls fn for every regular file of dir in name order, with
// the same limits as an exported repository; links and other kinds of file
// are refused.
func walkFolder(dir string, fn func(rel string, info fs.FileInfo) error) error {
	var files int
	var size int64
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			if d.Name() == ".git" || d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file; commit the folder to Git to check it", rel)
		}
		files++
		size += info.Size()
		if files > MaxRepoFiles || size > MaxRepoBytes {
			return fmt.Errorf("the folder holds more than %d files or %d MiB", MaxRepoFiles, MaxRepoBytes>>20)
		}
		return fn(filepath.ToSlash(rel), info)
	})
}

func hashFolder(dir string) (string, error) {
	h := sha256.New()
	err := walkFolder(dir, func(rel string, info fs.FileInfo) error {
		f, err := os.Open(filepath.Join(dir, rel))
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "%s\x00%o\x00%d\x00", rel, info.Mode().Perm()&0o111, info.Size())
		_, err = io.Copy(h, f)
		return err
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

func copyFolder(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(dst)
	if err != nil {
		return err
	}
	defer root.Close()
	return walkFolder(src, func(rel string, info fs.FileInfo) error {
		if dir := path.Dir(rel); dir != "." {
			if err := root.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		data, err := os.ReadFile(filepath.Join(src, rel))
		if err != nil {
			return err
		}
		return root.WriteFile(rel, data, info.Mode().Perm()|0o600)
	})
}
