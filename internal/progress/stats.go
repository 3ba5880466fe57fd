package progress

import (
	"fmt"
	"math"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// SuggestedHoursPerDay is the study pace the roadmap is planned around, used
// for SuggestedETA: a serious part-time-job's worth of daily study.
const SuggestedHoursPerDay = 4.5

// pacePeriod is how many days of log the learner's own pace is taken over:
// long enough to smooth out a busy week, short enough to follow a change.
const pacePeriod = 28

// StepStat is one step's share of the roadmap, counted as in Summary.
type StepStat struct {
	StepID, Title string
	Done, Total   int
	Percent       float64
}

// Summary is how far through the curriculum a learner is.
//
// Which topics count: every non-optional topic, plus, per step, the optional
// alternatives (languages, frameworks) the learner actually did. A step
// whose alternatives are all undone still needs one of them, so it counts
// one: the alternative being learned (doing), else the first one not
// skipped, else the first one. So picking Go out of six languages finishes
// the step, and nobody is asked to learn all six.
//
// Skipped topics count as finished (in Done's place in Percent and in
// HoursDone): skipping says "I know this already", and the learner should
// not be held back by it. Done and Skipped are counted apart so that status
// can still tell them apart.
type Summary struct {
	Done, Skipped, Doing, Total int
	// Percent is (Done+Skipped)/Total, from 0 to 100; 0 when Total is 0.
	Percent float64
	Steps   []StepStat
	// HoursDone and HoursTotal sum the counted topics' estimated hours.
	HoursDone, HoursTotal float64
	// Uncounted is how many alternatives are left out of Total because
	// another alternative of their step stands for them.
	Uncounted int
}

// CountNote explains, in one line, why Total is smaller than the number of
// topics the roadmap lists; "" when it is not.
func (s Summary) CountNote() string {
	if s.Uncounted == 0 {
		return ""
	}
	return fmt.Sprintf("Alternatives (languages, frameworks) are choices: one per step counts, so %d are not in the total.", s.Uncounted)
}

// Summarize counts a learner's progress through c, as Summary describes.
func Summarize(c *curriculum.Curriculum, p *Progress) Summary {
	var s Summary
	for _, step := range c.Steps {
		st := StepStat{StepID: step.ID, Title: step.Title}
		counted := countedTopics(step, p)
		s.Uncounted += len(step.Topics) - len(counted)
		for _, t := range counted {
			st.Total++
			s.HoursTotal += t.Hours
			switch p.TopicStatus(t.ID) {
			case StatusDone:
				s.Done++
				st.Done++
				s.HoursDone += t.Hours
			case StatusSkipped:
				s.Skipped++
				st.Done++
				s.HoursDone += t.Hours
			case StatusDoing:
				s.Doing++
			}
		}
		st.Percent = percent(st.Done, st.Total)
		s.Total += st.Total
		s.Steps = append(s.Steps, st)
	}
	s.Percent = percent(s.Done+s.Skipped, s.Total)
	return s
}

func percent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}

// countedTopics returns the step's topics that count towards progress, in
// roadmap order apart from a stand-in for undone alternatives, which comes
// last. See Summary for the rule.
func countedTopics(step *curriculum.Step, p *Progress) []*curriculum.Topic {
	var out, alts []*curriculum.Topic
	altDone := false
	for _, t := range step.Topics {
		switch {
		case !t.Optional:
			out = append(out, t)
		case p.TopicStatus(t.ID) == StatusDone:
			out = append(out, t)
			altDone = true
		default:
			alts = append(alts, t)
		}
	}
	if len(alts) > 0 && !altDone {
		out = append(out, standIn(alts, p))
	}
	return out
}

// standIn picks the alternative that stands for a step's undone choice.
func standIn(alts []*curriculum.Topic, p *Progress) *curriculum.Topic {
	for _, t := range alts {
		if p.TopicStatus(t.ID) == StatusDoing {
			return t
		}
	}
	for _, t := range alts {
		if p.TopicStatus(t.ID) != StatusSkipped {
			return t
		}
	}
	return alts[0]
}

// NextTopic suggests what to study: the first topic in roadmap order that is
// being learned, else the first todo topic whose requirements are all
// finished. Optional alternatives drop out once one alternative of their
// step is done. If every remaining topic waits on an unfinished requirement
// (a cycle, or one the curriculum lacks), the first remaining one is
// suggested anyway, so NextTopic is nil only when the roadmap is finished.
func NextTopic(c *curriculum.Curriculum, p *Progress) *curriculum.Topic {
	var fallback *curriculum.Topic
	for _, step := range c.Steps {
		for _, t := range step.Topics {
			if p.TopicStatus(t.ID) == StatusDoing {
				return t
			}
		}
	}
	for _, step := range c.Steps {
		altDone := false
		for _, t := range step.Topics {
			if t.Optional && p.TopicStatus(t.ID) == StatusDone {
				altDone = true
			}
		}
		for _, t := range step.Topics {
			if p.TopicStatus(t.ID) != StatusTodo || t.Optional && altDone {
				continue
			}
			if fallback == nil {
				fallback = t
			}
			if requiresMet(t, p) {
				return t
			}
		}
	}
	return fallback
}

func requiresMet(t *curriculum.Topic, p *Progress) bool {
	for _, r := range t.Requires {
		if !p.TopicStatus(r).Finished() {
			return false
		}
	}
	return true
}

// Activity is the learner's rhythm: how regularly and how much they study,
// and when they will finish at that rate.
type Activity struct {
	// Streak is the number of consecutive days, ending today or, if nothing
	// happened yet today, yesterday, with study logged or a topic done. Not
	// breaking it before the day is over keeps it encouraging.
	Streak int
	// MinutesThisWeek sums the log for the ISO week (Monday to Sunday) that
	// holds now, in now's location.
	MinutesThisWeek int
	// MinutesPerDay is the learner's pace: logged minutes over the last 28
	// days, or since the first log entry when that is more recent, so that a
	// new learner's pace is not diluted by days before they started.
	MinutesPerDay float64
	// PaceDays is how many days MinutesPerDay is taken over (0: no log).
	PaceDays int
	// ETA is the day the counted topics' remaining hours run out at the
	// learner's pace (today once nothing remains); ETAKnown is false when
	// there is no pace yet.
	ETA      time.Time
	ETAKnown bool
	// SuggestedETA is the same at SuggestedHoursPerDay, for comparison.
	SuggestedETA time.Time
}

// Stats works out a learner's Activity as of now. Days are calendar days in
// now's location; log days are taken as written.
func Stats(c *curriculum.Curriculum, p *Progress, now time.Time) Activity {
	var a Activity
	loc := now.Location()
	today := civil(now)
	key := func(t time.Time) string { return t.Format(dayLayout) }

	minutes := make(map[string]int)
	active := make(map[string]bool)
	first := ""
	for _, e := range p.Log {
		if e.Minutes <= 0 {
			continue
		}
		minutes[e.Day] += e.Minutes
		active[e.Day] = true
		if first == "" || e.Day < first {
			first = e.Day
		}
	}
	for _, st := range p.Topics {
		if st.Status == StatusDone && !st.At.IsZero() {
			active[key(st.At.In(loc))] = true
		}
	}

	d := today
	if !active[key(d)] {
		d = d.AddDate(0, 0, -1)
	}
	for active[key(d)] {
		a.Streak++
		d = d.AddDate(0, 0, -1)
	}

	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	for i := range 7 {
		a.MinutesThisWeek += minutes[key(monday.AddDate(0, 0, i))]
	}

	if first != "" {
		days := pacePeriod
		if f, err := time.ParseInLocation(dayLayout, first, loc); err == nil {
			since := int(math.Round(today.Sub(civil(f)).Hours()/24)) + 1
			days = min(max(since, 1), pacePeriod)
		}
		sum := 0
		for i := range days {
			sum += minutes[key(today.AddDate(0, 0, -i))]
		}
		a.MinutesPerDay, a.PaceDays = float64(sum)/float64(days), days
	}

	s := Summarize(c, p)
	remaining := max(s.HoursTotal-s.HoursDone, 0)
	midnight := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, loc)
	after := func(perDayHours float64) time.Time {
		if remaining == 0 {
			return midnight
		}
		return midnight.AddDate(0, 0, int(math.Ceil(remaining/perDayHours)))
	}
	a.SuggestedETA = after(SuggestedHoursPerDay)
	if a.MinutesPerDay > 0 || remaining == 0 {
		a.ETA, a.ETAKnown = after(a.MinutesPerDay/60), true
	}
	return a
}

// civil returns noon on t's calendar day: adding days to noon never
// crosses a day boundary, whatever daylight-saving time does.
func civil(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, t.Location())
}
