package check

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// The git expectations about history, refs and files.

func (g *gitRepo) checkCommits(want Count) *gitProblem {
	c := g.headCommit()
	if c == nil {
		return nil
	}
	n := 0
	it := object.NewCommitPreorderIter(c, nil, nil)
	_ = it.ForEach(func(*object.Commit) error {
		if n++; n >= maxGitCommits {
			return storer.ErrStop
		}
		return nil
	})
	if n >= want.Min && (want.Max < 0 || n <= want.Max) {
		return nil
	}
	why := "commit more often: one commit per step of the work"
	if want.Max >= 0 && n > want.Max {
		why = "squash commits together with `git rebase -i`"
	}
	return &gitProblem{fmt.Sprintf("%s has %d commits, expected %s", g.where(), n, want.Text), "commits " + want.Text, strconv.Itoa(n) + " commits", why}
}

func (g *gitRepo) checkMerged(branch string) *gitProblem {
	c := g.headCommit()
	if c == nil {
		return nil
	}
	ref, err := g.repo.Reference(plumbing.NewBranchReferenceName(branch), true)
	if err != nil {
		return &gitProblem{fmt.Sprintf("branch %s does not exist, so it is not merged", branch), branch + " merged into " + g.where(), "no branch " + branch, "the branch must still exist to prove it was merged"}
	}
	tip, err := g.repo.CommitObject(ref.Hash())
	if err != nil {
		return &gitProblem{fmt.Sprintf("branch %s points at no commit", branch), branch + " merged", err.Error(), ""}
	}
	if tip.Hash == c.Hash {
		return nil
	}
	if ok, err := tip.IsAncestor(c); err == nil && ok {
		return nil
	}
	return &gitProblem{fmt.Sprintf("%s is not merged into %s: its last commit %s is not in %s's history", branch, g.where(), subject(tip), g.where()),
		branch + " merged into " + g.where(), branch + " not merged", fmt.Sprintf("merge it: `git switch %s` then `git merge %s`", g.where(), branch)}
}

// firstMerge finds a merge commit in c's history: on its first-parent line
// only, or anywhere.
func firstMerge(c *object.Commit, firstParent bool) *object.Commit {
	var found *object.Commit
	n := 0
	visit := func(x *object.Commit) error {
		if x.NumParents() > 1 {
			found = x
			return storer.ErrStop
		}
		if n++; n >= maxGitCommits {
			return storer.ErrStop
		}
		return nil
	}
	if !firstParent {
		_ = object.NewCommitPreorderIter(c, nil, nil).ForEach(visit)
		return found
	}
	for x := c; x != nil; {
		if visit(x) != nil {
			break
		}
		p, err := x.Parent(0)
		if err != nil {
			break
		}
		x = p
	}
	return found
}

func (g *gitRepo) checkMergeCommit(want bool) *gitProblem {
	c := g.headCommit()
	if c == nil {
		return nil
	}
	m := firstMerge(c, false)
	switch {
	case want && m == nil:
		return &gitProblem{g.where() + "'s history has no merge commit", "a merge commit", "none (fast-forwards only)",
			"a fast-forward makes no merge commit: merge with `git merge --no-ff <branch>`"}
	case !want && m != nil:
		return &gitProblem{g.where() + "'s history has a merge commit: " + subject(m), "no merge commit", "merge commit " + short(m.Hash),
			"rebase the branch onto " + g.where() + " instead of merging it"}
	}
	return nil
}

func (g *gitRepo) checkLinear(want bool) *gitProblem {
	c := g.headCommit()
	if c == nil {
		return nil
	}
	m := firstMerge(c, true)
	switch {
	case want && m != nil:
		return &gitProblem{fmt.Sprintf("%s's history is not linear: %s has %d parents", g.where(), subject(m), m.NumParents()), "a linear history", "merge commit " + short(m.Hash),
			"rebase the branch (`git rebase " + g.where() + "` on it), then fast-forward: `git merge --ff-only <branch>`"}
	case !want && m == nil:
		return &gitProblem{g.where() + "'s history is linear: it holds no merge", "a merge on " + g.where(), "a linear history", "merge with `git merge --no-ff <branch>`"}
	}
	return nil
}

func (g *gitRepo) checkTag(t *GitTag) *gitProblem {
	ref, err := g.repo.Tag(t.Name)
	if err != nil {
		return &gitProblem{"there is no tag " + t.Name, "a tag " + t.Name, "tags: " + g.tagList(), fmt.Sprintf("tag the commit: `git tag -a %s -m \"…\"`", t.Name)}
	}
	tagObj, err := g.repo.TagObject(ref.Hash())
	annotated := err == nil
	if t.Annotated != nil && *t.Annotated != annotated {
		if annotated {
			return &gitProblem{t.Name + " is an annotated tag, not a lightweight one", "a lightweight tag", "an annotated tag", "make it again without -a: `git tag -d " + t.Name + "` then `git tag " + t.Name + "`"}
		}
		return &gitProblem{t.Name + " is a lightweight tag, not an annotated one", "an annotated tag (with a message)", "a lightweight tag",
			fmt.Sprintf("make it again with a message: `git tag -d %s` then `git tag -a %s -m \"…\"`", t.Name, t.Name)}
	}
	if t.Ref == "" {
		return nil
	}
	target := ref.Hash()
	if annotated {
		target = tagObj.Target
	}
	want, err := g.repo.ResolveRevision(plumbing.Revision(t.Ref))
	if err != nil {
		return &gitProblem{fmt.Sprintf("%s does not exist, so %s cannot point at it", t.Ref, t.Name), t.Name + " at " + t.Ref, "no " + t.Ref, ""}
	}
	if target != *want {
		return &gitProblem{fmt.Sprintf("%s points at %s, not at %s (%s)", t.Name, short(target), t.Ref, short(*want)), t.Name + " at " + short(*want), t.Name + " at " + short(target),
			"move it: `git tag -f` (with -a for an annotated tag) on the right commit"}
	}
	return nil
}

func (g *gitRepo) tagList() string {
	var names []string
	if it, err := g.repo.Tags(); err == nil {
		_ = it.ForEach(func(r *plumbing.Reference) error {
			if len(names) < 20 {
				names = append(names, r.Name().Short())
			}
			return nil
		})
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func (g *gitRepo) checkFile(f *GitFile) *gitProblem {
	ref := f.Ref
	if ref == "" {
		ref = "HEAD"
	}
	at := f.Path + " at " + ref
	h, err := g.repo.ResolveRevision(plumbing.Revision(ref))
	if err != nil {
		return &gitProblem{fmt.Sprintf("%s does not exist, so %s cannot be read there", ref, f.Path), at, "no " + ref, ""}
	}
	c, err := g.repo.CommitObject(*h)
	if err != nil {
		return &gitProblem{ref + " is not a commit", at, err.Error(), ""}
	}
	file, err := c.File(f.Path)
	exists := err == nil
	if f.Exists != nil && *f.Exists != exists {
		if exists {
			return &gitProblem{fmt.Sprintf("%s is committed in %s", f.Path, ref), "no " + f.Path + " in " + ref, f.Path + " committed",
				"remove it from the repository but keep it on disk: `git rm --cached " + f.Path + "`, ignore it, and commit"}
		}
		return &gitProblem{fmt.Sprintf("%s is not in %s", f.Path, ref), f.Path + " in " + ref, "no such file", "add and commit it: `git add " + f.Path + "`"}
	}
	if !exists {
		if f.Contains == "" && f.NotContains == "" {
			return nil
		}
		return &gitProblem{fmt.Sprintf("%s is not in %s", f.Path, ref), at, "no such file", "add and commit it: `git add " + f.Path + "`"}
	}
	if file.Size > maxGitFile {
		return &gitProblem{fmt.Sprintf("%s is larger than %s", at, sizeText(maxGitFile)), "a text file", sizeText(file.Size), ""}
	}
	text, err := file.Contents()
	if err != nil {
		return &gitProblem{"could not read " + at, at, err.Error(), ""}
	}
	if f.Contains != "" && !strings.Contains(text, f.Contains) {
		return &gitProblem{fmt.Sprintf("%s does not contain %q", at, f.Contains), "to contain " + strconv.Quote(f.Contains), firstLine(text, 80), ""}
	}
	if f.NotContains != "" && strings.Contains(text, f.NotContains) {
		line := strings.Count(text[:strings.Index(text, f.NotContains)], "\n") + 1
		return &gitProblem{fmt.Sprintf("%s contains %q (line %d)", at, f.NotContains, line), "not to contain " + strconv.Quote(f.NotContains), fmt.Sprintf("line %d: %s", line, lineAt(text, line)), ""}
	}
	return nil
}

func lineAt(text string, n int) string {
	lines := strings.SplitN(text, "\n", n+1)
	if n-1 < len(lines) {
		return firstLine(lines[n-1], 80)
	}
	return ""
}
