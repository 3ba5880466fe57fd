package scaffold

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/gitrepo"
)

// BuildSetup makes the Git repository of an exercise's setup in dir (which
// must not exist or be empty): its steps, then, for the reference, its
// solution. Commits are signed by author, a minute apart, the last at now.
func BuildSetup(dir string, s *curriculum.Setup, solution bool, author gitrepo.Author, now time.Time) error {
	steps := slices.Clone(s.Steps)
	if solution {
		steps = append(steps, s.Solution...)
	}
	repo, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName(gitrepo.Branch)},
	})
	if err != nil {
		return fmt.Errorf("git init %s: %w", dir, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return err
	}
	b := &setupBuilder{repo: repo, wt: wt, dir: dir, author: author, when: now.Add(-time.Duration(len(steps)) * time.Minute)}
	for i, st := range steps {
		kind, arg := st.Action()
		if err := b.step(st, kind, arg); err != nil {
			return fmt.Errorf("setup step %d (%s %s): %w", i+1, kind, arg, err)
		}
	}
	return nil
}

type setupBuilder struct {
	repo   *git.Repository
	wt     *git.Worktree
	dir    string
	author gitrepo.Author
	when   time.Time
}

func (b *setupBuilder) sig() *object.Signature {
	b.when = b.when.Add(time.Minute)
	return &object.Signature{Name: b.author.Name, Email: b.author.Email, When: b.when}
}

func (b *setupBuilder) step(st *curriculum.SetupStep, kind, arg string) error {
	switch kind {
	case "commit":
		if err := b.write(st.Files, st.Delete); err != nil {
			return err
		}
		sig := b.sig()
		_, err := b.wt.Commit(arg, &git.CommitOptions{Author: sig, Committer: sig})
		return err
	case "write":
		return b.writeOnly(st.Files)
	case "branch":
		return b.wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(arg), Create: true})
	case "checkout":
		return b.wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(arg)})
	case "reset":
		ref, err := b.repo.Reference(plumbing.NewBranchReferenceName(arg), true)
		if err != nil {
			return err
		}
		return b.wt.Reset(&git.ResetOptions{Commit: ref.Hash(), Mode: git.HardReset})
	case "tag":
		head, err := b.repo.Head()
		if err != nil {
			return err
		}
		var opts *git.CreateTagOptions
		if st.Message != "" {
			opts = &git.CreateTagOptions{Tagger: b.sig(), Message: st.Message}
		}
		_, err = b.repo.CreateTag(arg, head.Hash(), opts)
		return err
	case "merge":
		return b.merge(st, arg)
	}
	return fmt.Errorf("unknown setup step %q", kind)
}

// writeOnly writes files into the work tree and stages nothing.
func (b *setupBuilder) writeOnly(files map[string]string) error {
	for _, p := range keysOf(files) {
		full := filepath.Join(b.dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, []byte(files[p]), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// write writes and stages files and removes deleted ones.
func (b *setupBuilder) write(files map[string]string, del []string) error {
	if err := b.writeOnly(files); err != nil {
		return err
	}
	for _, p := range keysOf(files) {
		if _, err := b.wt.Add(p); err != nil {
			return err
		}
	}
	for _, p := range del {
		if _, err := b.wt.Remove(p); err != nil {
			return fmt.Errorf("delete %s: %w", p, err)
		}
	}
	return nil
}

// merge commits HEAD and branch's tip together: per file, the side that
// changed it since their merge base, or st.Files where both did.
func (b *setupBuilder) merge(st *curriculum.SetupStep, branch string) error {
	head, err := b.repo.Head()
	if err != nil {
		return err
	}
	other, err := b.repo.Reference(plumbing.NewBranchReferenceName(branch), true)
	if err != nil {
		return err
	}
	ours, err := b.repo.CommitObject(head.Hash())
	if err != nil {
		return err
	}
	theirs, err := b.repo.CommitObject(other.Hash())
	if err != nil {
		return err
	}
	bases, err := ours.MergeBase(theirs)
	if err != nil {
		return err
	}
	base := map[string]string{}
	if len(bases) > 0 {
		if base, err = commitFiles(bases[0]); err != nil {
			return err
		}
	}
	o, err := commitFiles(ours)
	if err != nil {
		return err
	}
	t, err := commitFiles(theirs)
	if err != nil {
		return err
	}
	files := map[string]string{}
	var del []string
	for _, p := range keysOf(mergeKeys(o, t)) {
		ov, oOK := o[p]
		tv, tOK := t[p]
		bv, bOK := base[p]
		if _, given := st.Files[p]; given || (ov == tv && oOK == tOK) || (tv == bv && tOK == bOK) {
			continue // resolved by the step, the same on both sides, or changed on ours only
		}
		if ov != bv || oOK != bOK {
			return fmt.Errorf("%s changed on both %s and %s: give its merged content in files", p, head.Name().Short(), branch)
		}
		if tOK {
			files[p] = tv
		} else {
			del = append(del, p)
		}
	}
	for p, v := range st.Files {
		files[p] = v
	}
	if err := b.write(files, del); err != nil {
		return err
	}
	msg := st.Message
	if msg == "" {
		msg = fmt.Sprintf("Merge branch '%s'", branch)
	}
	sig := b.sig()
	_, err = b.wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig, AllowEmptyCommits: true,
		Parents: []plumbing.Hash{head.Hash(), other.Hash()}})
	return err
}

// commitFiles reads every file of c's tree.
func commitFiles(c *object.Commit) (map[string]string, error) {
	tree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	err = tree.Files().ForEach(func(f *object.File) error {
		s, err := f.Contents()
		out[f.Name] = s
		return err
	})
	if err != nil {
		return nil, errors.Join(errors.New("reading "+c.Hash.String()), err)
	}
	return out, nil
}

func mergeKeys(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k := range a {
		out[k] = ""
	}
	for k := range b {
		out[k] = ""
	}
	return out
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
