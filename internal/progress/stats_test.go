package progress

import (
	"math"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// testCurriculum: step "web" has two plain topics; step "lang" has one plain
// topic and three optional languages; "db" requires "http".
func testCurriculum() *curriculum.Curriculum {
	topic := func(id string, hours float64, optional bool, requires ...string) *curriculum.Topic {
		return &curriculum.Topic{ID: id, Title: id, Hours: hours, Optional: optional, Requires: requires}
	}
	return &curriculum.Curriculum{ID: "backend", Steps: []*curriculum.Step{
		{ID: "web", Title: "The web", Topics: []*curriculum.Topic{topic("http", 4, false), topic("html", 2, false)}},
		{ID: "lang", Title: "A language", Topics: []*curriculum.Topic{
			topic("intro", 1, false), topic("go", 30, true), topic("python", 20, true), topic("java", 40, true)}},
		{ID: "data", Title: "Data", Topics: []*curriculum.Topic{topic("db", 9, false, "http")}},
	}}
}

func withTopics(states map[string]Status) *Progress {
	p := New("backend")
	for id, s := range states {
		p.SetTopic(id, s, t0)
	}
	return p
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		name                         string
		states                       map[string]Status
		done, skipped, doing, total  int
		percent, hoursDone, hoursAll float64
		langDone, langTotal          int
	}{
		// Undone alternatives count once, as the first one: go (30 h).
		{"nothing", nil, 0, 0, 0, 5, 0, 0, 4 + 2 + 1 + 30 + 9, 0, 2},
		{"skipped counts as finished", map[string]Status{"http": StatusSkipped, "html": StatusDone},
			1, 1, 0, 5, 40, 6, 46, 0, 2},
		{"one language is enough", map[string]Status{"intro": StatusDone, "python": StatusDone},
			2, 0, 0, 5, 40, 21, 4 + 2 + 1 + 20 + 9, 2, 2},
		{"two languages both count", map[string]Status{"go": StatusDone, "java": StatusDone},
			2, 0, 0, 6, 100 * 2.0 / 6, 70, 4 + 2 + 1 + 30 + 40 + 9, 2, 3},
		{"learning one stands for the choice", map[string]Status{"java": StatusDoing},
			0, 0, 1, 5, 0, 0, 4 + 2 + 1 + 40 + 9, 0, 2},
		{"skipping an alternative moves to the next", map[string]Status{"go": StatusSkipped},
			0, 0, 0, 5, 0, 0, 4 + 2 + 1 + 20 + 9, 0, 2},
		{"skipping all alternatives finishes the choice", map[string]Status{"go": StatusSkipped, "python": StatusSkipped, "java": StatusSkipped},
			0, 1, 0, 5, 20, 30, 46, 1, 2},
		{"orphans ignored", map[string]Status{"gone": StatusDone}, 0, 0, 0, 5, 0, 0, 46, 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Summarize(testCurriculum(), withTopics(tt.states))
			if s.Done != tt.done || s.Skipped != tt.skipped || s.Doing != tt.doing || s.Total != tt.total {
				t.Errorf("counts: got done %d skipped %d doing %d total %d", s.Done, s.Skipped, s.Doing, s.Total)
			}
			if math.Abs(s.Percent-tt.percent) > 1e-9 || s.HoursDone != tt.hoursDone || s.HoursTotal != tt.hoursAll {
				t.Errorf("got %.2f%%, %v/%v h; want %.2f%%, %v/%v h", s.Percent, s.HoursDone, s.HoursTotal, tt.percent, tt.hoursDone, tt.hoursAll)
			}
			if lang := s.Steps[1]; lang.StepID != "lang" || lang.Done != tt.langDone || lang.Total != tt.langTotal {
				t.Errorf("lang step: %+v", lang)
			}
		})
	}
	if s := Summarize(&curriculum.Curriculum{}, New("")); s.Percent != 0 || s.Total != 0 {
		t.Errorf("empty curriculum: %+v", s)
	}
}

func TestNextTopic(t *testing.T) {
	all := map[string]Status{"http": StatusDone, "html": StatusDone, "intro": StatusDone, "go": StatusDone, "db": StatusDone}
	tests := []struct {
		name   string
		states map[string]Status
		want   string // "" for nil
	}{
		{"start", nil, "http"},
		{"doing wins over order", map[string]Status{"db": StatusDoing}, "db"},
		{"skips finished", map[string]Status{"http": StatusDone, "html": StatusSkipped}, "intro"},
		{"requires wait", map[string]Status{"html": StatusDone, "intro": StatusDone, "go": StatusDone, "http": StatusSkipped}, "db"},
		{"alternatives offered until one is done", map[string]Status{"http": StatusDone, "html": StatusDone, "intro": StatusDone, "go": StatusSkipped}, "python"},
		{"alternatives dropped once one is done", map[string]Status{"http": StatusDone, "html": StatusDone, "intro": StatusDone, "java": StatusDone}, "db"},
		{"doing is resumed before its requirements", map[string]Status{"html": StatusDone, "intro": StatusDone, "go": StatusDone, "http": StatusDoing}, "http"},
		{"finished", all, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NextTopic(testCurriculum(), withTopics(tt.states))
			if (got == nil) != (tt.want == "") || got != nil && got.ID != tt.want {
				t.Fatalf("got %v, want %q", got, tt.want)
			}
		})
	}
	// db requires http; with http untouched and everything else done, the
	// only candidate is http itself.
	c := testCurriculum()
	c.Steps[0].Topics[0].Requires = []string{"db"} // a cycle: http <-> db
	got := NextTopic(c, withTopics(map[string]Status{"html": StatusDone, "intro": StatusDone, "go": StatusDone}))
	if got == nil || got.ID != "http" {
		t.Fatalf("cycle: got %v, want the first remaining topic", got)
	}
}

func TestStatsStreak(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	now := time.Date(2026, 11, 25, 20, 0, 0, 0, loc) // a Wednesday
	day := func(d int) time.Time { return time.Date(2026, 11, d, 19, 0, 0, 0, loc) }
	tests := []struct {
		name  string
		build func(p *Progress)
		want  int
	}{
		{"nothing", func(*Progress) {}, 0},
		{"today only", func(p *Progress) { p.AddLog(day(25), 30, "") }, 1},
		{"yesterday keeps it alive", func(p *Progress) { p.AddLog(day(24), 30, ""); p.AddLog(day(23), 30, "") }, 2},
		{"two days ago breaks it", func(p *Progress) { p.AddLog(day(23), 30, "") }, 0},
		{"gap", func(p *Progress) { p.AddLog(day(25), 30, ""); p.AddLog(day(23), 30, "") }, 1},
		{"topic done counts", func(p *Progress) { p.AddLog(day(25), 30, ""); p.SetTopic("http", StatusDone, day(24)) }, 2},
		{"doing does not count", func(p *Progress) { p.AddLog(day(25), 30, ""); p.SetTopic("http", StatusDoing, day(24)) }, 1},
		// 23:30 UTC on the 23rd is 00:30 on the 24th in CET.
		{"topic day in now's zone", func(p *Progress) {
			p.AddLog(day(25), 30, "")
			p.SetTopic("http", StatusDone, time.Date(2026, 11, 23, 23, 30, 0, 0, time.UTC))
		}, 2},
		{"across a month", func(p *Progress) {
			for d := 20; d <= 25; d++ {
				p.AddLog(day(d), 10, "")
			}
			p.AddLog(time.Date(2026, 10, 31, 12, 0, 0, 0, loc), 10, "")
		}, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := New("backend")
			tt.build(p)
			if got := Stats(testCurriculum(), p, now).Streak; got != tt.want {
				t.Fatalf("streak %d, want %d", got, tt.want)
			}
		})
	}
}

func TestStatsWeek(t *testing.T) {
	p := New("backend")
	p.Log = []LogEntry{
		{"2026-11-22", 100, "Sunday before"},
		{"2026-11-23", 10, "Monday"},
		{"2026-11-25", 20, "Wednesday"},
		{"2026-11-29", 40, "Sunday"},
		{"2026-11-30", 1000, "next Monday"},
	}
	tests := []struct {
		name string
		now  time.Time
		want int
	}{
		{"midweek", time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC), 70},
		{"Monday midnight", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), 70},
		{"Sunday night", time.Date(2026, 11, 29, 23, 59, 0, 0, time.UTC), 70},
		// 23:30 UTC Sunday is already Monday in Berlin-ish time.
		{"week in now's zone", time.Date(2026, 11, 30, 0, 30, 0, 0, time.FixedZone("CET", 3600)), 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Stats(testCurriculum(), p, tt.now).MinutesThisWeek; got != tt.want {
				t.Fatalf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestStatsPaceAndETA(t *testing.T) {
	now := time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC)
	midnight := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	t.Run("no log", func(t *testing.T) {
		a := Stats(testCurriculum(), New("backend"), now)
		// 46 h remaining at 4.5 h/day: 10.2 days, rounded up.
		if a.ETAKnown || a.MinutesPerDay != 0 || !a.SuggestedETA.Equal(midnight.AddDate(0, 0, 11)) {
			t.Fatalf("%+v", a)
		}
	})
	t.Run("new learner's pace is not diluted", func(t *testing.T) {
		p := New("backend")
		p.AddLog(now.AddDate(0, 0, -1), 120, "")
		p.AddLog(now, 120, "")
		a := Stats(testCurriculum(), p, now)
		// 240 minutes over 2 days = 2 h/day; 46 h remaining: 23 days.
		if a.MinutesPerDay != 120 || !a.ETAKnown || !a.ETA.Equal(midnight.AddDate(0, 0, 23)) {
			t.Fatalf("%+v", a)
		}
	})
	t.Run("pace over 28 days", func(t *testing.T) {
		p := New("backend")
		p.AddLog(now.AddDate(0, 0, -40), 6000, "") // outside the window
		p.AddLog(now.AddDate(0, 0, -27), 1400, "") // first day in the window
		p.AddLog(now.AddDate(0, 0, -28), 1400, "") // just outside
		p.SetTopic("go", StatusDone, t0)
		a := Stats(testCurriculum(), p, now)
		// 1400/28 = 50 min/day; 16 h remaining (46 - 30): 960/50 = 19.2 -> 20 days.
		if a.MinutesPerDay != 50 || !a.ETA.Equal(midnight.AddDate(0, 0, 20)) {
			t.Fatalf("%+v", a)
		}
	})
	t.Run("finished", func(t *testing.T) {
		p := withTopics(map[string]Status{"http": StatusDone, "html": StatusDone, "intro": StatusDone, "go": StatusDone, "db": StatusSkipped})
		a := Stats(testCurriculum(), p, now)
		if !a.ETAKnown || !a.ETA.Equal(midnight) || !a.SuggestedETA.Equal(midnight) {
			t.Fatalf("%+v", a)
		}
	})
}
