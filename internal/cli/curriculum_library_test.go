package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/gitrepo"
	"github.com/waymark-dev/waymark/internal/iostreams"
	"github.com/waymark-dev/waymark/internal/library"
	"github.com/waymark-dev/waymark/internal/progress"
)

const updCourse = `format: 1
id: course
title: Course
steps:
  - id: one
    title: One
    summary: The first step.
    topics:
TOPICS`

func updTopic(id string) string {
	return "      - {id: " + id + ", title: T, summary: s, resources: [], skills: [], hours: 1}\n"
}

// TestCurriculumAddUpdateFromGit adds a curriculum from a bare file://
// remote, publishes a change that removes a topic the learner finished and
// adds another, and checks what update prints.
func TestCurriculumAddUpdateFromGit(t *testing.T) {
	root := t.TempDir()
	work := filepath.Join(root, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	writeCourse := func(topics ...string) {
		body := strings.Replace(updCourse, "TOPICS", strings.Join(topics, ""), 1)
		if err := os.WriteFile(filepath.Join(work, "curriculum.yaml"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeCourse(updTopic("a"), updTopic("b"))
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	if _, err := gitrepo.Init(work, gitrepo.Author{Name: "T", Email: "t@example.com"}, "first", now); err != nil {
		t.Fatal(err)
	}
	bare := filepath.Join(root, "remote.git")
	if _, err := git.PlainClone(bare, true, &git.CloneOptions{URL: work}); err != nil {
		t.Fatal(err)
	}
	url := "file://" + bare

	env := map[string]string{"XDG_DATA_HOME": filepath.Join(root, "data"), "HOME": root,
		"WAYMARK_PROGRESS": filepath.Join(root, "progress.yaml")}
	run := func(args ...string) (string, string, int) {
		t.Helper()
		ios, _, out, errOut := iostreams.Test()
		f := NewFactory(ios, func(k string) string { return env[k] }, func() time.Time { return now })
		code := Run(context.Background(), f, args)
		return out.String(), errOut.String(), code
	}

	out, errOut, code := run("curriculum", "add", url)
	if code != 0 || !strings.Contains(out, "Installed Course (course) as course") {
		t.Fatalf("add: %d\n%s%s", code, out, errOut)
	}
	if _, errOut, code := run("done", "b"); code != 0 {
		t.Fatalf("done b on the installed curriculum: %s", errOut)
	}
	if out, _, _ := run("curriculum", "update"); !strings.Contains(out, "course is up to date") {
		t.Errorf("no-op update printed %q", out)
	}

	// Publish: b removed, c added.
	writeCourse(updTopic("a"), updTopic("c"))
	repo, _ := git.PlainOpen(work)
	if _, err := repo.CreateRemote(&config.RemoteConfig{Name: "origin", URLs: []string{bare}}); err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	_ = wt.AddWithOptions(&git.AddOptions{All: true})
	sig := &object.Signature{Name: "T", Email: "t@example.com", When: now.Add(time.Hour)}
	if _, err := wt.Commit("rename b to c", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
	if err := repo.Push(&git.PushOptions{RemoteName: "origin"}); err != nil {
		t.Fatal(err)
	}

	out, errOut, code = run("curriculum", "update", "course")
	want := "Updated course\n  topics added: c\n  topics removed: b\n  your progress on removed topics is kept in your progress file: b (done)\n"
	if code != 0 || out != want {
		t.Fatalf("update: %d\n%q\nwant\n%q\n%s", code, out, want, errOut)
	}
	p, err := progress.Open(env["WAYMARK_PROGRESS"]).Load()
	if err != nil || p.TopicStatus("b") != progress.StatusDone {
		t.Errorf("progress on b was not kept: %v", err)
	}
	if out, _, _ := run("status"); !strings.Contains(out, "Course") {
		t.Errorf("status does not serve the installed curriculum:\n%s", out)
	}
}

// A repairing update is an update: it once printed "is up to date".
func TestRepairingUpdateIsReportedAsAnUpdate(t *testing.T) {
	after := &curriculum.Curriculum{ID: "course", Steps: []*curriculum.Step{{ID: "one", Topics: []*curriculum.Topic{{ID: "a"}}}}}
	ch := curriculumChange{Name: "course"}
	diffCurricula(&ch, &library.UpdateResult{Before: nil, After: after, Changed: true})
	var out, errOut bytes.Buffer
	printChange(&out, &errOut, ch)
	if !ch.Updated || !ch.Repaired || !strings.Contains(out.String(), "Updated course (it did not validate before; now it does)") {
		t.Fatalf("change %+v printed %q", ch, out.String())
	}
	ch = curriculumChange{Name: "course"}
	diffCurricula(&ch, &library.UpdateResult{Before: after, After: after})
	out.Reset()
	printChange(&out, &errOut, ch)
	if ch.Updated || out.String() != "course is up to date\n" {
		t.Fatalf("no-op printed %q", out.String())
	}
}
