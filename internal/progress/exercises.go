package progress

import (
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// ExerciseState is a learner's record of one exercise: how many of its
// hints they have seen and, once their own work passed its checks, when,
// with which stack and against which checks (their sha256, as for project
// milestones). An exercise only looked at through its hints has Hints
// alone.
type ExerciseState struct {
	Passed       time.Time `yaml:"passed,omitempty"`
	ChecksSHA256 string    `yaml:"checks_sha256,omitempty"`
	Stack        string    `yaml:"stack,omitempty"`
	Hints        int       `yaml:"hints,omitempty"`
}

// Settings are the learner's choices about what waymark records for them.
// They live in the progress file, beside what they govern, so that they
// travel with it (learners commit it). A nil field means the default.
type Settings struct {
	// ExercisesFinishTopics marks a topic done when every exercise of the
	// topic has passed; on unless set to false.
	ExercisesFinishTopics *bool `yaml:"exercises_finish_topics,omitempty"`
}

// FinishesTopics reports whether passing a topic's exercises marks the
// topic done (the default).
func (p *Progress) FinishesTopics() bool {
	return p.Settings == nil || p.Settings.ExercisesFinishTopics == nil || *p.Settings.ExercisesFinishTopics
}

// ExercisePassed reports whether the learner's own work passed exercise id.
func (p *Progress) ExercisePassed(id string) bool { return !p.Exercises[id].Passed.IsZero() }

// RecordExercise records that the learner's own work passed exercise id's
// checks; the caller has made sure it is theirs (not a reference's). The
// first pass time is kept; the stack and the checks hash follow the latest
// run.
func (p *Progress) RecordExercise(id, stack, checksSHA string, now time.Time) {
	if p.Exercises == nil {
		p.Exercises = make(map[string]ExerciseState)
	}
	e := p.Exercises[id]
	if e.Passed.IsZero() {
		e.Passed = stamp(now)
	}
	e.Stack, e.ChecksSHA256 = stack, checksSHA
	p.Exercises[id] = e
}

// PassExercise records the learner's pass of ex (as RecordExercise) and,
// when the learner's settings allow it and every exercise of ex's topic has
// now passed, marks the topic done. It returns the topic it marked, "" when
// it marked none (the topic was done already, or has exercises left).
func (p *Progress) PassExercise(c *curriculum.Curriculum, ex *curriculum.Exercise, stack, checksSHA string, now time.Time) string {
	p.RecordExercise(ex.ID, stack, checksSHA, now)
	if !p.FinishesTopics() || p.TopicStatus(ex.Topic) == StatusDone || c.Topic(ex.Topic) == nil {
		return ""
	}
	for _, other := range c.TopicExercises(ex.Topic) {
		if !p.ExercisePassed(other.ID) {
			return ""
		}
	}
	p.SetTopic(ex.Topic, StatusDone, now)
	return ex.Topic
}

// NextHint counts one more of exercise id's hints as seen, up to total, and
// returns how many the learner has now seen.
func (p *Progress) NextHint(id string, total int) int {
	if p.Exercises == nil {
		p.Exercises = make(map[string]ExerciseState)
	}
	e := p.Exercises[id]
	e.Hints = min(e.Hints+1, total)
	p.Exercises[id] = e
	return e.Hints
}

// SeeAllHints counts all total hints of exercise id as seen.
func (p *Progress) SeeAllHints(id string, total int) {
	if p.Exercises == nil {
		p.Exercises = make(map[string]ExerciseState)
	}
	e := p.Exercises[id]
	e.Hints = max(e.Hints, total)
	p.Exercises[id] = e
}

// PassedExercises counts the exercises of c the learner has passed.
func (p *Progress) PassedExercises(c *curriculum.Curriculum) int {
	n := 0
	for _, e := range c.Exercises() {
		if p.ExercisePassed(e.ID) {
			n++
		}
	}
	return n
}
