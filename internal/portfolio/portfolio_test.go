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
	p.RecordMilestone("hello", "greet", "", now)
	p.RecordMilestone("hello", "boot", "", now.Add(-time.Hour))
	p.Projects["hello"].Stack = "go"
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
