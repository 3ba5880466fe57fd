package check

import "time"

// Status is the outcome of a step, a milestone or a whole run.
type Status string

// Outcomes.
const (
	Passed  Status = "passed"
	Failed  Status = "failed"
	Skipped Status = "skipped" // could not run here (an environment variable, attach mode); never counts as passed
	NotRun  Status = "not run" // an earlier step or milestone failed
)

// StepResult is what one step did.
type StepResult struct {
	Name     string        `json:"name"`
	Kind     string        `json:"kind"`
	Status   Status        `json:"status"`
	Duration time.Duration `json:"-"`
	Millis   int64         `json:"duration_ms"`
	Hint     string        `json:"hint,omitempty"`
	// Message is the failure (or skip) in one line; Diagnosis explains it.
	Message   string   `json:"message,omitempty"`
	Diagnosis string   `json:"diagnosis,omitempty"`
	Expected  string   `json:"expected,omitempty"`
	Got       string   `json:"got,omitempty"`
	Curl      string   `json:"curl,omitempty"`
	Frames    []string `json:"frames,omitempty"` // WebSocket frames sent and received
	Body      string   `json:"body,omitempty"`   // trimmed, pretty
	Output    string   `json:"output,omitempty"` // exec: the command's last output
	Vars      []Var    `json:"vars,omitempty"`
	Missing   []Var    `json:"missing,omitempty"`
	Rand      []Var    `json:"rand,omitempty"`
	Log       []string `json:"log,omitempty"` // the server's last lines
	// Load is what a load step measured, passed or failed.
	Load *LoadResult `json:"load,omitempty"`
}

// MilestoneResult is what one milestone's checks did.
type MilestoneResult struct {
	ID       string        `json:"id"`
	Title    string        `json:"title,omitempty"`
	Hint     string        `json:"hint,omitempty"`
	Status   Status        `json:"status"`
	Message  string        `json:"message,omitempty"`
	SHA256   string        `json:"checks_sha256,omitempty"`
	Duration time.Duration `json:"-"`
	Millis   int64         `json:"duration_ms"`
	Steps    []*StepResult `json:"steps"`
}

// Report is a whole run, and the --json results document.
type Report struct {
	Version    int                `json:"version"`
	Project    string             `json:"project"`
	Mode       string             `json:"mode"` // start or attach
	URLs       []string           `json:"urls"`
	Seed       int64              `json:"seed"`
	Status     Status             `json:"status"`
	Message    string             `json:"message,omitempty"`
	Millis     int64              `json:"duration_ms"`
	Milestones []*MilestoneResult `json:"milestones"`
	Duration   time.Duration      `json:"-"`
}

// Passed lists the milestones that passed.
func (r *Report) Passed() []*MilestoneResult {
	var out []*MilestoneResult
	for _, m := range r.Milestones {
		if m.Status == Passed {
			out = append(out, m)
		}
	}
	return out
}

// Observer follows a run as it happens (the text report, a spinner).
type Observer interface {
	MilestoneStarted(m *MilestoneResult)
	StepStarted(m *MilestoneResult, name string)
	StepFinished(m *MilestoneResult, s *StepResult)
	MilestoneFinished(m *MilestoneResult)
}

type nopObserver struct{}

func (nopObserver) MilestoneStarted(*MilestoneResult)          {}
func (nopObserver) StepStarted(*MilestoneResult, string)       {}
func (nopObserver) StepFinished(*MilestoneResult, *StepResult) {}
func (nopObserver) MilestoneFinished(*MilestoneResult)         {}
