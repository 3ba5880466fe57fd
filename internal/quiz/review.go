package quiz

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
)

// DefaultLimit is how many due questions one review asks at most.
const DefaultLimit = 10

// Item is a question in the review schedule that the curriculum still asks.
type Item struct {
	Key      string
	Step     *curriculum.Step
	Question curriculum.Question
	Card     progress.ReviewCard
	order    int // the question's place in the curriculum
}

// Scheduled returns the questions of the review schedule that the
// curriculum asks, most overdue first, then the least known (lowest box),
// then in the curriculum's order. Keys the curriculum does not ask — a
// question reworded or removed, or one of another curriculum — are left
// out here and left alone in the file: RecordAttempt forgets them once
// they are certainly gone.
func Scheduled(c *curriculum.Curriculum, p *progress.Progress) []Item {
	if len(p.Review) == 0 {
		return nil
	}
	var out []Item
	n := 0
	for _, s := range c.Steps {
		if s.Quiz == nil {
			continue
		}
		for _, q := range s.Quiz.Questions {
			n++
			key := Key(s.ID, q)
			if card, ok := p.Review[key]; ok {
				out = append(out, Item{Key: key, Step: s, Question: q, Card: card, order: n})
			}
		}
	}
	slices.SortFunc(out, func(a, b Item) int {
		return cmp.Or(strings.Compare(a.Card.Due, b.Card.Due), cmp.Compare(a.Card.Box, b.Card.Box), cmp.Compare(a.order, b.order))
	})
	return out
}

// Due returns the scheduled questions due on the day of now, in the order
// Scheduled gives.
func Due(c *curriculum.Curriculum, p *progress.Progress, now time.Time) []Item {
	var out []Item
	for _, it := range Scheduled(c, p) {
		if it.Card.DueBy(now) {
			out = append(out, it)
		}
	}
	return out
}

// Review is items as asked under seed.
func Review(items []Item, seed uint64) []Asked {
	out := make([]Asked, len(items))
	for i, it := range items {
		out[i] = ask(it.Step, it.Question, seed)
	}
	return out
}

// Outlook is the review schedule seen from one day: how many questions are
// due now, and when the next ones come.
type Outlook struct {
	// Scheduled is how many questions of the curriculum are in the
	// schedule; Due how many of them are due now.
	Scheduled, Due int
	// NextDay is the first day after today with questions due (YYYY-MM-DD),
	// "" when none are; Next is how many fall due that day.
	NextDay string
	Next    int
}

// Look summarises the schedule on the day of now.
func Look(c *curriculum.Curriculum, p *progress.Progress, now time.Time) Outlook {
	var o Outlook
	for _, it := range Scheduled(c, p) {
		o.Scheduled++
		switch {
		case it.Card.DueBy(now):
			o.Due++
		case o.NextDay == "" || it.Card.Due == o.NextDay:
			o.NextDay = it.Card.Due
			o.Next++
		}
	}
	return o
}

// When says when day (YYYY-MM-DD) is, seen from now: "today", "tomorrow"
// or "in 3 days (Fri 27 Nov)".
func When(day string, now time.Time) string {
	d, err := time.ParseInLocation("2006-01-02", day, now.Location())
	if err != nil {
		return day
	}
	y, m, dd := now.Date()
	today := time.Date(y, m, dd, 0, 0, 0, 0, now.Location())
	// Round: a day with a daylight-saving change is not 24 hours long.
	days := int((d.Sub(today) + 12*time.Hour) / (24 * time.Hour))
	switch {
	case days <= 0:
		return "today"
	case days == 1:
		return "tomorrow"
	}
	return fmt.Sprintf("in %d days (%s)", days, d.Format("Mon 2 Jan"))
}

// Result is the answer given to one asked question.
type Result struct {
	Key   string
	Right bool
}

// Score counts the right answers.
func Score(results []Result) int {
	n := 0
	for _, r := range results {
		if r.Right {
			n++
		}
	}
	return n
}

// RecordAttempt records a finished attempt at step s's quiz: the score (see
// progress.RecordQuiz) and every answer in the review schedule. When the
// progress is of curriculumID, the step's keys that its quiz no longer asks
// are forgotten: the question was reworded or removed. Keys of other steps
// and of progress kept on another curriculum are never touched.
func RecordAttempt(p *progress.Progress, curriculumID string, s *curriculum.Step, results []Result, now time.Time) {
	score := Score(results)
	p.RecordQuiz(s.ID, score, len(s.Quiz.Questions), Passed(s.Quiz, score), now)
	for _, r := range results {
		p.RecordAnswer(r.Key, r.Right, now)
	}
	if p.Curriculum != curriculumID {
		return
	}
	asked := make(map[string]bool, len(s.Quiz.Questions))
	for _, q := range s.Quiz.Questions {
		asked[Key(s.ID, q)] = true
	}
	for key := range p.Review {
		if step, _, _ := strings.Cut(key, "/"); step == s.ID && !asked[key] {
			p.ForgetReview(key)
		}
	}
}

// RecordReview records the answers of a review.
func RecordReview(p *progress.Progress, results []Result, now time.Time) {
	for _, r := range results {
		p.RecordAnswer(r.Key, r.Right, now)
	}
}
