// Package gitrepo does the little Git that waymark needs, with go-git so
// that no git binary is required: make a new repository with its first
// commit, and clone or update a curriculum.
package gitrepo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Branch is the branch new repositories start on.
const Branch = "main"

// Init makes dir a Git repository on branch main, adds every file that
// .gitignore does not exclude and commits them with message, authored and
// committed by author at now. It returns the commit's hash.
func Init(dir string, author Author, message string, now time.Time) (string, error) {
	repo, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName(Branch)},
	})
	if err != nil {
		return "", fmt.Errorf("git init %s: %w", dir, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return "", fmt.Errorf("git init %s: %w", dir, err)
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		return "", fmt.Errorf("git add in %s: %w", dir, err)
	}
	sig := signature(author, now)
	hash, err := wt.Commit(message, &git.CommitOptions{Author: sig, Committer: sig, AllowEmptyCommits: true})
	if err != nil {
		return "", fmt.Errorf("git commit in %s: %w", dir, err)
	}
	return hash.String(), nil
}

// Clone clones the repository at url into dir (which must not exist or be
// empty), checking out its default branch.
func Clone(ctx context.Context, url, dir string) error {
	_, err := git.PlainCloneContext(ctx, dir, false, &git.CloneOptions{URL: url, Depth: 1})
	if err != nil {
		return fmt.Errorf("git clone %s: %w", url, err)
	}
	return nil
}

// ErrNotFastForward reports a Pull that would need a merge: the local
// branch has commits the remote does not.
var ErrNotFastForward = errors.New("the local copy has diverged from its remote; remove it and add it again")

// Pull fast-forwards the repository in dir to its remote "origin". It
// returns whether anything changed.
func Pull(ctx context.Context, dir string) (changed bool, err error) {
	repo, err := git.PlainOpen(dir)
	if err != nil {
		return false, fmt.Errorf("git pull in %s: %w", dir, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return false, fmt.Errorf("git pull in %s: %w", dir, err)
	}
	before, err := repo.Head()
	if err != nil {
		return false, fmt.Errorf("git pull in %s: %w", dir, err)
	}
	err = wt.PullContext(ctx, &git.PullOptions{RemoteName: "origin"})
	switch {
	case errors.Is(err, git.NoErrAlreadyUpToDate):
		return false, nil
	case errors.Is(err, git.ErrNonFastForwardUpdate):
		return false, fmt.Errorf("git pull in %s: %w", dir, ErrNotFastForward)
	case err != nil:
		return false, fmt.Errorf("git pull in %s: %w", dir, err)
	}
	after, err := repo.Head()
	if err != nil {
		return false, fmt.Errorf("git pull in %s: %w", dir, err)
	}
	return after.Hash() != before.Hash(), nil
}

func signature(a Author, when time.Time) *object.Signature {
	return &object.Signature{Name: a.Name, Email: a.Email, When: when}
}

// Head returns the hash of the commit checked out in dir.
func Head(dir string) (string, error) {
	repo, err := git.PlainOpen(dir)
	if err != nil {
		return "", fmt.Errorf("git: %s: %w", dir, err)
	}
	ref, err := repo.Head()
	if err != nil {
		return "", fmt.Errorf("git: %s: %w", dir, err)
	}
	return ref.Hash().String(), nil
}

// ResetHard moves the checked-out branch of dir back to commit and makes
// the work tree match it: how a rejected update is undone.
func ResetHard(dir, commit string) error {
	repo, err := git.PlainOpen(dir)
	if err != nil {
		return fmt.Errorf("git reset in %s: %w", dir, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return fmt.Errorf("git reset in %s: %w", dir, err)
	}
	if err := wt.Reset(&git.ResetOptions{Commit: plumbing.NewHash(commit), Mode: git.HardReset}); err != nil {
		return fmt.Errorf("git reset in %s: %w", dir, err)
	}
	return nil
}

// OriginURL returns the URL of dir's remote "origin", or "" when dir is not
// a Git repository or has no origin.
func OriginURL(dir string) string {
	repo, err := git.PlainOpen(dir)
	if err != nil {
		return ""
	}
	r, err := repo.Remote("origin")
	if err != nil || len(r.Config().URLs) == 0 {
		return ""
	}
	return r.Config().URLs[0]
}
