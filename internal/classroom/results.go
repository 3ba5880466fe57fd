package classroom

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/atomicfile"
	"github.com/waymark-dev/waymark/internal/check"
)

// ResultsKind marks a class results document.
const ResultsKind = "waymark-class-results"

// Outcomes of checking one learner's project.
const (
	StatusPassed      = "passed"      // every milestone checked passed
	StatusFailing     = "failing"     // a milestone's checks failed
	StatusNoBuild     = "no-build"    // the code does not compile
	StatusNoStart     = "no-start"    // the server exited or never answered its health path
	StatusTimeout     = "timeout"     // the build or the server outlived the wall-clock limit
	StatusUnreachable = "unreachable" // the repository could not be fetched
	StatusError       = "error"       // anything else (an export, a missing tool)
)

// Result is how one learner's project fared.
type Result struct {
	Learner string `json:"learner"`
	Name    string `json:"name,omitempty"`
	Project string `json:"project"`
	Stack   string `json:"stack"`
	Source  string `json:"source"`
	Commit  string `json:"commit,omitempty"`
	// CommitTime and Subject describe the commit checked.
	CommitTime *time.Time `json:"commit_time,omitempty"`
	Subject    string     `json:"commit_subject,omitempty"`
	Status     string     `json:"status"`
	Reason     string     `json:"reason,omitempty"`
	// Passed lists the milestones whose checks passed, in order; Of is how
	// many were checked.
	Passed  []string      `json:"passed_milestones"`
	Of      int           `json:"milestones_checked"`
	Checked time.Time     `json:"checked_at"`
	Millis  int64         `json:"duration_ms"`
	Cached  bool          `json:"cached"`
	Sandbox bool          `json:"sandboxed"`
	Log     []string      `json:"log,omitempty"` // the server's last lines when it did not start
	Report  *check.Report `json:"report,omitempty"`
}

// Key names a result in a set: learner and project.
func (r *Result) Key() string { return r.Learner + "/" + r.Project }

// Failing returns the first failing milestone and step of the report, or
// nils.
func (r *Result) Failing() (*check.MilestoneResult, *check.StepResult) {
	if r.Report == nil {
		return nil, nil
	}
	for _, m := range r.Report.Milestones {
		if m.Status == check.Failed {
			for _, s := range m.Steps {
				if s.Status == check.Failed {
					return m, s
				}
			}
			return m, nil
		}
	}
	return nil, nil
}

// Results is a class results document: what `class check --json` writes and
// `class report --results` reads.
type Results struct {
	Format     int       `json:"format"`
	Kind       string    `json:"kind"`
	Curriculum string    `json:"curriculum"`
	Checked    time.Time `json:"checked_at"`
	Results    []*Result `json:"results"`
}

// NewResults returns an empty document.
func NewResults(curriculum string, now time.Time) *Results {
	return &Results{Format: 1, Kind: ResultsKind, Curriculum: curriculum, Checked: now.UTC().Truncate(time.Second), Results: []*Result{}}
}

// Write prints the document as indented JSON.
func (rs *Results) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rs)
}

// Merge adds the results of other, replacing older results for the same
// learner and project.
func (rs *Results) Merge(other []*Result) {
	for _, r := range other {
		i := slices.IndexFunc(rs.Results, func(x *Result) bool { return x.Key() == r.Key() })
		switch {
		case i < 0:
			rs.Results = append(rs.Results, r)
		case !r.Checked.Before(rs.Results[i].Checked):
			rs.Results[i] = r
		}
	}
	slices.SortFunc(rs.Results, func(a, b *Result) int { return strings.Compare(a.Key(), b.Key()) })
}

// Find returns the result for learner and project, or nil.
func (rs *Results) Find(learner, project string) *Result {
	for _, r := range rs.Results {
		if r.Learner == learner && r.Project == project {
			return r
		}
	}
	return nil
}

// ReadResults reads a results document.
func ReadResults(file string) (*Results, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var rs Results
	if err := json.Unmarshal(data, &rs); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if rs.Kind != ResultsKind {
		return nil, fmt.Errorf("%s is not a class results document (kind %q)", file, rs.Kind)
	}
	return &rs, nil
}

// SaveResults writes rs to file atomically.
func SaveResults(file string, rs *Results) error {
	data, err := json.MarshalIndent(rs, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return atomicfile.Write(file, append(data, '\n'))
}

// ReadResultsDir merges every *.json under dir (CI artifacts, folders
// included): class results documents, and bare `waymark check --json`
// reports named <learner>/<project>.json or <learner>--<project>.json.
func ReadResultsDir(dir, curriculum string, now time.Time) (*Results, error) {
	out := NewResults(curriculum, now)
	var bad []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || filepath.Ext(p) != ".json" {
			return nil
		}
		if rs, err := ReadResults(p); err == nil {
			out.Merge(rs.Results)
			return nil
		}
		if r, err := readBareReport(dir, p); err == nil {
			out.Merge([]*Result{r})
			return nil
		}
		bad = append(bad, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		return out, fmt.Errorf("not results documents: %s", strings.Join(bad, ", "))
	}
	return out, nil
}

// readBareReport reads a `waymark check --json` report and names it by its
// path: <learner>/<project>.json or <learner>--<project>.json.
func readBareReport(dir, p string) (*Result, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var rep check.Report
	if err := json.Unmarshal(data, &rep); err != nil || rep.Version == 0 || rep.Project == "" {
		return nil, errors.New("not a check report")
	}
	rel, _ := filepath.Rel(dir, p)
	name := strings.TrimSuffix(filepath.ToSlash(rel), ".json")
	learner, project, ok := strings.Cut(name, "--")
	if !ok {
		learner, project = filepath.ToSlash(filepath.Dir(name)), filepath.Base(name)
	}
	learner = filepath.Base(learner)
	if project != rep.Project || !idRE.MatchString(learner) {
		return nil, errors.New("the file's name does not say whose report it is")
	}
	info, _ := os.Stat(p)
	r := &Result{Learner: learner, Project: rep.Project, Source: rel, Report: &rep, Checked: info.ModTime().UTC()}
	classify(r, &rep)
	return r, nil
}
