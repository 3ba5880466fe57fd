package library

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/gitrepo"
)

const course = `format: 1
id: course
title: Course
steps:
  - id: one
    title: One
    summary: The first step.
    topics:
%s
`

const topicA = `      - {id: a, title: A, summary: First., resources: [], skills: [], hours: 1}
`
const topicB = `      - {id: b, title: B, summary: Second., resources: [], skills: [], hours: 1}
`

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

func validate(dir string) (*curriculum.Curriculum, error) {
	folder, err := curriculum.OpenFolder(dir)
	if err != nil {
		return nil, err
	}
	defer folder.Close()
	return curriculum.Load(folder, nil)
}

// remote makes a work repository and a bare clone of it, the file://
// remote learners add; push publishes the work repository's new commits.
func remote(t *testing.T, body string) (work, url string, push func(body string)) {
	t.Helper()
	root := t.TempDir()
	work = filepath.Join(root, "work")
	write(t, work, "curriculum.yaml", body)
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	author := gitrepo.Author{Name: "T", Email: "t@example.com"}
	if _, err := gitrepo.Init(work, author, "first", now); err != nil {
		t.Fatal(err)
	}
	bare := filepath.Join(root, "remote.git")
	if _, err := git.PlainClone(bare, true, &git.CloneOptions{URL: work}); err != nil {
		t.Fatal(err)
	}
	repo, _ := git.PlainOpen(work)
	if _, err := repo.CreateRemote(gitconfigRemote{"origin", bare}.config()); err != nil {
		t.Fatal(err)
	}
	push = func(body string) {
		t.Helper()
		write(t, work, "curriculum.yaml", body)
		wt, _ := repo.Worktree()
		_ = wt.AddWithOptions(&git.AddOptions{All: true})
		now = now.Add(time.Hour)
		sig := &object.Signature{Name: "T", Email: "t@example.com", When: now}
		if _, err := wt.Commit("change", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
			t.Fatal(err)
		}
		if err := repo.Push(&git.PushOptions{RemoteName: "origin"}); err != nil {
			t.Fatal(err)
		}
	}
	return work, "file://" + bare, push
}

func leftovers(t *testing.T, l *Library) []string {
	t.Helper()
	ents, _ := os.ReadDir(l.Dir)
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func TestAddUseUpdateRemove(t *testing.T) {
	ctx := context.Background()
	_, url, push := remote(t, strings.Replace(course, "%s", topicA+topicB, 1))
	l := &Library{Dir: filepath.Join(t.TempDir(), "curricula")}

	en, err := l.Add(ctx, url, "", validate)
	if err != nil {
		t.Fatal(err)
	}
	if en.Name != "course" || en.Source != url {
		t.Fatalf("entry = %+v", en)
	}
	if _, err := l.Add(ctx, url, "", validate); err == nil || !strings.Contains(err.Error(), "already installed") {
		t.Fatalf("second add: %v", err)
	}
	if err := l.Use("course"); err != nil {
		t.Fatal(err)
	}
	if a, _ := l.Active(); a != "course" {
		t.Fatalf("active = %q", a)
	}

	// Nothing new: the same curriculum before and after.
	res, err := l.Update(ctx, "course", validate)
	if err != nil || res.Changed || res.Before != res.After {
		t.Fatalf("no-op update: %+v, %v", res, err)
	}

	// Topic b removed, c added.
	push(strings.Replace(course, "%s", topicA+strings.ReplaceAll(topicB, "b", "c"), 1))
	res, err = l.Update(ctx, "course", validate)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Changed || res.Before.Topic("b") == nil || res.After.Topic("b") != nil || res.After.Topic("c") == nil {
		t.Fatalf("update did not apply")
	}

	// An invalid update is undone.
	push("format: 1\nid: course\ntitel: x\n")
	if _, err := l.Update(ctx, "course", validate); err == nil || !strings.Contains(err.Error(), "stays as it was") {
		t.Fatalf("invalid update: %v", err)
	}
	if c, err := validate(l.Path("course")); err != nil || c.Topic("c") == nil {
		t.Fatalf("after a refused update: %v", err)
	}

	if err := l.Remove("course"); err != nil {
		t.Fatal(err)
	}
	if a, _ := l.Active(); a != "" {
		t.Errorf("active after remove = %q", a)
	}
	if got := leftovers(t, l); len(got) != 1 || got[0] != "active" {
		t.Errorf("left in the library: %v", got)
	}
}

// TestAddRefuses feeds hostile or broken folders to Add: each is refused
// with a clear reason and nothing is left in the library.
func TestAddRefuses(t *testing.T) {
	valid := strings.Replace(course, "%s", topicA, 1)
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"invalid yaml", func(t *testing.T, dir string) {
			write(t, dir, "curriculum.yaml", "format: 1\nid: [unclosed\n")
		}, "curriculum.yaml"},
		{"dotdot lesson", func(t *testing.T, dir string) {
			write(t, dir, "curriculum.yaml", strings.Replace(valid, "hours: 1}", "hours: 1, lesson: ../secret.md}", 1))
		}, "lesson"},
		{"absolute lesson", func(t *testing.T, dir string) {
			write(t, dir, "curriculum.yaml", strings.Replace(valid, "hours: 1}", "hours: 1, lesson: /etc/passwd}", 1))
		}, "lesson"},
		{"escaping symlink", func(t *testing.T, dir string) {
			write(t, dir, "curriculum.yaml", valid)
			if err := os.Symlink("../../../../etc/passwd", filepath.Join(dir, "lesson.md")); err != nil {
				t.Fatal(err)
			}
		}, "lesson.md: symbolic link leads outside the curriculum"},
		{"absolute symlink", func(t *testing.T, dir string) {
			write(t, dir, "curriculum.yaml", valid)
			if err := os.Symlink("/etc/passwd", filepath.Join(dir, "p.md")); err != nil {
				t.Fatal(err)
			}
		}, "p.md: symbolic link to an absolute path"},
		{"link chain", func(t *testing.T, dir string) {
			// Each link stays inside as text; l2 really is the parent.
			write(t, dir, "curriculum.yaml", valid)
			links(t, dir, "sub/up", "..", "l1", "sub/up", "l2", "l1/..")
		}, "l2: symbolic link leads outside the curriculum folder (l2 -> l1/.., l1 -> sub/up, sub/up -> ..); replace the link with the file or folder itself"},
		{"link to a link", func(t *testing.T, dir string) {
			write(t, dir, "curriculum.yaml", valid)
			links(t, dir, "a.md", "b.md", "b.md", "../secret.md")
		}, "a.md: symbolic link leads outside the curriculum folder (a.md -> b.md, b.md -> ../secret.md)"},
		{"absolute link to a file inside", func(t *testing.T, dir string) {
			write(t, dir, "curriculum.yaml", valid)
			links(t, dir, "p.md", filepath.Join(dir, "curriculum.yaml"))
		}, "p.md: symbolic link to an absolute path"},
		{"link that leaves and comes back", func(t *testing.T, dir string) {
			// Inside only while the candidate's folder is named c: once
			// installed under its own name it would lead elsewhere.
			write(t, dir, "curriculum.yaml", valid)
			links(t, dir, "p.md", "../c/curriculum.yaml")
		}, "p.md: symbolic link leads outside the curriculum folder (p.md -> ../c/curriculum.yaml)"},
		{"link loop", func(t *testing.T, dir string) {
			write(t, dir, "curriculum.yaml", valid)
			links(t, dir, "a", "b", "b", "a")
		}, "a: a loop of symbolic links, or a chain of more than 8"},
		{"huge file", func(t *testing.T, dir string) {
			write(t, dir, "curriculum.yaml", valid)
			f, err := os.Create(filepath.Join(dir, "big.bin"))
			if err != nil {
				t.Fatal(err)
			}
			_ = f.Truncate(MaxFileSize + 1)
			f.Close()
		}, "big.bin: 8388609 bytes is over the 8 MiB limit"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := filepath.Join(t.TempDir(), "src")
			if err := os.MkdirAll(src, 0o755); err != nil {
				t.Fatal(err)
			}
			tc.setup(t, src)
			l := &Library{Dir: filepath.Join(t.TempDir(), "curricula")}
			_, err := l.Add(context.Background(), src, "x", validate)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
			if got := leftovers(t, l); len(got) != 0 {
				t.Errorf("left in the library: %v", got)
			}
		})
	}
}

// links makes symbolic links in dir: name, target, name, target…
func links(t *testing.T, dir string, pairs ...string) {
	t.Helper()
	for i := 0; i < len(pairs); i += 2 {
		p := filepath.Join(dir, filepath.FromSlash(pairs[i]))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(pairs[i+1], p); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCheckTreeFollowsLinksInside accepts links that stay inside however
// they get there: to a file, to a folder, to the folder itself, through
// other links, and to nothing at all (which only fails when read).
func TestCheckTreeFollowsLinksInside(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "curriculum.yaml", "x")
	write(t, dir, "lessons/real.md", "x")
	links(t, dir,
		"lessons/a.md", "real.md",
		"lessons/b.md", "a.md",
		"alias", "lessons",
		"c.md", "alias/b.md",
		"sub/up", "..",
		"l1", "sub/up",
		"l2", "l1/lessons/../curriculum.yaml",
		"gone.md", "lessons/missing.md",
	)
	if err := CheckTree(dir); err != nil {
		t.Fatalf("links inside refused:\n%v", err)
	}
}

func TestCheckName(t *testing.T) {
	for _, n := range []string{"builtin", "active", "../x", "A", "", ".add-1", "a/b"} {
		if CheckName(n) == nil {
			t.Errorf("CheckName(%q) accepted", n)
		}
	}
	if err := CheckName("my-course-2"); err != nil {
		t.Error(err)
	}
}

func TestIsGitURL(t *testing.T) {
	for s, want := range map[string]bool{
		"https://github.com/a/b": true, "file:///tmp/x.git": true, "git@github.com:a/b.git": true,
		"ssh://git@host/a": true, "./course": false, "/abs/course": false, "a@b/c:d": false,
	} {
		if got := IsGitURL(s); got != want {
			t.Errorf("IsGitURL(%q) = %v", s, got)
		}
	}
}

// An update that repairs a broken install changed files: it must say so
// (it used to report the repaired curriculum as both before and after,
// which the command printed as "is up to date").
func TestUpdateRepairingABrokenInstallIsAChange(t *testing.T) {
	ctx := context.Background()
	_, url, push := remote(t, strings.Replace(course, "%s", topicA, 1))
	l := &Library{Dir: filepath.Join(t.TempDir(), "curricula")}
	if _, err := l.Add(ctx, url, "", validate); err != nil {
		t.Fatal(err)
	}
	// This waymark no longer accepts the installed copy (its rules grew
	// stricter: here, a curriculum needs topic b)…
	strict := func(dir string) (*curriculum.Curriculum, error) {
		c, err := validate(dir)
		if err == nil && c.Topic("b") == nil {
			return nil, errors.New("curriculum.yaml:1:1: topic b is required")
		}
		return c, err
	}
	// …and the author publishes a version it accepts.
	push(strings.Replace(course, "%s", topicA+topicB, 1))
	res, err := l.Update(ctx, "course", strict)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Changed || res.Before != nil || res.After == nil || res.After.Topic("b") == nil {
		t.Fatalf("repairing update: %+v", res)
	}
}
