// Package progress keeps the learner's progress: which topics are done, quiz
// results and the spaced-review schedule of their questions, project
// milestones and a study log. It lives in one versioned YAML
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
//
// Format 2 keeps a list of folders per project (format 1 kept one, so a
// second folder replaced the first and its verified milestones).
const Format = 2

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
	// Review is the spaced-review schedule of quiz questions, keyed by
	// step id and a hash of the question text (see ReviewCard).
	Review   map[string]ReviewCard `yaml:"review,omitempty"`
	Projects map[string]Folders    `yaml:"projects,omitempty"`
	// Exercises are the exercises the learner passed or asked hints of.
	Exercises map[string]ExerciseState `yaml:"exercises,omitempty"`
	Log       []LogEntry               `yaml:"log,omitempty"`
	// Settings are the learner's choices; nil means every default.
	Settings *Settings `yaml:"settings,omitempty"`
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

// Folders are the folders one project was scaffolded into, oldest first:
// the learner's own attempts and any reference solutions beside them.
type Folders []*Project

// Project is one folder a practice project was scaffolded into (or, with an
// empty Dir, a server the learner checked at a URL) and the milestones whose
// checks its own code has passed.
type Project struct {
	Dir   string `yaml:"dir"`
	Stack string `yaml:"stack"`
	// Mode is how it was made: starter, through:<milestone> or solution.
	// Empty means waymark did not make it (checked at a URL).
	Mode       string               `yaml:"mode,omitempty"`
	Created    time.Time            `yaml:"created"`
	Milestones map[string]Milestone `yaml:"milestones,omitempty"`
}

// ModeSolution is the Mode of a reference solution.
const ModeSolution = "solution"

// Reference reports whether the folder holds the reference solution: the
// results of checking it are never the learner's work.
func (pr *Project) Reference() bool { return pr.Mode == ModeSolution }

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

// MinutesPerDay is the most study time one day can hold.
const MinutesPerDay = 24 * 60

// MinutesOn is the study time logged for day (YYYY-MM-DD).
func (p *Progress) MinutesOn(day string) int {
	n := 0
	for _, e := range p.Log {
		if e.Day == day {
			n += e.Minutes
		}
	}
	return n
}

// AddLog appends study time for the calendar day of day, in day's own
// location. Entries are appended rather than merged so that each session's
// note survives.
func (p *Progress) AddLog(day time.Time, minutes int, note string) {
	p.Log = append(p.Log, LogEntry{Day: day.Format(dayLayout), Minutes: minutes, Note: note})
}

// RecordProject records a project scaffolded into dir. A folder recorded
// before keeps its verified milestones (they were earned there); a new
// folder is added beside the others, which keep theirs.
func (p *Progress) RecordProject(project, dir, stack, mode string, now time.Time) {
	if pr := p.Folder(project, dir); pr != nil {
		pr.Stack, pr.Mode, pr.Created = stack, mode, stamp(now)
		return
	}
	if p.Projects == nil {
		p.Projects = make(map[string]Folders)
	}
	p.Projects[project] = append(p.Projects[project], &Project{Dir: dir, Stack: stack, Mode: mode, Created: stamp(now)})
}

// Folder returns the record of project in dir, nil when there is none.
func (p *Progress) Folder(project, dir string) *Project {
	for _, pr := range p.Projects[project] {
		if pr != nil && pr.Dir == dir {
			return pr
		}
	}
	return nil
}

// RecordMilestone records that the code in dir passed a project milestone's
// checks; the caller has made sure that the milestone is the learner's own
// work (not a reference's). The first pass time is kept (it is the
// learner's achievement), while the checks hash follows the latest run. A
// folder that was never recorded is added.
func (p *Progress) RecordMilestone(project, dir, milestone, checksSHA string, now time.Time) {
	pr := p.Folder(project, dir)
	if pr == nil {
		if p.Projects == nil {
			p.Projects = make(map[string]Folders)
		}
		pr = &Project{Dir: dir, Created: stamp(now)}
		p.Projects[project] = append(p.Projects[project], pr)
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

// Verified returns the milestones of project that the learner's own code
// has passed, in any of its folders: the earliest pass of each, with that
// pass's checks hash. Reference folders never count.
func (p *Progress) Verified(project string) map[string]Milestone {
	var out map[string]Milestone
	for _, pr := range p.Projects[project] {
		if pr == nil || pr.Reference() {
			continue
		}
		for id, m := range pr.Milestones {
			if old, ok := out[id]; !ok || m.Passed.Before(old.Passed) {
				if out == nil {
					out = make(map[string]Milestone)
				}
				out[id] = m
			}
		}
	}
	return out
}

// Yours returns the learner's latest folder of project (not a reference),
// nil when there is none.
func (p *Progress) Yours(project string) *Project {
	var last *Project
	for _, pr := range p.Projects[project] {
		if pr != nil && !pr.Reference() && (last == nil || !pr.Created.Before(last.Created)) {
			last = pr
		}
	}
	return last
}

// References returns the reference-solution folders of project.
func (p *Progress) References(project string) []*Project {
	var out []*Project
	for _, pr := range p.Projects[project] {
		if pr != nil && pr.Reference() {
			out = append(out, pr)
		}
	}
	return out
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
