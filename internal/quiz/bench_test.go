package quiz

import (
	"testing"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/roadmap"
)

// BenchmarkLook is what the dashboard and status pay on every progress
// change: the review outlook of the built-in roadmap with every question
// in the schedule.
func BenchmarkLook(b *testing.B) {
	c, err := curriculum.Load(roadmap.FS, nil)
	if err != nil {
		b.Fatal(err)
	}
	p := progress.New(c.ID)
	n := 0
	for _, s := range c.Steps {
		for _, a := range Attempt(s, 0) {
			p.RecordAnswer(a.Key, n%2 == 0, now)
			n++
		}
	}
	b.ReportMetric(float64(n), "questions")
	b.ResetTimer()
	for b.Loop() {
		Look(c, p, now)
	}
}
