package classroom

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/roadmap"
)

func loadCourse(t testing.TB) *curriculum.Curriculum {
	t.Helper()
	c, err := curriculum.Load(os.DirFS("testdata"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestReportGolden reports a folder of four learners (an export, a raw
// progress file, an invalid one, one on another curriculum) plus a missing
// file, in every format, against testdata/TestReportGolden/<format>.golden.
func TestReportGolden(t *testing.T) {
	c := loadCourse(t)
	recs := Gather(context.Background(), []string{"testdata/class", "testdata/missing.yaml"})
	r := Build(c, recs)
	for _, f := range Formats {
		t.Run(f, func(t *testing.T) {
			var buf bytes.Buffer
			if err := r.Write(&buf, f); err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, buf.Bytes())
		})
	}
}

func TestExportRoundTrip(t *testing.T) {
	p := progress.New("course")
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	p.SetTopic("http", progress.StatusDone, now)
	p.RecordQuiz("web", 2, 2, true, now)
	data, err := NewExport(p, Learner{Name: "Ada", Email: "ada@example.com"}, now).Encode()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ada.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	rec := ReadFile(path, "x")
	if rec.Err != nil || rec.Learner.Name != "Ada" || rec.Progress.TopicStatus("http") != progress.StatusDone {
		t.Fatalf("read back %+v\n%s", rec, data)
	}
}

// BenchmarkReport200 times a class report (read, summarize, print) over 200
// generated progress exports against the built-in roadmap (goal: under a
// second).
func BenchmarkReport200(b *testing.B) {
	c, err := curriculum.Load(roadmap.FS, nil)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	var ids []string
	for _, t := range c.Topics() {
		ids = append(ids, t.ID)
	}
	for i := range 200 {
		p := progress.New(c.ID)
		for j, id := range ids {
			if (i+j)%3 != 0 {
				p.SetTopic(id, progress.StatusDone, now.Add(-time.Duration(i*j)*time.Hour))
			}
		}
		p.RecordQuiz(c.Steps[0].ID, i%3, 2, i%3 >= 1, now)
		p.RecordMilestone("hello", "/code/hello", "boot", "", now)
		data, err := NewExport(p, Learner{Name: fmt.Sprintf("Learner %03d", i), Email: fmt.Sprintf("l%d@example.com", i)}, now).Encode()
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("l%03d.yaml", i)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		r := Build(c, Gather(context.Background(), []string{dir}))
		if len(r.Rows) != 200 || r.Rows[0].Error != "" {
			b.Fatalf("rows = %d, first = %+v", len(r.Rows), r.Rows[0])
		}
		var buf bytes.Buffer
		_ = r.Write(&buf, "table")
	}
}
