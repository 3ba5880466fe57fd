package check

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// The git expectations about the working tree: ignore rules, uncommitted
// changes, conflicts.

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
