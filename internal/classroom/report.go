package classroom

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
)

// Report is a class roster against one curriculum.
type Report struct {
	Curriculum string   `json:"curriculum"`
	Steps      []string `json:"steps"` // step ids, the per-step columns
	Rows       []Row    `json:"learners"`
	// Gradebook is set for a roster's report, whose rows carry Grades and
	// whose Projects are the projects checked, in roster order.
	Gradebook bool     `json:"gradebook,omitempty"`
	Projects  []string `json:"projects,omitempty"`
	// Written dates the HTML report; zero leaves the date out.
	Written time.Time `json:"-"`
	// ProjectMilestones are each project's milestones in order.
	ProjectMilestones map[string][]string `json:"project_milestones,omitempty"`
}

// Row is one learner.
type Row struct {
	ID      string             `json:"id,omitempty"` // the roster's id for the learner
	Learner string             `json:"learner"`
	Email   string             `json:"email,omitempty"`
	Source  string             `json:"source"`
	Overall float64            `json:"overall_percent"`
	Steps   map[string]float64 `json:"steps_percent"`
	Quizzes []Quiz             `json:"quizzes"`
	// Milestones is every verified milestone, as "project/milestone".
	Milestones []string `json:"verified_milestones"`
	// Exercises is every exercise the learner's own work passed, by id.
	Exercises    []string   `json:"exercises_passed"`
	LastActivity *time.Time `json:"last_activity"`
	// Note flags a learner whose progress is for another curriculum.
	Note   string  `json:"note,omitempty"`
	Error  string  `json:"error,omitempty"`
	Grades *Grades `json:"gradebook,omitempty"`
}

// Quiz is a learner's best result on one step's quiz.
type Quiz struct {
	Step   string `json:"step"`
	Best   int    `json:"best"`
	Of     int    `json:"of"`
	Passed bool   `json:"passed"`
}

// Build makes the report of records against c. Rows are sorted by learner
// name, then source; unreadable records stay in, with their error.
func Build(c *curriculum.Curriculum, records []Record) *Report {
	r := &Report{Curriculum: c.ID}
	for _, s := range c.Steps {
		r.Steps = append(r.Steps, s.ID)
	}
	for _, rec := range records {
		row := Row{ID: rec.ID, Learner: rec.Learner.Name, Email: rec.Learner.Email, Source: rec.Source,
			Steps: map[string]float64{}, Quizzes: []Quiz{}, Milestones: []string{}, Exercises: []string{}}
		if rec.Err != nil {
			row.Error = rec.Err.Error()
			r.Rows = append(r.Rows, row)
			continue
		}
		p := rec.Progress
		sum := progress.Summarize(c, p)
		row.Overall = round1(sum.Percent)
		for _, s := range sum.Steps {
			row.Steps[s.StepID] = round1(s.Percent)
		}
		for _, id := range slices.Sorted(maps.Keys(p.Quizzes)) {
			q := p.Quizzes[id]
			row.Quizzes = append(row.Quizzes, Quiz{Step: id, Best: q.Best, Of: q.Of, Passed: q.Passed})
		}
		for _, pid := range slices.Sorted(maps.Keys(p.Projects)) {
			for _, m := range slices.Sorted(maps.Keys(p.Verified(pid))) {
				row.Milestones = append(row.Milestones, pid+"/"+m)
			}
		}
		for _, id := range slices.Sorted(maps.Keys(p.Exercises)) {
			if p.ExercisePassed(id) {
				row.Exercises = append(row.Exercises, id)
			}
		}
		if t := lastActivity(p); !t.IsZero() {
			row.LastActivity = &t
		}
		if p.Curriculum != "" && p.Curriculum != c.ID {
			row.Note = fmt.Sprintf("progress is for curriculum %q", p.Curriculum)
		}
		r.Rows = append(r.Rows, row)
	}
	slices.SortStableFunc(r.Rows, func(a, b Row) int {
		if c := strings.Compare(strings.ToLower(a.Learner), strings.ToLower(b.Learner)); c != 0 {
			return c
		}
		return strings.Compare(a.Source, b.Source)
	})
	return r
}

// lastActivity is the latest time anything in p happened.
func lastActivity(p *progress.Progress) time.Time {
	var last time.Time
	see := func(t time.Time) {
		if t.After(last) {
			last = t
		}
	}
	for _, t := range p.Topics {
		see(t.At)
	}
	for _, q := range p.Quizzes {
		see(q.At)
	}
	for id := range p.Projects {
		for _, m := range p.Verified(id) {
			see(m.Passed)
		}
	}
	for _, e := range p.Exercises {
		see(e.Passed)
	}
	for _, l := range p.Log {
		if d, err := time.Parse("2006-01-02", l.Day); err == nil {
			see(d)
		}
	}
	return last.UTC()
}

func round1(f float64) float64 {
	return float64(int64(f*10+0.5)) / 10
}

// Formats are the report's output forms.
var Formats = []string{"table", "csv", "json", "md", "html"}

// Write prints the report in format.
func (r *Report) Write(w io.Writer, format string) error {
	header, cells := r.header, r.cells
	if r.Gradebook {
		header, cells = r.gradebookHeader, r.gradebookCells
	}
	switch format {
	case "html":
		return r.WriteHTML(w)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "csv":
		cw := csv.NewWriter(w)
		_ = cw.Write(header())
		for _, row := range r.Rows {
			_ = cw.Write(cells(row))
		}
		cw.Flush()
		return cw.Error()
	case "md":
		h := header()
		fmt.Fprintf(w, "| %s |\n", strings.Join(h, " | "))
		fmt.Fprintf(w, "|%s\n", strings.Repeat(" --- |", len(h)))
		for _, row := range r.Rows {
			cs := cells(row)
			for i, c := range cs {
				cs[i] = strings.ReplaceAll(c, "|", `\|`)
			}
			fmt.Fprintf(w, "| %s |\n", strings.Join(cs, " | "))
		}
		return nil
	case "table", "":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(header(), "\t"))
		for _, row := range r.Rows {
			fmt.Fprintln(tw, strings.Join(cells(row), "\t"))
		}
		return tw.Flush()
	}
	return fmt.Errorf("unknown format %q (use one of: %s)", format, strings.Join(Formats, ", "))
}

func (r *Report) header() []string {
	h := []string{"learner", "email", "overall"}
	h = append(h, r.Steps...)
	return append(h, "quizzes", "milestones", "exercises", "last activity", "problem")
}

func (r *Report) cells(row Row) []string {
	cells := []string{row.Learner, row.Email}
	if row.Error != "" {
		cells = append(cells, "-")
		for range r.Steps {
			cells = append(cells, "-")
		}
		return append(cells, "-", "-", "-", "-", row.Error)
	}
	cells = append(cells, pct(row.Overall))
	for _, s := range r.Steps {
		cells = append(cells, pct(row.Steps[s]))
	}
	var qs []string
	for _, q := range row.Quizzes {
		mark := ""
		if q.Passed {
			mark = " passed"
		}
		qs = append(qs, fmt.Sprintf("%s %d/%d%s", q.Step, q.Best, q.Of, mark))
	}
	last := "-"
	if row.LastActivity != nil {
		last = row.LastActivity.Format("2006-01-02")
	}
	return append(cells, orDash(strings.Join(qs, "; ")), orDash(strings.Join(row.Milestones, " ")),
		orDash(strings.Join(row.Exercises, " ")), last, row.Note)
}

func pct(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) + "%" }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
