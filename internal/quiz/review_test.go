package quiz

import (
	"slices"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/progress"
)

// keys of testCurriculum's questions, in the curriculum's order.
func keys() (dns, status, index string) {
	c := testCurriculum()
	return Key("web", c.Steps[0].Quiz.Questions[0]), Key("web", c.Steps[0].Quiz.Questions[1]), Key("data", c.Steps[2].Quiz.Questions[0])
}

func itemKeys(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Key)
	}
	return out
}

func TestDueOrderAndUnknownKeys(t *testing.T) {
	c := testCurriculum()
	dns, status, index := keys()
	p := progress.New("test")
	p.Review = map[string]progress.ReviewCard{
		dns:            {Box: 3, Due: "2026-11-20"}, // overdue the longest
		status:         {Box: 2, Due: "2026-11-24"},
		index:          {Box: 1, Due: "2026-11-24"}, // same day, lower box: first
		"web/00000000": {Box: 1, Due: "2026-11-01"}, // a question the quiz no longer asks
		"old/1a2b3c4d": {Box: 1, Due: "2026-11-01"}, // a step the curriculum does not have
	}
	if got, want := itemKeys(Due(c, p, now)), []string{dns, index, status}; !slices.Equal(got, want) {
		t.Fatalf("due %v, want %v", got, want)
	}
	p.Review[status] = progress.ReviewCard{Box: 4, Due: "2026-11-25"}
	if got, want := itemKeys(Due(c, p, now)), []string{dns, index}; !slices.Equal(got, want) {
		t.Fatalf("due %v, want %v (a question due tomorrow is not due)", got, want)
	}
	if len(p.Review) != 5 {
		t.Fatal("reading the schedule changed it")
	}
}

func TestLook(t *testing.T) {
	c := testCurriculum()
	dns, status, index := keys()
	p := progress.New("test")
	if o := Look(c, p, now); o != (Outlook{}) {
		t.Fatalf("empty schedule: %+v", o)
	}
	p.Review = map[string]progress.ReviewCard{
		dns:            {Box: 1, Due: "2026-11-24"},
		status:         {Box: 2, Due: "2026-11-26"},
		index:          {Box: 2, Due: "2026-11-26"},
		"web/00000000": {Box: 1, Due: "2026-11-25"}, // unknown: counts for nothing
	}
	want := Outlook{Scheduled: 3, Due: 1, NextDay: "2026-11-26", Next: 2}
	if o := Look(c, p, now); o != want {
		t.Fatalf("got %+v, want %+v", o, want)
	}
	p.Review[status] = progress.ReviewCard{Box: 5, Due: "2026-12-24"}
	want = Outlook{Scheduled: 3, Due: 1, NextDay: "2026-11-26", Next: 1}
	if o := Look(c, p, now); o != want {
		t.Fatalf("got %+v, want %+v", o, want)
	}
}

func TestWhen(t *testing.T) {
	for day, want := range map[string]string{
		"2026-11-20": "today", // overdue is due now
		"2026-11-24": "today",
		"2026-11-25": "tomorrow",
		"2026-11-27": "in 3 days (Fri 27 Nov)",
		"2027-01-09": "in 46 days (Sat 9 Jan)",
		"soon":       "soon",
	} {
		if got := When(day, now); got != want {
			t.Errorf("%s: %q, want %q", day, got, want)
		}
	}
	// Across a daylight-saving change a day is 23 or 25 hours.
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err == nil {
		if got := When("2026-03-30", time.Date(2026, 3, 28, 23, 0, 0, 0, berlin)); got != "in 2 days (Mon 30 Mar)" {
			t.Errorf("across the spring change: %q", got)
		}
	}
}

func TestRecordAttempt(t *testing.T) {
	c := testCurriculum()
	web := c.Steps[0]
	dns, status, index := keys()
	p := progress.New("test")
	p.Review = map[string]progress.ReviewCard{
		"web/00000000": {Box: 3, Due: "2026-11-30"}, // reworded since: forgotten
		index:          {Box: 3, Due: "2026-11-30"}, // another step: kept
	}
	RecordAttempt(p, "test", web, []Result{{dns, true}, {status, false}}, now)
	if q := p.Quizzes["web"]; q.Best != 1 || q.Of != 2 || !q.Passed || q.Attempts != 1 {
		t.Fatalf("quiz %+v", q)
	}
	if c := p.Review[dns]; c.Box != 2 || c.Due != "2026-11-26" {
		t.Fatalf("right answer: %+v", c)
	}
	if c := p.Review[status]; c.Box != 1 || c.Due != "2026-11-25" {
		t.Fatalf("wrong answer: %+v", c)
	}
	if _, ok := p.Review["web/00000000"]; ok {
		t.Fatal("a key the web quiz no longer asks was kept")
	}
	if p.Review[index].Box != 3 {
		t.Fatal("another step's key changed")
	}

	// Progress kept on another curriculum keeps every key: it may be that
	// curriculum's.
	other := progress.New("backend")
	other.Review = map[string]progress.ReviewCard{"web/00000000": {Box: 3, Due: "2026-11-30"}}
	RecordAttempt(other, "test", web, []Result{{dns, true}, {status, true}}, now)
	if _, ok := other.Review["web/00000000"]; !ok {
		t.Fatal("a key of another curriculum's progress was forgotten")
	}
}

func TestRecordReview(t *testing.T) {
	dns, _, index := keys()
	p := progress.New("test")
	p.Review = map[string]progress.ReviewCard{
		dns:   {Box: 2, Due: "2026-11-24"},
		index: {Box: 4, Due: "2026-11-24"},
	}
	RecordReview(p, []Result{{dns, true}, {index, false}}, now)
	if c := p.Review[dns]; c.Box != 3 || c.Due != "2026-11-28" {
		t.Fatalf("right when due: %+v", c)
	}
	if c := p.Review[index]; c.Box != 1 || c.Due != "2026-11-25" {
		t.Fatalf("wrong: %+v", c)
	}
	if p.Quizzes != nil {
		t.Fatal("a review changed a quiz score")
	}
}

func TestReviewAsksUnderTheSeed(t *testing.T) {
	c := testCurriculum()
	dns, _, _ := keys()
	p := progress.New("test")
	p.Review = map[string]progress.ReviewCard{dns: {Box: 1, Due: "2026-11-24"}}
	asked := Review(Due(c, p, now), 482913)
	if len(asked) != 1 || asked[0].Key != dns || asked[0].Step.ID != "web" {
		t.Fatalf("asked %+v", asked)
	}
	if !slices.Equal(asked[0].Order, Order(482913, dns, 3)) {
		t.Fatalf("order %v is not the seed's", asked[0].Order)
	}
}
