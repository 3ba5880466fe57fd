package classroom

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// commitAll commits every file of the work tree in dir, on branch if given
// (created from HEAD).
func commitAll(t *testing.T, dir, branch, msg string) string {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if branch != "" {
		if err := wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(branch), Create: true, Keep: true}); err != nil {
			t.Fatal(err)
		}
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "L", Email: "l@example.com", When: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
	h, err := wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		t.Fatal(err)
	}
	return h.String()
}

func exported(t *testing.T, s *Snapshot) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "out")
	if err := s.Export(dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestFetchFollowsTheRepository: a shallow clone on the first fetch, only
// what is new afterwards; a branch and a folder inside the repository.
func TestFetchFollowsTheRepository(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	url := learnerRepo(t, src, map[string]string{"main.go": "package main\n", "tasks/go.mod": "module t\n"})
	f := &Fetcher{Dir: filepath.Join(dir, "mirrors")}
	ctx := context.Background()
	first, err := f.Fetch(ctx, &Repo{Git: url}, "")
	if err != nil {
		t.Fatal(err)
	}
	out := exported(t, first)
	if _, err := os.Stat(filepath.Join(out, "main.go")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, ".git")); err == nil {
		t.Fatal("the export holds .git")
	}

	writeFiles(t, src, map[string]string{"main.go": "package main // v2\n"})
	second := commitAll(t, src, "", "v2")
	again, err := f.Fetch(ctx, &Repo{Git: url}, "")
	if err != nil {
		t.Fatal(err)
	}
	if again.Commit != second || again.Subject != "v2" {
		t.Fatalf("after a new commit: %s %q, want %s", again.Commit, again.Subject, second)
	}
	data, _ := os.ReadFile(filepath.Join(exported(t, again), "main.go"))
	if !strings.Contains(string(data), "v2") {
		t.Fatalf("main.go = %q", data)
	}

	writeFiles(t, src, map[string]string{"tasks/main.go": "package main // dev\n"})
	dev := commitAll(t, src, "dev", "dev work")
	sub, err := f.Fetch(ctx, &Repo{Git: url, Branch: "dev", Path: "tasks"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if sub.Commit != dev {
		t.Fatalf("branch dev: %s, want %s", sub.Commit, dev)
	}
	if _, err := os.Stat(filepath.Join(exported(t, sub), "go.mod")); err != nil {
		t.Fatal("the path inside the repository was not exported:", err)
	}

	if _, err := f.Fetch(ctx, &Repo{Git: url, Branch: "nope"}, ""); err == nil {
		t.Fatal("a missing branch was fetched")
	}
	_, err = f.Fetch(ctx, &Repo{Git: "file://" + filepath.ToSlash(filepath.Join(dir, "missing"))}, "")
	if err == nil || !strings.Contains(err.Error(), "cannot fetch") {
		t.Fatalf("missing repository: %v", err)
	}
}

// TestExportRefusesLinksOutside: a committed link out of the repository
// stops the copy.
func TestExportRefusesLinksOutside(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	writeFiles(t, src, map[string]string{"main.go": "package main\n"})
	if err := os.Symlink("/etc/passwd", filepath.Join(src, "secret")); err != nil {
		t.Fatal(err)
	}
	url := learnerRepo(t, src, nil)
	snap, err := (&Fetcher{Dir: filepath.Join(dir, "m")}).Fetch(context.Background(), &Repo{Git: url}, "")
	if err != nil {
		t.Fatal(err)
	}
	err = snap.Export(filepath.Join(dir, "out"))
	if err == nil || !strings.Contains(err.Error(), "outside the repository") {
		t.Fatalf("err = %v", err)
	}
}

// TestFolderSnapshot: a plain folder is named by its files' hash, which
// changes with them; a folder that is a repository is read at HEAD.
func TestFolderSnapshot(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"plain/main.go": "package main\n"})
	a, err := localSnapshot(filepath.Join(dir, "plain"), "")
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"plain/main.go": "package main // changed\n"})
	b, err := localSnapshot(filepath.Join(dir, "plain"), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Commit, "files:") || a.Commit == b.Commit {
		t.Fatalf("hashes %s %s", a.Commit, b.Commit)
	}
	learnerRepo(t, filepath.Join(dir, "repo"), map[string]string{"main.go": "package main\n"})
	writeFiles(t, dir, map[string]string{"repo/main.go": "uncommitted"})
	s, err := localSnapshot(filepath.Join(dir, "repo"), "")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(exported(t, s), "main.go"))
	if len(s.Commit) != 40 || string(data) != "package main\n" {
		t.Fatalf("%s %q", s.Commit, data)
	}
}
