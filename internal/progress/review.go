package progress

import (
	"time"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
)

// ReviewCard is one quiz question's place in the spaced-review schedule, a
// Leitner system of ReviewBoxes boxes. A question enters the schedule the
// first time it is answered; each right answer given when it is due moves
// it up a box, and so further apart; a wrong answer sends it back to box 1.
type ReviewCard struct {
	// Box is 1 to ReviewBoxes; box n waits ReviewInterval(n) days.
	Box int `yaml:"box"`
	// Due is the day the question is next asked, YYYY-MM-DD in the
	// learner's own calendar (as LogEntry.Day is): due on a day means due
	// from its first hour, not 24 hours after the last answer.
	Due string `yaml:"due"`
	// At is when the question was last answered; zero when written by hand.
	At time.Time `yaml:"at,omitempty"`
}

// ReviewBoxes is how many boxes the schedule has.
const ReviewBoxes = 5

// ReviewInterval is how many days a question waits in box: 1, 2, 4, 8 and
// 16 days for boxes 1 to 5. Boxes out of range are clamped.
func ReviewInterval(box int) int { return 1 << (min(max(box, 1), ReviewBoxes) - 1) }

// reviewKey is the shape of a review key: a step id, a slash and the first
// eight hexadecimal digits of the question text's sha256 (see quiz.Key).
var reviewKey = lazyregexp.New(`^[a-z0-9]+(-[a-z0-9]+)*/[0-9a-f]{8}$`)

// ValidReviewKey reports whether key has the shape of a review key.
func ValidReviewKey(key string) bool { return reviewKey.MatchString(key) }

// Day is the calendar day of t in t's own location, as YYYY-MM-DD.
func Day(t time.Time) string { return t.Format(dayLayout) }

// DueBy reports whether the card is due on the day of now (or overdue).
// Valid days compare as strings: they are all YYYY-MM-DD.
func (c ReviewCard) DueBy(now time.Time) bool { return c.Due <= Day(now) }

// RecordAnswer moves the question key through the schedule after an answer
// given at now, in a quiz or a review:
//
//   - a wrong answer puts it in box 1, due tomorrow;
//   - a right answer to a question never seen before puts it in box 2;
//   - a right answer when it is due moves it up a box (box 5 stays);
//   - a right answer before it is due changes neither box nor day: taking a
//     quiz again the same afternoon shows recall, not memory.
//
// The new due day is today plus the box's interval.
func (p *Progress) RecordAnswer(key string, right bool, now time.Time) {
	if p.Review == nil {
		p.Review = make(map[string]ReviewCard)
	}
	c, seen := p.Review[key]
	switch {
	case !right:
		c.Box = 1
	case !seen:
		c.Box = 2
	case c.DueBy(now):
		c.Box = min(c.Box+1, ReviewBoxes)
	default:
		c.At = stamp(now)
		p.Review[key] = c
		return
	}
	y, m, d := now.Date()
	c.Due = Day(time.Date(y, m, d+ReviewInterval(c.Box), 0, 0, 0, 0, now.Location()))
	c.At = stamp(now)
	p.Review[key] = c
}

// ForgetReview removes a question from the schedule: its curriculum no
// longer asks it.
func (p *Progress) ForgetReview(key string) {
	delete(p.Review, key)
	if len(p.Review) == 0 {
		p.Review = nil
	}
}
