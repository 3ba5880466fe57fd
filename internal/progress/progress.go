// Package progress keeps the learner's progress: which topics are done, quiz
// results, project milestones and a study log. It lives in one versioned YAML
// file that learners may edit by hand and commit, so the package decodes it
// strictly (every problem names a line), never overwrites a file it cannot
// read, saves atomically under a cross-process lock, and migrates older
// formats with a backup of the original.
package progress

import (
	"slices"
	"time"
)

// Format is the progress file format this version of waymark writes. Files
// with a lower format are migrated on load; higher ones are refused.
const Format = 1

// Status is where a learner stands on one topic.
type Status string

// The statuses a topic may have. Todo is never stored: an absent topic is
// todo, which keeps the file short and the diffs small.
const (
	StatusTodo    Status = "todo"
	StatusDoing   Status = "doing"
	StatusDone    Status = "done"
	StatusSkipped Status = "skipped"
)

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	switch s {
	case StatusTodo, StatusDoing, StatusDone, StatusSkipped:
		return true
	}
	return false
}

// Finished reports whether s ends the topic: skipped topics count as finished
// so that a learner who already knows something is not held back by it.
func (s Status) Finished() bool { return s == StatusDone || s == StatusSkipped }

// Progress is the whole progress file.
type Progress struct {
	Format     int                   `yaml:"format"`
	Curriculum string                `yaml:"curriculum"`
	Topics     map[string]TopicState `yaml:"topics,omitempty"`
	Quizzes    map[string]QuizResult `yaml:"quizzes,omitempty"`
	Projects   map[string]*Project   `yaml:"projects,omitempty"`
	Log        []LogEntry            `yaml:"log,omitempty"`
}

// TopicState is the status of one topic and when it last changed. At is
// zero for topics migrated from format 0, which did not record times.
type TopicState struct {
	Status Status    `yaml:"status"`
	At     time.Time `yaml:"at,omitempty"`
}

// QuizResult is a step's quiz history: the best score, whether any attempt
// passed, how many attempts were made and when the latest one was.
type QuizResult struct {
	Best     int       `yaml:"best"`
	Of       int       `yaml:"of"`
	Passed   bool      `yaml:"passed"`
	Attempts int       `yaml:"attempts"`
	At       time.Time `yaml:"at"`
}

// Project is a practice project the learner scaffolded and the milestones
// whose checks it has passed.
type Project struct {
	Dir        string               `yaml:"dir"`
	Stack      string               `yaml:"stack"`
	Mode       string               `yaml:"mode,omitempty"`
	Created    time.Time            `yaml:"created"`
	Milestones map[string]Milestone `yaml:"milestones,omitempty"`
}

// Milestone records when a project milestone's checks passed, and a hash of
// the checks, so that a later, stricter version of the checks can be told
// apart from the one the learner passed.
type Milestone struct {
	Passed       time.Time `yaml:"passed"`
	ChecksSHA256 string    `yaml:"checks_sha256"`
}

// LogEntry is time spent studying on one calendar day. Day is a plain
// YYYY-MM-DD string rather than a time so that it means the learner's own
// day, whatever time zone the file is read in later.
type LogEntry struct {
	Day     string `yaml:"day"`
	Minutes int    `yaml:"minutes"`
	Note    string `yaml:"note,omitempty"`
}

// dayLayout is the layout of LogEntry.Day.
const dayLayout = "2006-01-02"

// New returns empty progress on the given curriculum, in the current format.
func New(curriculumID string) *Progress {
	return &Progress{Format: Format, Curriculum: curriculumID}
}

// stamp trims now to whole seconds in UTC: sub-second digits and local
// offsets only make the file noisier to read and to diff.
func stamp(now time.Time) time.Time { return now.UTC().Truncate(time.Second) }

// SetTopic sets a topic's status. StatusTodo deletes the entry, since an
// absent topic is todo.
func (p *Progress) SetTopic(id string, s Status, now time.Time) {
	if s == StatusTodo {
		delete(p.Topics, id)
		return
	}
	if p.Topics == nil {
		p.Topics = make(map[string]TopicState)
	}
	p.Topics[id] = TopicState{Status: s, At: stamp(now)}
}

// TopicStatus returns a topic's status, StatusTodo when it has none.
func (p *Progress) TopicStatus(id string) Status {
	if st, ok := p.Topics[id]; ok && st.Status != "" {
		return st.Status
	}
	return StatusTodo
}

// RecordQuiz records one attempt at a step's quiz. It keeps the best score
// (a worse retry must not undo earlier work), stays passed once passed, and
// counts attempts; At is the time of the latest attempt.
func (p *Progress) RecordQuiz(step string, score, of int, passed bool, now time.Time) {
	if p.Quizzes == nil {
		p.Quizzes = make(map[string]QuizResult)
	}
	q := p.Quizzes[step]
	// Compare as fractions: the quiz may have gained questions since.
	if q.Attempts == 0 || score*max(q.Of, 1) > q.Best*max(of, 1) {
		q.Best, q.Of = score, of
	}
	q.Passed = q.Passed || passed
	q.Attempts++
	q.At = stamp(now)
	p.Quizzes[step] = q
}

// AddLog appends study time for the calendar day of day, in day's own
// location. Entries are appended rather than merged so that each session's
// note survives.
func (p *Progress) AddLog(day time.Time, minutes int, note string) {
	p.Log = append(p.Log, LogEntry{Day: day.Format(dayLayout), Minutes: minutes, Note: note})
}

// RecordProject records a project scaffolded into dir. Milestones verified
// for the same folder and stack are kept; a new folder or stack starts
// afresh, since its code has not been checked yet.
func (p *Progress) RecordProject(project, dir, stack, mode string, now time.Time) {
	if p.Projects == nil {
		p.Projects = make(map[string]*Project)
	}
	rec := &Project{Dir: dir, Stack: stack, Mode: mode, Created: stamp(now)}
	if old := p.Projects[project]; old != nil && old.Dir == dir && old.Stack == stack {
		rec.Milestones = old.Milestones
	}
	p.Projects[project] = rec
}

// RecordMilestone records that a project's milestone checks passed. The first
// pass time is kept (it is the learner's achievement), while the checks hash
// follows the latest run. A project that was never recorded is created.
func (p *Progress) RecordMilestone(project, milestone, checksSHA string, now time.Time) {
	if p.Projects == nil {
		p.Projects = make(map[string]*Project)
	}
	pr := p.Projects[project]
	if pr == nil {
		pr = &Project{Created: stamp(now)}
		p.Projects[project] = pr
	}
	if pr.Milestones == nil {
		pr.Milestones = make(map[string]Milestone)
	}
	m, ok := pr.Milestones[milestone]
	if !ok || m.Passed.IsZero() {
		m.Passed = stamp(now)
	}
	m.ChecksSHA256 = checksSHA
	pr.Milestones[milestone] = m
}

// Orphans returns, sorted, the topic ids in p that known does not accept.
// They are kept in the file (a curriculum update may rename a topic, and the
// learner's record must not vanish), and status reports them instead.
func (p *Progress) Orphans(known func(topicID string) bool) []string {
	var out []string
	for id := range p.Topics {
		if !known(id) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}
