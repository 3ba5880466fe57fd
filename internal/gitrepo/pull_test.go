package gitrepo

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
)

// TestClonePullReset follows a curriculum's life: cloned from a bare
// file:// remote, fast-forwarded after a new commit, and reset back.
func TestClonePullReset(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	work := filepath.Join(root, "work")
	write(t, work, "a.txt", "one\n")
	author := Author{Name: "T", Email: "t@example.com"}
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	first, err := Init(work, author, "first", now)
	if err != nil {
		t.Fatal(err)
	}
	bare := filepath.Join(root, "remote.git")
	if _, err := git.PlainClone(bare, true, &git.CloneOptions{URL: work}); err != nil {
		t.Fatal(err)
	}
	clone := filepath.Join(root, "clone")
	if err := Clone(ctx, "file://"+bare, clone); err != nil {
		t.Fatal(err)
	}
	if got := OriginURL(clone); got != "file://"+bare {
		t.Errorf("OriginURL = %q", got)
	}
	if changed, err := Pull(ctx, clone); err != nil || changed {
		t.Fatalf("Pull with nothing new = %v, %v", changed, err)
	}
	// A second commit, pushed to the bare remote.
	write(t, work, "b.txt", "two\n")
	repo, _ := git.PlainOpen(work)
	wt, _ := repo.Worktree()
	_ = wt.AddWithOptions(&git.AddOptions{All: true})
	sig := signature(author, now.Add(time.Hour))
	if _, err := wt.Commit("second", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
	if _, err := repo.CreateRemote(remoteConfig("origin", bare)); err != nil {
		t.Fatal(err)
	}
	if err := repo.Push(&git.PushOptions{RemoteName: "origin"}); err != nil {
		t.Fatal(err)
	}
	changed, err := Pull(ctx, clone)
	if err != nil || !changed {
		t.Fatalf("Pull = %v, %v", changed, err)
	}
	if _, err := os.Stat(filepath.Join(clone, "b.txt")); err != nil {
		t.Fatal("b.txt not pulled")
	}
	if err := ResetHard(clone, first); err != nil {
		t.Fatal(err)
	}
	if h, _ := Head(clone); h != first {
		t.Errorf("Head after reset = %s, want %s", h, first)
	}
	if _, err := os.Stat(filepath.Join(clone, "b.txt")); err == nil {
		t.Error("b.txt still there after reset")
	}
}

func remoteConfig(name, url string) *config.RemoteConfig {
	return &config.RemoteConfig{Name: name, URLs: []string{url}}
}
