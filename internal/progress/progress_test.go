package progress

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"time"
)

// TestMain doubles as the body of the child processes that the
// cross-process tests start: the test binary re-executes itself with
// childEnv set, so the lock is exercised between real processes.
func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		os.Exit(m.Run())
	case "update":
		os.Exit(childUpdate(os.Getenv(childPathEnv), os.Getenv(childIDEnv)))
	case "stall":
		os.Exit(childStall(os.Getenv(childPathEnv)))
	default:
		fmt.Fprintln(os.Stderr, "unknown child mode")
		os.Exit(2)
	}
}

var t0 = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func TestSetTopic(t *testing.T) {
	p := New("backend")
	if got := p.TopicStatus("x"); got != StatusTodo {
		t.Fatalf("absent topic: got %q, want todo", got)
	}
	local := time.Date(2026, 11, 24, 11, 30, 15, 999, time.FixedZone("CET", 3600))
	p.SetTopic("x", StatusDoing, local)
	if got := p.Topics["x"]; got.Status != StatusDoing || !got.At.Equal(local.Truncate(time.Second)) || got.At.Location() != time.UTC {
		t.Fatalf("after doing: %+v", got)
	}
	p.SetTopic("x", StatusDone, t0)
	if got := p.TopicStatus("x"); got != StatusDone {
		t.Fatalf("got %q, want done", got)
	}
	p.SetTopic("x", StatusTodo, t0)
	if _, ok := p.Topics["x"]; ok {
		t.Fatal("todo must delete the entry")
	}
}

func TestRecordQuiz(t *testing.T) {
	tests := []struct {
		name     string
		attempts [][3]int // score, of, passed (0/1)
		want     QuizResult
	}{
		{"first", [][3]int{{3, 6, 0}}, QuizResult{Best: 3, Of: 6, Attempts: 1}},
		{"keeps best", [][3]int{{5, 6, 1}, {2, 6, 0}}, QuizResult{Best: 5, Of: 6, Passed: true, Attempts: 2}},
		{"improves", [][3]int{{2, 6, 0}, {6, 6, 1}}, QuizResult{Best: 6, Of: 6, Passed: true, Attempts: 2}},
		{"quiz grew", [][3]int{{3, 4, 1}, {6, 8, 1}}, QuizResult{Best: 3, Of: 4, Passed: true, Attempts: 2}},
		{"zero score", [][3]int{{0, 6, 0}, {0, 6, 0}}, QuizResult{Best: 0, Of: 6, Attempts: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := New("")
			var at time.Time
			for i, a := range tt.attempts {
				at = t0.Add(time.Duration(i) * time.Hour)
				p.RecordQuiz("web", a[0], a[1], a[2] == 1, at)
			}
			tt.want.At = at
			if got := p.Quizzes["web"]; got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestAddLog(t *testing.T) {
	p := New("")
	// 23:30 in Tokyo is still the 24th there, though the 24th 14:30 in UTC.
	p.AddLog(time.Date(2026, 11, 24, 23, 30, 0, 0, time.FixedZone("JST", 9*3600)), 90, "joins")
	p.AddLog(t0, 15, "")
	want := []LogEntry{{"2026-11-24", 90, "joins"}, {"2026-11-24", 15, ""}}
	if !slices.Equal(p.Log, want) {
		t.Fatalf("got %+v, want %+v", p.Log, want)
	}
}

func TestRecordMilestone(t *testing.T) {
	p := New("")
	p.RecordMilestone("blog", "/code/blog", "accounts", "aa", t0)
	p.RecordMilestone("blog", "/code/blog", "accounts", "bb", t0.Add(time.Hour))
	pr := p.Folder("blog", "/code/blog")
	if pr == nil || !pr.Created.Equal(t0) || len(p.Projects["blog"]) != 1 {
		t.Fatalf("project: %+v", p.Projects["blog"])
	}
	if got := pr.Milestones["accounts"]; !got.Passed.Equal(t0) || got.ChecksSHA256 != "bb" {
		t.Fatalf("milestone: %+v (want first pass time, latest hash)", got)
	}
}

func TestOrphans(t *testing.T) {
	p := New("")
	for _, id := range []string{"zeta", "http", "alpha", "sql"} {
		p.SetTopic(id, StatusDone, t0)
	}
	known := func(id string) bool { return id == "http" || id == "sql" }
	if got, want := p.Orphans(known), []string{"alpha", "zeta"}; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if got := New("").Orphans(known); len(got) != 0 {
		t.Fatalf("empty progress: got %v", got)
	}
}

func TestResolvePath(t *testing.T) {
	tests := []struct {
		name, flag string
		env        map[string]string
		want       string
		wantErr    bool
	}{
		{"flag wins", "p.yaml", map[string]string{"WAYMARK_PROGRESS": "/e.yaml", "HOME": "/h"}, "p.yaml", false},
		{"env", "", map[string]string{"WAYMARK_PROGRESS": "/e.yaml", "XDG_DATA_HOME": "/x", "HOME": "/h"}, "/e.yaml", false},
		{"xdg", "", map[string]string{"XDG_DATA_HOME": "/x", "HOME": "/h"}, "/x/waymark/progress.yaml", false},
		{"relative xdg ignored", "", map[string]string{"XDG_DATA_HOME": "x", "HOME": "/h"}, "/h/.local/share/waymark/progress.yaml", false},
		{"home", "", map[string]string{"HOME": "/h"}, "/h/.local/share/waymark/progress.yaml", false},
		{"nothing", "", nil, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolvePath(tt.flag, func(k string) string { return tt.env[k] })
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("got %q, %v; want %q, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestRecordProjectKeepsMilestonesOfTheSameFolder(t *testing.T) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	p := New("backend")
	p.RecordProject("tasks", "/code/tasks", "go", "starter", now)
	p.RecordMilestone("tasks", "/code/tasks", "boot", "abc", now)
	p.RecordProject("tasks", "/code/tasks", "go", "starter", now.Add(time.Hour))
	if _, ok := p.Folder("tasks", "/code/tasks").Milestones["boot"]; !ok {
		t.Fatal("re-scaffolding the same folder dropped its verified milestones")
	}
}

// The README's own example, `waymark new tasks tasks-ref --solution`, used
// to replace the learner's record: verified milestones vanished and the
// reference became "yours".
func TestAnotherFolderNeverReplacesTheLearnersRecord(t *testing.T) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	p := New("backend")
	p.RecordProject("tasks", "/code/tasks", "go", "starter", now)
	p.RecordMilestone("tasks", "/code/tasks", "auth", "abc", now)
	p.RecordProject("tasks", "/code/tasks-ref", "go", ModeSolution, now.Add(time.Hour))
	p.RecordProject("tasks", "/code/tasks-node", "node", "starter", now.Add(2*time.Hour))

	if got := len(p.Projects["tasks"]); got != 3 {
		t.Fatalf("%d folders recorded, want 3: %+v", got, p.Projects["tasks"])
	}
	if _, ok := p.Verified("tasks")["auth"]; !ok {
		t.Error("the verified milestone of the first folder is gone")
	}
	if y := p.Yours("tasks"); y == nil || y.Dir != "/code/tasks-node" {
		t.Errorf("yours is %+v, want the latest of the learner's own folders", y)
	}
	if refs := p.References("tasks"); len(refs) != 1 || refs[0].Dir != "/code/tasks-ref" {
		t.Errorf("references: %+v", refs)
	}
}

func TestVerifiedIgnoresReferencesAndKeepsTheFirstPass(t *testing.T) {
	p := New("backend")
	p.RecordProject("tasks", "/ref", "go", ModeSolution, t0)
	p.RecordMilestone("tasks", "/ref", "query", "aa", t0) // as format 1 files may hold
	p.RecordMilestone("tasks", "/a", "auth", "aa", t0.Add(time.Hour))
	p.RecordMilestone("tasks", "/b", "auth", "bb", t0)
	v := p.Verified("tasks")
	if _, ok := v["query"]; ok {
		t.Error("a reference's milestone counts as the learner's")
	}
	if got := v["auth"]; !got.Passed.Equal(t0) || got.ChecksSHA256 != "bb" {
		t.Errorf("auth: %+v, want the earliest pass", got)
	}
	if New("").Verified("tasks") != nil {
		t.Error("no project, yet something verified")
	}
}
