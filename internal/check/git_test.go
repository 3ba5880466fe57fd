package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// testRepo is a repository a test builds commit by commit with go-git.
type testRepo struct {
	t    *testing.T
	dir  string
	repo *git.Repository
	wt   *git.Worktree
	n    int
}

func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	dir := t.TempDir()
	repo, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")}})
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return &testRepo{t: t, dir: dir, repo: repo, wt: wt}
}

func (r *testRepo) sig() *object.Signature {
	r.n++
	return &object.Signature{Name: "Ada", Email: "ada@example.com", When: time.Date(2026, 1, 1, 0, r.n, 0, 0, time.UTC)}
}

// commit writes files, stages everything and commits; extra parents make
// it a merge.
func (r *testRepo) commit(msg string, files map[string]string, parents ...plumbing.Hash) plumbing.Hash {
	r.t.Helper()
	writeFiles(r.t, r.dir, files)
	if err := r.wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		r.t.Fatal(err)
	}
	opts := &git.CommitOptions{Author: r.sig()}
	if len(parents) > 0 {
		opts.Parents = append([]plumbing.Hash{r.head()}, parents...)
	}
	h, err := r.wt.Commit(msg, opts)
	if err != nil {
		r.t.Fatal(err)
	}
	return h
}

func (r *testRepo) head() plumbing.Hash {
	h, err := r.repo.Head()
	if err != nil {
		r.t.Fatal(err)
	}
	return h.Hash()
}

// switchTo checks out a branch, making it at HEAD first when create is set.
func (r *testRepo) switchTo(name string, create bool) {
	r.t.Helper()
	if err := r.wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(name), Create: create}); err != nil {
		r.t.Fatal(err)
	}
}

// mergedRepo is main with a merged feature branch, an unmerged wip branch,
// tags and ignore rules:
//
//	c1 ── c3 ── M   main, v1.0.0 (annotated)
//	  └── c2 ──┘    feature
//	  └── w1        wip;  v0.1 (lightweight) at c1
func mergedRepo(t *testing.T) *testRepo {
	r := newTestRepo(t)
	c1 := r.commit("start", map[string]string{"notes.txt": "start\n", ".gitignore": ".env\nnode_modules/\n*.log\n", "sub/.gitignore": "*.tmp\n", "secret.txt": "hunter2"})
	r.switchTo("feature", true)
	c2 := r.commit("a feature", map[string]string{"feature.txt": "feature\n"})
	r.switchTo("main", false)
	r.commit("main work", map[string]string{"main.txt": "main\n"})
	r.commit("Merge branch 'feature'", map[string]string{"feature.txt": "feature\n"}, c2)
	if _, err := r.repo.CreateTag("v1.0.0", r.head(), &git.CreateTagOptions{Tagger: r.sig(), Message: "first release"}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.repo.CreateTag("v0.1", c1, nil); err != nil {
		t.Fatal(err)
	}
	if err := r.wt.Checkout(&git.CheckoutOptions{Hash: c1, Branch: plumbing.NewBranchReferenceName("wip"), Create: true}); err != nil {
		t.Fatal(err)
	}
	r.commit("work in progress", map[string]string{"wip.txt": "wip\n"})
	r.switchTo("main", false)
	writeFiles(t, r.dir, map[string]string{".git/info/exclude": "local-only/\n"})
	return r
}

// gitCheck runs one git step with expect in dir.
func gitCheck(t *testing.T, dir, expect string) *StepResult {
	t.Helper()
	return onlyStep(t, runExercise(t, &Runner{Dir: dir}, nil, "  - name: repo\n    git:\n      expect: "+expect+"\n"))
}

func TestGitExpectations(t *testing.T) {
	r := mergedRepo(t)
	cases := []struct{ expect, message, got string }{
		{"{head: main}", "", ""},
		{"{head: feature}", "HEAD is main, not feature", "HEAD on main"},
		{"{branches: [main, feature, wip]}", "", ""},
		{"{branches: [main, dev]}", "branch dev does not exist", "branches: feature, main, wip"},
		{"{merged: [feature]}", "", ""},
		{"{merged: [wip]}", `wip is not merged into main: its last commit `, "wip not merged"},
		{"{merged: [gone]}", "branch gone does not exist, so it is not merged", ""},
		{"{merge_commit: true}", "", ""},
		{"{merge_commit: false}", `main's history has a merge commit: `, ""},
		{"{linear: false}", "", ""},
		{"{linear: true}", `main's history is not linear: `, ""},
		{`{commits: ">=3"}`, "", ""},
		{"{commits: 4}", "", ""},
		{`{commits: "<=2"}`, "main has 4 commits, expected <=2", "4 commits"},
		{"{file: [{path: notes.txt, contains: start}, {path: feature.txt, ref: feature, exists: true}, {path: .env, exists: false}]}", "", ""},
		{"{file: [{path: notes.txt, ref: main, contains: done}]}", `notes.txt at main does not contain "done"`, `"start"`},
		{"{file: [{path: notes.txt, not_contains: art}]}", `notes.txt at HEAD contains "art" (line 1)`, `line 1: "start"`},
		{"{file: [{path: secret.txt, exists: false}]}", "secret.txt is committed in HEAD", ""},
		{"{file: [{path: wip.txt, contains: wip}]}", "wip.txt is not in HEAD", "no such file"},
		{"{file: [{path: wip.txt, ref: wip, contains: wip}, {path: x, ref: nosuch, exists: true}]}", "nosuch does not exist", ""},
		{"{ignored: [.env, node_modules/x.js, node_modules/, debug.log, logs/a.log, sub/a.tmp, local-only/a]}", "", ""},
		{"{ignored: [notes.txt]}", "notes.txt is not ignored", ""},
		{"{not_ignored: [notes.txt, a.tmp, src/main.go]}", "", ""},
		{"{not_ignored: [app.log]}", "app.log is ignored, and it must not be", ""},
		{"{tag: {name: v1.0.0, annotated: true, ref: main}}", "", ""},
		{"{tag: {name: v0.1, annotated: false}}", "", ""},
		{"{tag: {name: v0.1, annotated: true}}", "v0.1 is a lightweight tag, not an annotated one", "a lightweight tag"},
		{"{tag: {name: v1.0.0, annotated: false}}", "v1.0.0 is an annotated tag, not a lightweight one", ""},
		{"{tag: {name: v2}}", "there is no tag v2", "tags: v0.1, v1.0.0"},
		{"{tag: {name: v0.1, ref: main}}", "v0.1 points at ", ""},
		{"{clean: true, no_conflicts: true}", "", ""},
		{"{clean: false}", "the working tree is clean, and this step expects uncommitted changes", ""},
	}
	for _, c := range cases {
		t.Run(c.expect, func(t *testing.T) {
			sr := gitCheck(t, r.dir, c.expect)
			if (sr.Status == Passed) != (c.message == "") {
				t.Fatalf("status %s: %q (got %q)", sr.Status, sr.Message, sr.Got)
			}
			mustContain(t, "message", sr.Message, c.message)
			mustContain(t, "got", sr.Got, c.got)
			if c.message != "" && sr.Diagnosis == "" && !strings.Contains(c.message, "does not exist") && !strings.Contains(c.message, "contain") {
				t.Errorf("no diagnosis for %q", sr.Message)
			}
		})
	}
}

func TestGitReportsEveryProblem(t *testing.T) {
	r := mergedRepo(t)
	sr := gitCheck(t, r.dir, "{head: feature, branches: [dev], linear: true}")
	mustContain(t, "message", sr.Message, "HEAD is main, not feature")
	mustContain(t, "output", sr.Output, "also:\n  branch dev does not exist\n  main's history is not linear")
	mustContain(t, "diagnosis", sr.Diagnosis, "git switch feature")
}

func TestGitWorkingTree(t *testing.T) {
	r := mergedRepo(t)
	writeFiles(t, r.dir, map[string]string{".env": "SECRET=1", "node_modules/x.js": "x"})
	if sr := gitCheck(t, r.dir, "{clean: true}"); sr.Status != Passed {
		t.Fatalf("ignored files made the tree unclean: %q %q", sr.Message, sr.Got)
	}
	writeFiles(t, r.dir, map[string]string{"notes.txt": "changed\n", "new.txt": "new"})
	sr := gitCheck(t, r.dir, "{clean: true}")
	mustContain(t, "got", sr.Got, "modified notes.txt", "untracked new.txt")
	if sr := gitCheck(t, r.dir, "{clean: false}"); sr.Status != Passed {
		t.Errorf("clean: false on a changed tree: %q", sr.Message)
	}

	writeFiles(t, r.dir, map[string]string{"notes.txt": "start\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> feature\n"})
	sr = gitCheck(t, r.dir, "{no_conflicts: true}")
	mustContain(t, "message", sr.Message, "notes.txt still has conflict markers (line 2)")
	writeFiles(t, r.dir, map[string]string{".git/MERGE_HEAD": r.head().String() + "\n"})
	sr = gitCheck(t, r.dir, "{no_conflicts: true}")
	mustContain(t, "message", sr.Message, "a merge is still in progress")
	mustContain(t, "diagnosis", sr.Diagnosis, "git merge --abort")
}

func TestGitHeadStates(t *testing.T) {
	r := mergedRepo(t)
	feature, err := r.repo.Reference(plumbing.NewBranchReferenceName("feature"), true)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.wt.Checkout(&git.CheckoutOptions{Hash: feature.Hash()}); err != nil {
		t.Fatal(err)
	}
	sr := gitCheck(t, r.dir, "{head: main}")
	mustContain(t, "message", sr.Message, "HEAD is detached at "+feature.Hash().String()[:7]+", not on main")

	empty := newTestRepo(t)
	if sr := gitCheck(t, empty.dir, "{head: main}"); sr.Status != Passed {
		t.Errorf("an unborn main is still HEAD's branch: %q", sr.Message)
	}
	sr = gitCheck(t, empty.dir, `{commits: ">=1"}`)
	mustContain(t, "message", sr.Message, "main has no commit yet")

	plain := t.TempDir()
	sr = gitCheck(t, plain, "{head: main}")
	mustContain(t, "message", sr.Message, ". is not a Git repository")
	mustContain(t, "diagnosis", sr.Diagnosis, "git init -b main")
}

func TestGitRepoInASubfolder(t *testing.T) {
	r := newTestRepo(t)
	r.commit("one", map[string]string{"a.txt": "a"})
	ws := t.TempDir()
	if err := os.Rename(r.dir, filepath.Join(ws, "project")); err != nil {
		t.Fatal(err)
	}
	sr := onlyStep(t, runExercise(t, &Runner{Dir: ws}, nil, "  - name: repo\n    git: {repo: project, expect: {commits: 1, head: main}}\n"))
	if sr.Status != Passed {
		t.Fatalf("%q %q", sr.Message, sr.Got)
	}
}
