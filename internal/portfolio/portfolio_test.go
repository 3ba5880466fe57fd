package portfolio

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
)

// TestPortfolioGolden holds a learner's portfolio page to
// testdata/TestPortfolioGolden.golden; run with -update to accept a change.
func TestPortfolioGolden(t *testing.T) {
	c, err := curriculum.Load(os.DirFS("testdata"), nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	p := progress.New("course")
	p.SetTopic("http", progress.StatusDone, now)
	p.SetTopic("dns", progress.StatusSkipped, now)
	p.SetTopic("syntax", progress.StatusDone, now)
	p.RecordQuiz("web", 2, 2, true, now)
	p.RecordProject("hello", "/code/hello", "go", "starter", now.Add(-2*time.Hour))
	p.RecordMilestone("hello", "/code/hello", "greet", "", now)
	p.RecordMilestone("hello", "/code/hello", "boot", "", now.Add(-time.Hour))
	// A reference solution beside it counts for nothing.
	p.RecordProject("hello", "/code/hello-ref", "node", "solution", now)
	p.RecordMilestone("hello", "/code/hello-ref", "extra", "", now)
	p.AddLog(now, 150, "")
	p.RecordExercise("word-count", "python", "", now)
	p.RecordExercise("retired-kata", "go", "", now) // no longer in the curriculum
	p.NextHint("status-codes", 1)                   // hints seen, never passed: not listed
	man := &curriculum.Project{ID: "hello", Title: "Hello API", Summary: "A tiny JSON API.",
		Milestones: []curriculum.Milestone{{ID: "boot", Title: "The server starts"}, {ID: "greet", Title: "It greets"}}}
	var buf bytes.Buffer
	if err := Write(&buf, Input{Name: "Ada", Curriculum: c, Progress: p, Projects: map[string]*curriculum.Project{"hello": man}}); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, buf.Bytes())
}
