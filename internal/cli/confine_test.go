package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/iostreams"
	"github.com/waymark-dev/waymark/internal/library"
)

const linkedCourse = `format: 1
id: linked
title: Linked
steps:
  - id: one
    title: One
    summary: s
    topics:
      - {id: a, title: A, summary: s, resources: [], skills: [], hours: 1, lesson: lessons/a.md}
`

// linkedFixture makes a curriculum folder whose lesson is a link to a file
// beside it (allowed), and a secret outside it that no read may reach.
func linkedFixture(t *testing.T) (root, course string) {
	t.Helper()
	root = t.TempDir()
	course = filepath.Join(root, "course")
	mustT(t, os.MkdirAll(filepath.Join(course, "lessons"), 0o755))
	mustT(t, os.WriteFile(filepath.Join(course, "curriculum.yaml"), []byte(linkedCourse), 0o644))
	mustT(t, os.WriteFile(filepath.Join(course, "lessons", "real.md"), []byte("# Real lesson\n"), 0o644))
	mustT(t, os.Symlink("real.md", filepath.Join(course, "lessons", "a.md")))
	mustT(t, os.WriteFile(filepath.Join(root, "secret.md"), []byte("SECRET\n"), 0o644))
	return root, course
}

// swapLink points dir/lessons/a.md at the secret outside, through a
// relative path that climbs out of the folder.
func swapLink(t *testing.T, dir, secret string) {
	t.Helper()
	link := filepath.Join(dir, "lessons", "a.md")
	rel, err := filepath.Rel(filepath.Dir(link), secret)
	mustT(t, err)
	mustT(t, os.Remove(link))
	mustT(t, os.Symlink(rel, link))
}

// TestInstalledLinkReplacedBeforeLoad installs a curriculum whose link
// stays inside, then replaces the link by one that leads outside, as a
// change after validation would: reading the curriculum refuses it and
// nothing of the secret is printed.
func TestInstalledLinkReplacedBeforeLoad(t *testing.T) {
	root, course := linkedFixture(t)
	env := map[string]string{"XDG_DATA_HOME": filepath.Join(root, "data"), "HOME": root,
		"WAYMARK_PROGRESS": filepath.Join(root, "progress.yaml")}
	run := func(args ...string) (string, string, int) {
		t.Helper()
		ios, _, out, errOut := iostreams.Test()
		f := NewFactory(ios, func(k string) string { return env[k] }, time.Now)
		code := Run(context.Background(), f, args)
		return out.String(), errOut.String(), code
	}
	if out, errOut, code := run("curriculum", "add", course); code != 0 {
		t.Fatalf("add: %d\n%s%s", code, out, errOut)
	}
	if out, _, code := run("topic", "a"); code != 0 || !strings.Contains(out, "Real lesson") {
		t.Fatalf("the installed lesson does not show: %d %q", code, out)
	}

	installed := filepath.Join(root, "data", "waymark", "curricula", "linked")
	swapLink(t, installed, filepath.Join(root, "secret.md"))
	out, errOut, code := run("topic", "a")
	if code == 0 || strings.Contains(out+errOut, "SECRET") {
		t.Fatalf("a replaced link was followed outside: %d\n%s%s", code, out, errOut)
	}
	if want := "lessons/a.md is a symbolic link that leads outside the curriculum folder"; !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
}

// TestAddLinkReplacedAfterCheck replaces a link in the candidate between
// the tree check and the validation that reads it: the validation, which
// reads through the confined folder, refuses it.
func TestAddLinkReplacedAfterCheck(t *testing.T) {
	root, course := linkedFixture(t)
	lib := &library.Library{Dir: filepath.Join(root, "data", "curricula")}
	ctx := context.Background()
	_, err := lib.Add(ctx, course, "", func(dir string) (*curriculum.Curriculum, error) {
		swapLink(t, dir, filepath.Join(root, "secret.md"))
		return libraryValidator(ctx)(dir)
	})
	if err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("add after a swapped link: %v", err)
	}
	if want := "lessons/a.md is a symbolic link that leads outside the curriculum folder"; !strings.Contains(err.Error(), want) {
		t.Errorf("error lacks %q:\n%v", want, err)
	}
	if lib.Has("linked") {
		t.Error("the curriculum was installed")
	}
}
