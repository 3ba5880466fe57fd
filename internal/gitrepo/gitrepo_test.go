package gitrepo

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "README.md", "# hi\n")
	write(t, dir, "cmd/server/main.go", "package main\n")
	write(t, dir, ".gitignore", "*.db\n")
	write(t, dir, "data.db", "not committed")

	author := Author{Name: "Ada Lovelace", Email: "ada@example.com"}
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	hash, err := Init(dir, author, "Initial commit from waymark tasks (go, starter)", now)
	if err != nil {
		t.Fatal(err)
	}

	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	head, err := repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	if head.Name() != plumbing.NewBranchReferenceName("main") || head.Hash().String() != hash {
		t.Errorf("HEAD = %s %s, want refs/heads/main %s", head.Name(), head.Hash(), hash)
	}
	c, err := repo.CommitObject(head.Hash())
	if err != nil {
		t.Fatal(err)
	}
	if c.NumParents() != 0 {
		t.Errorf("first commit has %d parents", c.NumParents())
	}
	if c.Author.Name != author.Name || c.Author.Email != author.Email || !c.Author.When.Equal(now) {
		t.Errorf("author = %v", c.Author)
	}
	if c.Message != "Initial commit from waymark tasks (go, starter)" {
		t.Errorf("message = %q", c.Message)
	}
	tree, _ := c.Tree()
	var names []string
	_ = tree.Files().ForEach(func(f *object.File) error { names = append(names, f.Name); return nil })
	want := []string{".gitignore", "README.md", "cmd/server/main.go"}
	if len(names) != len(want) {
		t.Fatalf("committed %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("committed %v, want %v", names, want)
		}
	}
	wt, _ := repo.Worktree()
	st, err := wt.Status()
	if err != nil {
		t.Fatal(err)
	}
	if !st.IsClean() {
		t.Errorf("worktree not clean:\n%s", st)
	}

	// The same content, author and time give the same hash: golden-friendly.
	dir2 := t.TempDir()
	write(t, dir2, "README.md", "# hi\n")
	write(t, dir2, "cmd/server/main.go", "package main\n")
	write(t, dir2, ".gitignore", "*.db\n")
	hash2, err := Init(dir2, author, "Initial commit from waymark tasks (go, starter)", now)
	if err != nil {
		t.Fatal(err)
	}
	if hash2 != hash {
		t.Errorf("hash not reproducible: %s vs %s", hash, hash2)
	}
}

func TestCloneAndPull(t *testing.T) {
	src := t.TempDir()
	write(t, src, "curriculum.yaml", "format: 1\n")
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := Init(src, FallbackAuthor, "first", now); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "copy")
	ctx := context.Background()
	if err := Clone(ctx, src, dst); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dst, "curriculum.yaml")); err != nil {
		t.Fatal(err)
	}
	changed, err := Pull(ctx, dst)
	if err != nil || changed {
		t.Fatalf("pull up to date: changed=%v err=%v", changed, err)
	}

	// A new commit upstream is fast-forwarded.
	repo, _ := git.PlainOpen(src)
	wt, _ := repo.Worktree()
	write(t, src, "more.yaml", "x: 1\n")
	if _, err := wt.Add("more.yaml"); err != nil {
		t.Fatal(err)
	}
	sig := signature(FallbackAuthor, now.Add(time.Hour))
	if _, err := wt.Commit("second", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
	changed, err = Pull(ctx, dst)
	if err != nil || !changed {
		t.Fatalf("pull: changed=%v err=%v", changed, err)
	}
	if _, err := os.Stat(filepath.Join(dst, "more.yaml")); err != nil {
		t.Fatal(err)
	}
}

func TestAuthorFromGitConfig(t *testing.T) {
	home := t.TempDir()
	xdg := t.TempDir()
	env := map[string]string{"HOME": home}
	getenv := func(k string) string { return env[k] }

	if a := AuthorFromGitConfig(getenv); a != FallbackAuthor || !a.Fallback {
		t.Errorf("no config: got %+v, want the fallback", a)
	}

	write(t, home, ".gitconfig", "[user]\n\tname = Grace Hopper\n\temail = grace@example.com\n[core]\n\teditor = vi\n")
	if a := AuthorFromGitConfig(getenv); a.Name != "Grace Hopper" || a.Email != "grace@example.com" || a.Fallback {
		t.Errorf("~/.gitconfig: got %+v", a)
	}

	// ~/.gitconfig wins over the XDG file, as in git.
	env["XDG_CONFIG_HOME"] = xdg
	write(t, xdg, "git/config", "[user]\n\tname = From XDG\n\temail = xdg@example.com\n")
	if a := AuthorFromGitConfig(getenv); a.Name != "Grace Hopper" {
		t.Errorf("precedence: got %+v", a)
	}
	_ = os.Remove(filepath.Join(home, ".gitconfig"))
	if a := AuthorFromGitConfig(getenv); a.Name != "From XDG" {
		t.Errorf("xdg only: got %+v", a)
	}

	env["GIT_AUTHOR_NAME"] = "Env Name"
	if a := AuthorFromGitConfig(getenv); a.Name != "Env Name" || a.Email != "xdg@example.com" {
		t.Errorf("environment: got %+v", a)
	}

	// A name without an email is not enough.
	delete(env, "GIT_AUTHOR_NAME")
	write(t, xdg, "git/config", "[user]\n\tname = Only Name\n")
	if a := AuthorFromGitConfig(getenv); !a.Fallback {
		t.Errorf("half config: got %+v", a)
	}
}
