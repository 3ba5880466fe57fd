package portfolio

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
)

var update = flag.Bool("update", false, "rewrite the golden files")

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
	man := &curriculum.Project{ID: "hello", Title: "Hello API", Summary: "A tiny JSON API.",
		Milestones: []curriculum.Milestone{{ID: "boot", Title: "The server starts"}, {ID: "greet", Title: "It greets"}}}
	var buf bytes.Buffer
	if err := Write(&buf, Input{Name: "Ada", Curriculum: c, Progress: p, Projects: map[string]*curriculum.Project{"hello": man}}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "portfolio.md.golden")
	if *update {
		_ = os.WriteFile(path, buf.Bytes(), 0o644)
	}
	want, _ := os.ReadFile(path)
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("got:\n%s\nwant:\n%s", buf.Bytes(), want)
	}
}
