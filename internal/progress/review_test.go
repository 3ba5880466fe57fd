package progress

import (
	"testing"
	"time"
)

func TestReviewIntervals(t *testing.T) {
	want := map[int]int{0: 1, 1: 1, 2: 2, 3: 4, 4: 8, 5: 16, 6: 16}
	for box, days := range want {
		if got := ReviewInterval(box); got != days {
			t.Errorf("box %d: %d days, want %d", box, got, days)
		}
	}
}

// answer is one step of a schedule test: an answer given some days after
// t0, and the card it must leave.
type answer struct {
	day   int
	right bool
	box   int
	due   string
}

func TestRecordAnswerLeitner(t *testing.T) {
	tests := []struct {
		name    string
		answers []answer
	}{
		{"new and right starts in box 2", []answer{{0, true, 2, "2026-11-26"}}},
		{"new and wrong starts in box 1", []answer{{0, false, 1, "2026-11-25"}}},
		{"right when due climbs every box", []answer{
			{0, true, 2, "2026-11-26"},
			{2, true, 3, "2026-11-30"},
			{6, true, 4, "2026-12-08"},
			{14, true, 5, "2026-12-24"},
			{30, true, 5, "2027-01-09"}, // box 5 is the top: it stays, 16 days on
		}},
		{"wrong resets to box 1 from anywhere", []answer{
			{0, true, 2, "2026-11-26"},
			{2, true, 3, "2026-11-30"},
			{6, false, 1, "2026-12-01"},
			{7, true, 2, "2026-12-03"},
		}},
		{"late is as good as due", []answer{
			{0, true, 2, "2026-11-26"},
			{40, true, 3, "2027-01-07"},
		}},
		{"right before due changes nothing", []answer{
			{0, false, 1, "2026-11-25"},
			{0, true, 1, "2026-11-25"}, // the same afternoon: not yet remembered
			{1, true, 2, "2026-11-27"},
		}},
		{"wrong before due still resets", []answer{
			{0, true, 2, "2026-11-26"},
			{1, false, 1, "2026-11-26"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := New("backend")
			for i, a := range tt.answers {
				at := t0.AddDate(0, 0, a.day)
				p.RecordAnswer("web/1a2b3c4d", a.right, at)
				got := p.Review["web/1a2b3c4d"]
				if got.Box != a.box || got.Due != a.due || !got.At.Equal(at) {
					t.Fatalf("answer %d: got %+v, want box %d due %s at %s", i+1, got, a.box, a.due, at)
				}
			}
		})
	}
}

// Due days are the learner's calendar days: an answer late in the evening
// in Tokyo is due the next day there, whatever the day is in UTC.
func TestRecordAnswerUsesTheLearnersDay(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	late := time.Date(2026, 11, 24, 23, 30, 0, 0, tokyo) // 14:30 UTC
	p := New("")
	p.RecordAnswer("web/1a2b3c4d", false, late)
	c := p.Review["web/1a2b3c4d"]
	if c.Due != "2026-11-25" {
		t.Fatalf("due %s, want 2026-11-25", c.Due)
	}
	if c.DueBy(time.Date(2026, 11, 25, 0, 30, 0, 0, tokyo)) != true {
		t.Fatal("not due in the first hour of the due day")
	}
	if c.DueBy(time.Date(2026, 11, 24, 23, 59, 0, 0, tokyo)) {
		t.Fatal("due before its day")
	}
}

func TestForgetReview(t *testing.T) {
	p := New("")
	p.RecordAnswer("web/1a2b3c4d", true, t0)
	p.RecordAnswer("web/5e6f7a8b", true, t0)
	p.ForgetReview("web/1a2b3c4d")
	if _, ok := p.Review["web/1a2b3c4d"]; ok || len(p.Review) != 1 {
		t.Fatalf("after forgetting one: %v", p.Review)
	}
	p.ForgetReview("web/5e6f7a8b")
	if p.Review != nil {
		t.Fatalf("an empty schedule should be nil, so the file has no empty review: %v", p.Review)
	}
}

func TestValidReviewKey(t *testing.T) {
	for key, want := range map[string]bool{
		"web/1a2b3c4d":       true,
		"data-2/00000000":    true,
		"web/1A2B3C4D":       false,
		"web/1a2b3c4":        false,
		"web/1a2b3c4d5":      false,
		"/1a2b3c4d":          false,
		"web":                false,
		"Web/1a2b3c4d":       false,
		"web/sub/1a2b3c4d":   false,
		"web/1a2b3c4d\n":     false,
		"web--x/1a2b3c4d":    false,
		"web-x-y/deadbeef":   true,
		"web/what is dns?  ": false,
	} {
		if got := ValidReviewKey(key); got != want {
			t.Errorf("%q: %v, want %v", key, got, want)
		}
	}
}
