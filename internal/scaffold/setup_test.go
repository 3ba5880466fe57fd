package scaffold

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/gitrepo"
)

func fileAt(t *testing.T, repo *git.Repository, ref, name string) string {
	t.Helper()
	r, err := repo.Reference(plumbing.NewBranchReferenceName(ref), true)
	if err != nil {
		t.Fatal(err)
	}
	c, err := repo.CommitObject(r.Hash())
	if err != nil {
		t.Fatal(err)
	}
	f, err := c.File(name)
	if err != nil {
		return "<" + err.Error() + ">"
	}
	s, _ := f.Contents()
	return s
}

// TestBuildSetup: the starter is the setup's steps, the reference adds
// the solution; a merge takes each side's own changes and the step's
// resolution of the rest, with two parents.
func TestBuildSetup(t *testing.T) {
	s := &curriculum.Setup{
		Steps: []*curriculum.SetupStep{
			{Commit: "one", Files: map[string]string{"g.txt": "hello\n", "r.txt": "r\n", "old.txt": "x\n"}},
			{Branch: "feature"},
			{Commit: "two", Files: map[string]string{"g.txt": "hi\n", "r.txt": "r2\n"}, Delete: []string{"old.txt"}},
			{Checkout: "main"},
			{Commit: "three", Files: map[string]string{"g.txt": "hey\n"}},
			{Write: true, Files: map[string]string{"loose.txt": "?\n"}},
		},
		Solution: []*curriculum.SetupStep{{Merge: "feature", Files: map[string]string{"g.txt": "hey hi\n"}}, {Tag: "v1", Message: "release"}},
	}
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	author := gitrepo.Author{Name: "Ada", Email: "ada@example.com"}
	starter := filepath.Join(t.TempDir(), "repo")
	if err := BuildSetup(starter, s, false, author, now); err != nil {
		t.Fatal(err)
	}
	repo, _ := git.PlainOpen(starter)
	if got := fileAt(t, repo, "main", "g.txt"); got != "hey\n" {
		t.Errorf("main's g.txt %q", got)
	}
	wt, _ := mustWorktree(t, repo)
	st, _ := wt.Status()
	if !st.IsUntracked("loose.txt") {
		t.Errorf("the written file is not left uncommitted: %v", st)
	}
	ref := filepath.Join(t.TempDir(), "repo")
	if err := BuildSetup(ref, s, true, author, now); err != nil {
		t.Fatal(err)
	}
	repo, _ = git.PlainOpen(ref)
	head, _ := repo.Head()
	c, _ := repo.CommitObject(head.Hash())
	if c.NumParents() != 2 || c.Message != "Merge branch 'feature'" || c.Author.Email != "ada@example.com" || !c.Author.When.Before(now.Add(time.Second)) {
		t.Errorf("merge commit %+v", c)
	}
	for name, want := range map[string]string{"g.txt": "hey hi\n", "r.txt": "r2\n", "old.txt": "<file not found>"} {
		if got := fileAt(t, repo, "main", name); got != want {
			t.Errorf("merged %s = %q, want %q", name, got, want)
		}
	}
	if _, err := repo.Tag("v1"); err != nil {
		t.Errorf("tag: %v", err)
	}
}

// TestBuildSetupUnresolvedConflict: a merge of a file changed on both
// sides without its merged content is an error naming the file.
func TestBuildSetupUnresolvedConflict(t *testing.T) {
	s := &curriculum.Setup{Steps: []*curriculum.SetupStep{
		{Commit: "one", Files: map[string]string{"g.txt": "a\n"}},
		{Branch: "feature"}, {Commit: "two", Files: map[string]string{"g.txt": "b\n"}},
		{Checkout: "main"}, {Commit: "three", Files: map[string]string{"g.txt": "c\n"}},
		{Merge: "feature"},
	}}
	err := BuildSetup(filepath.Join(t.TempDir(), "repo"), s, false, gitrepo.FallbackAuthor, time.Now())
	if err == nil || !strings.Contains(err.Error(), "setup step 6 (merge feature): g.txt changed on both main and feature: give its merged content in files") {
		t.Errorf("err = %v", err)
	}
}

func mustWorktree(t *testing.T, r *git.Repository) (*git.Worktree, error) {
	t.Helper()
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return wt, nil
}

// TestGenerateSetupWorkspace: Generate builds the setup into repo/, makes
// no repository of the workspace itself, and will not --force one
// repository over another.
func TestGenerateSetupWorkspace(t *testing.T) {
	p := &curriculum.Project{ID: "g", Stacks: map[string]*curriculum.Stack{"git": {}},
		Milestones: []curriculum.Milestone{{ID: curriculum.SolveMilestone}},
		Setup: &curriculum.Setup{Steps: []*curriculum.SetupStep{{Commit: "one", Files: map[string]string{"a.txt": "a\n"}}},
			Solution: []*curriculum.SetupStep{{Commit: "two", Files: map[string]string{"a.txt": "b\n"}}}}}
	tmpl := fstest.MapFS{"g/checks/solve.yaml": {Data: []byte("format: 1\n")}}
	dir := filepath.Join(t.TempDir(), "ws")
	res, err := Generate(context.Background(), tmpl, Options{Project: p, Stack: "git", Mode: Solution(), Kind: KindExercise, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if res.Commit != "" {
		t.Errorf("the workspace got a commit of its own: %s", res.Commit)
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
		t.Error("the workspace is a repository around repo/")
	}
	repo, err := git.PlainOpen(filepath.Join(dir, curriculum.SetupRepo))
	if err != nil {
		t.Fatal(err)
	}
	if got := fileAt(t, repo, "main", "a.txt"); got != "b\n" {
		t.Errorf("the reference's a.txt is %q", got)
	}
	_, err = Generate(context.Background(), tmpl, Options{Project: p, Stack: "git", Mode: Starter(), Kind: KindExercise, Dir: dir, Force: true})
	if err == nil || !strings.Contains(err.Error(), "already holds a repo/ folder") {
		t.Errorf("--force over a repo/: %v", err)
	}
}
