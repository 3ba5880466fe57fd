package check

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// GitStep inspects a repository the learner produced, through go-git: no
// git program is needed.
type GitStep struct {
	Pos    `yaml:"-"`
	Repo   string    `yaml:"repo"` // workspace-relative; "." if empty
	Expect GitExpect `yaml:"expect"`
}

// GitExpect is what the repository must look like; every expectation given
// must hold.
type GitExpect struct {
	Pos         `yaml:"-"`
	Head        string     `yaml:"head"`         // the checked-out branch
	Branches    []string   `yaml:"branches"`     // exist
	Commits     *Count     `yaml:"commits"`      // in HEAD's history
	Merged      []string   `yaml:"merged"`       // each tip is in HEAD's history
	MergeCommit *bool      `yaml:"merge_commit"` // HEAD's history holds a commit with two parents
	Linear      *bool      `yaml:"linear"`       // no merge commit on HEAD's first-parent line
	Tag         *GitTag    `yaml:"tag"`
	File        []*GitFile `yaml:"file"`
	Ignored     []string   `yaml:"ignored"`      // paths .gitignore excludes ("dir/" for a folder)
	NotIgnored  []string   `yaml:"not_ignored"`  // paths it must not exclude
	Clean       *bool      `yaml:"clean"`        // nothing uncommitted (ignored files aside)
	NoConflicts bool       `yaml:"no_conflicts"` // no merge in progress, no conflict markers
}

// GitFile is a file at a ref: its content, or whether it is there.
type GitFile struct {
	Pos         `yaml:"-"`
	Path        string `yaml:"path"`
	Ref         string `yaml:"ref"` // a branch, tag or commit; HEAD if empty
	Contains    string `yaml:"contains"`
	NotContains string `yaml:"not_contains"`
	Exists      *bool  `yaml:"exists"`
}

// GitTag is a tag that must exist.
type GitTag struct {
	Pos       `yaml:"-"`
	Name      string `yaml:"name"`
	Annotated *bool  `yaml:"annotated"` // true: a tag object with a message; false: lightweight
	Ref       string `yaml:"ref"`       // it points at this ref's commit
}

// Bounds of what a git step reads.
const (
	maxGitCommits = 100000
	maxGitFile    = 8 << 20
)

// gitProblem is one expectation that does not hold, in the words of a
// failure report.
type gitProblem struct {
	msg, expected, got, why string
}

// gitRepo is the repository under inspection and what is known of HEAD.
type gitRepo struct {
	repo   *git.Repository
	dir    string
	branch string              // HEAD's branch; "" when detached
	head   *plumbing.Reference // nil when HEAD's branch has no commit yet
}

func (r *Runner) runGit(_ context.Context, g *GitStep, sr *StepResult) error {
	rel := g.Repo
	if rel == "" {
		rel = "."
	}
	dir := filepath.Join(r.Dir, filepath.FromSlash(rel))
	repo, err := git.PlainOpen(dir)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		sr.Diagnosis = "make it one with `git init -b main`, then add and commit your work"
		return failf(sr, "a Git repository in "+rel, "no repository", "%s is not a Git repository", rel)
	}
	if err != nil {
		return failf(sr, "a readable Git repository", err.Error(), "could not read the Git repository in %s", rel)
	}
	gr := &gitRepo{repo: repo, dir: dir}
	if err := gr.readHead(); err != nil {
		return failf(sr, "a readable HEAD", err.Error(), "could not read HEAD in %s", rel)
	}
	var problems []gitProblem
	for _, check := range gr.checks(&g.Expect) {
		if p := check(); p != nil {
			problems = append(problems, *p)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	first := problems[0]
	sr.Diagnosis = first.why
	if len(problems) > 1 {
		var b strings.Builder
		b.WriteString("also:\n")
		for _, p := range problems[1:] {
			b.WriteString("  " + p.msg + "\n")
		}
		sr.Output = strings.TrimRight(b.String(), "\n")
	}
	return failf(sr, first.expected, first.got, "%s", first.msg)
}

func (g *gitRepo) readHead() error {
	ref, err := g.repo.Reference(plumbing.HEAD, false)
	if err != nil {
		return err
	}
	if ref.Type() == plumbing.SymbolicReference {
		g.branch = ref.Target().Short()
	}
	head, err := g.repo.Head()
	switch {
	case errors.Is(err, plumbing.ErrReferenceNotFound):
		return nil // a branch with no commit yet
	case err != nil:
		return err
	}
	g.head = head
	return nil
}

// where names HEAD for a message: its branch, or "HEAD" when detached.
func (g *gitRepo) where() string {
	if g.branch != "" {
		return g.branch
	}
	return "HEAD"
}

// checks lists the expectations of e in the order they are reported.
func (g *gitRepo) checks(e *GitExpect) []func() *gitProblem {
	var out []func() *gitProblem
	if e.Head != "" {
		out = append(out, func() *gitProblem { return g.checkHead(e.Head) })
	}
	for _, b := range e.Branches {
		out = append(out, func() *gitProblem { return g.checkBranch(b) })
	}
	needsCommits := e.Commits != nil || len(e.Merged) > 0 || e.MergeCommit != nil || e.Linear != nil
	if needsCommits {
		out = append(out, g.checkHasCommits)
	}
	if e.Commits != nil {
		out = append(out, func() *gitProblem { return g.checkCommits(*e.Commits) })
	}
	for _, b := range e.Merged {
		out = append(out, func() *gitProblem { return g.checkMerged(b) })
	}
	if e.MergeCommit != nil {
		out = append(out, func() *gitProblem { return g.checkMergeCommit(*e.MergeCommit) })
	}
	if e.Linear != nil {
		out = append(out, func() *gitProblem { return g.checkLinear(*e.Linear) })
	}
	if e.Tag != nil {
		out = append(out, func() *gitProblem { return g.checkTag(e.Tag) })
	}
	for _, f := range e.File {
		out = append(out, func() *gitProblem { return g.checkFile(f) })
	}
	if len(e.Ignored)+len(e.NotIgnored) > 0 {
		out = append(out, func() *gitProblem { return g.checkIgnored(e.Ignored, e.NotIgnored) })
	}
	if e.Clean != nil {
		out = append(out, func() *gitProblem { return g.checkClean(*e.Clean) })
	}
	if e.NoConflicts {
		out = append(out, g.checkConflicts)
	}
	return out
}

func (g *gitRepo) checkHead(want string) *gitProblem {
	switch {
	case g.branch == want:
		return nil
	case g.branch == "":
		at := "an unknown commit"
		if g.head != nil {
			at = short(g.head.Hash())
		}
		return &gitProblem{fmt.Sprintf("HEAD is detached at %s, not on %s", at, want), "HEAD on " + want, "detached HEAD at " + at,
			"switch to the branch: `git switch " + want + "`"}
	}
	return &gitProblem{fmt.Sprintf("HEAD is %s, not %s", g.branch, want), "HEAD on " + want, "HEAD on " + g.branch,
		"switch to it: `git switch " + want + "`"}
}

func (g *gitRepo) checkBranch(name string) *gitProblem {
	if _, err := g.repo.Reference(plumbing.NewBranchReferenceName(name), false); err == nil {
		return nil
	}
	return &gitProblem{fmt.Sprintf("branch %s does not exist", name), "a branch " + name, "branches: " + g.branchList(),
		"make it with `git switch -c " + name + "` (or `git branch " + name + "`)"}
}

func (g *gitRepo) branchList() string {
	var names []string
	if it, err := g.repo.Branches(); err == nil {
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

func (g *gitRepo) checkHasCommits() *gitProblem {
	if g.head != nil {
		return nil
	}
	return &gitProblem{g.where() + " has no commit yet", "commits on " + g.where(), "none", "add your files and commit: `git add .` then `git commit`"}
}

// headCommit is HEAD's commit; nil (and the problem reported by
// checkHasCommits) when there is none.
func (g *gitRepo) headCommit() *object.Commit {
	if g.head == nil {
		return nil
	}
	c, err := g.repo.CommitObject(g.head.Hash())
	if err != nil {
		return nil
	}
	return c
}

func short(h plumbing.Hash) string { return h.String()[:7] }

// subject is a commit's first line, for a report.
func subject(c *object.Commit) string {
	return fmt.Sprintf("%s %q", short(c.Hash), firstLineOf(c.Message, 60))
}

func firstLineOf(s string, n int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}
