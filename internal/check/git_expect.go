package check

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
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

// checkIgnored asks what the repository's ignore rules (every .gitignore
// and .git/info/exclude; not the learner's global excludes, which differ
// between machines) say of each path. A path inside an ignored folder is
// ignored, as Git cannot re-include it.
func (g *gitRepo) checkIgnored(ignored, notIgnored []string) *gitProblem {
	wt, err := g.repo.Worktree()
	if err != nil {
		return &gitProblem{"the repository has no working tree", "a working tree", err.Error(), ""}
	}
	patterns, err := gitignore.ReadPatterns(wt.Filesystem, nil)
	if err != nil {
		return &gitProblem{"could not read .gitignore", "a readable .gitignore", err.Error(), ""}
	}
	// go-git's worktree hides .git, so its info/exclude is read here.
	m := gitignore.NewMatcher(append(append(g.infoExclude(), patterns...), wt.Excludes...))
	for _, p := range ignored {
		if !isIgnored(m, p) {
			return &gitProblem{p + " is not ignored", p + " ignored", p + " not ignored",
				"add a line for it to .gitignore, such as " + strings.SplitN(strings.TrimSuffix(p, "/"), "/", 2)[0] + suffixIfDir(p)}
		}
	}
	for _, p := range notIgnored {
		if isIgnored(m, p) {
			return &gitProblem{p + " is ignored, and it must not be", p + " not ignored", p + " ignored",
				"a pattern in .gitignore is too broad: narrow it, or re-include the file with a line !" + p}
		}
	}
	return nil
}

// infoExclude reads .git/info/exclude, the repository's own ignore rules
// that are not committed.
func (g *gitRepo) infoExclude() []gitignore.Pattern {
	root, err := os.OpenRoot(g.dir)
	if err != nil {
		return nil
	}
	defer root.Close()
	f, err := root.Open(".git/info/exclude")
	if err != nil {
		return nil
	}
	defer f.Close()
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(io.LimitReader(f, 1<<20))
	for sc.Scan() {
		if l := sc.Text(); strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "#") {
			ps = append(ps, gitignore.ParsePattern(l, nil))
		}
	}
	return ps
}

func suffixIfDir(p string) string {
	if strings.Contains(strings.TrimSuffix(p, "/"), "/") || strings.HasSuffix(p, "/") {
		return "/"
	}
	return ""
}

func isIgnored(m gitignore.Matcher, p string) bool {
	dir := strings.HasSuffix(p, "/")
	parts := strings.Split(strings.Trim(p, "/"), "/")
	for i := 1; i < len(parts); i++ {
		if m.Match(parts[:i], true) {
			return true
		}
	}
	return m.Match(parts, dir)
}

func (g *gitRepo) checkClean(want bool) *gitProblem {
	wt, err := g.repo.Worktree()
	if err != nil {
		return &gitProblem{"the repository has no working tree", "a working tree", err.Error(), ""}
	}
	st, err := wt.Status()
	if err != nil {
		return &gitProblem{"could not read the working tree's status", "a status", err.Error(), ""}
	}
	clean := st.IsClean()
	switch {
	case want && !clean:
		var changes []string
		for _, p := range sortedKeys(st) {
			s := st[p]
			if s.Staging == 'U' && s.Worktree == 'U' {
				continue
			}
			if len(changes) == 8 {
				changes = append(changes, "…")
				break
			}
			changes = append(changes, statusWord(s.Staging, s.Worktree)+" "+p)
		}
		return &gitProblem{"the working tree is not clean", "nothing uncommitted", strings.Join(changes, ", "),
			"commit what belongs to the work (`git add`, `git commit`) and remove or ignore the rest"}
	case !want && clean:
		return &gitProblem{"the working tree is clean, and this step expects uncommitted changes", "uncommitted changes", "a clean tree",
			"this step checks work left uncommitted on purpose: make the change without committing it"}
	}
	return nil
}

func statusWord(staging, worktree git.StatusCode) string {
	code := worktree
	if code == ' ' {
		code = staging
	}
	switch code {
	case git.Untracked:
		return "untracked"
	case 'M':
		return "modified"
	case 'A':
		return "added"
	case 'D':
		return "deleted"
	case 'R':
		return "renamed"
	}
	return string(rune(code))
}

// checkConflicts finds a merge in progress, unmerged paths and conflict
// markers left in tracked files.
func (g *gitRepo) checkConflicts() *gitProblem {
	if _, err := g.repo.Reference(plumbing.ReferenceName("MERGE_HEAD"), false); err == nil {
		return &gitProblem{"a merge is still in progress", "no merge in progress", "MERGE_HEAD is set",
			"resolve the conflicts, `git add` each file and `git commit` (or `git merge --abort`)"}
	}
	idx, err := g.repo.Storer.Index()
	if err != nil {
		return nil // no index: nothing tracked yet
	}
	root, err := os.OpenRoot(g.dir)
	if err != nil {
		return &gitProblem{"could not read the working tree", "a working tree", err.Error(), ""}
	}
	defer root.Close()
	for i, e := range idx.Entries {
		if e.Stage != 0 { // Git writes 0 for a merged entry (go-git names 1 Merged)
			return &gitProblem{e.Name + " has an unresolved conflict", "no conflicts", e.Name + " unmerged", "edit it, keep the right lines, then `git add " + e.Name + "`"}
		}
		if i >= 5000 {
			break
		}
		if line, text := conflictMarker(root, e.Name); line > 0 {
			return &gitProblem{fmt.Sprintf("%s still has conflict markers (line %d)", e.Name, line), "no conflict markers", fmt.Sprintf("line %d: %s", line, text),
				"remove the <<<<<<<, ======= and >>>>>>> lines, keeping the code that belongs"}
		}
	}
	return nil
}

func conflictMarker(root *os.Root, name string) (int, string) {
	f, err := root.Open(name)
	if err != nil {
		return 0, ""
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, maxGitFile))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		if strings.HasPrefix(l, "<<<<<<< ") || strings.HasPrefix(l, ">>>>>>> ") || l == "<<<<<<<" || l == ">>>>>>>" {
			return n, firstLine(l, 80)
		}
	}
	return 0, "" // a line too long for the scanner is no marker line
}
