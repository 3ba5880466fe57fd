package classroom

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/waymark-dev/waymark/internal/check"
)

//go:embed report.html.tmpl
var reportHTML string

// reportTemplate is parsed when first used, not at every command's start.
var reportTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"pct": func(n, of int) int {
			if of == 0 {
				return 0
			}
			return n * 100 / of
		},
		"short": shortCommit,
		"when": func(t *time.Time) string {
			if t == nil {
				return "-"
			}
			return t.UTC().Format("2006-01-02 15:04 UTC")
		},
		"failing": func(r *Result) []failure { return failures(r) },
	}).Parse(reportHTML))
})

// heatCell is one learner × milestone square of the heat map.
type heatCell struct {
	Project, Milestone string
	State              string // pass, fail, blocked, notrun, unchecked
	Claimed            bool   // self-reported but not verified
	Mark, Title        string
}

// failure is one failing check explained on a learner's page.
type failure struct {
	Milestone, Hint string
	Step            *check.StepResult
}

type htmlColumn struct{ Project, Milestone string }

type htmlRow struct {
	Row
	Cells    []heatCell
	Projects []*ProjectGrade // in the report's project order; nil where the learner has none
}

type htmlPage struct {
	Report    *Report
	Generated string
	Columns   []htmlColumn
	Rows      []htmlRow
}

// WriteHTML writes the report as one self-contained HTML file: a class
// overview with progress bars and a milestone heat map, and a page per
// learner (shown by its #learner-<id> anchor) explaining their failing
// checks. It loads nothing from the network.
func (r *Report) WriteHTML(w io.Writer) error {
	page := htmlPage{Report: r}
	if !r.Written.IsZero() {
		page.Generated = r.Written.UTC().Format("2006-01-02 15:04 UTC")
	}
	for _, p := range r.Projects {
		for _, m := range r.ProjectMilestones[p] {
			page.Columns = append(page.Columns, htmlColumn{p, m})
		}
	}
	for _, row := range r.Rows {
		hr := htmlRow{Row: row}
		for _, p := range r.Projects {
			var pg *ProjectGrade
			if row.Grades != nil {
				pg = row.Grades.project(p)
			}
			hr.Projects = append(hr.Projects, pg)
		}
		for _, col := range page.Columns {
			hr.Cells = append(hr.Cells, heat(row.Grades, col.Project, col.Milestone, r.ProjectMilestones[col.Project]))
		}
		page.Rows = append(page.Rows, hr)
	}
	if err := reportTemplate().Execute(w, page); err != nil {
		return fmt.Errorf("writing the HTML report: %w", err)
	}
	return nil
}

// heat is the state of one milestone of one learner's project.
func heat(g *Grades, project, milestone string, order []string) heatCell {
	c := heatCell{Project: project, Milestone: milestone, State: "unchecked", Mark: "·"}
	var pg *ProjectGrade
	if g != nil {
		pg = g.project(project)
	}
	if pg == nil {
		c.Title = project + "/" + milestone + ": not in the roster"
		return c
	}
	verified := slices.Contains(pg.Verified, milestone)
	c.Claimed = slices.Contains(pg.Claimed, milestone) && !verified && pg.Status != StatusNotChecked
	failedAt := ""
	if pg.Result != nil {
		if m, _ := pg.Result.Failing(); m != nil {
			failedAt = m.ID
		}
	}
	idx := slices.Index(order, milestone)
	switch {
	case verified:
		c.State, c.Mark = "pass", "✓"
	case pg.Status == StatusNotChecked:
	case milestone == failedAt:
		c.State, c.Mark = "fail", "✗"
	case pg.Status == StatusFailing || pg.Status == StatusPassed || idx >= pg.Of:
		c.State, c.Mark = "notrun", "–"
	default:
		c.State, c.Mark = "blocked", "!"
	}
	c.Title = fmt.Sprintf("%s/%s: %s", project, milestone, map[string]string{
		"pass": "verified", "fail": "fails", "notrun": "not reached", "blocked": pg.Status, "unchecked": "not checked"}[c.State])
	if c.Claimed {
		c.Title += " (self-reported as passed)"
	}
	return c
}

// failures are a result's failing checks, with their milestones' hints.
func failures(r *Result) []failure {
	var out []failure
	if r == nil || r.Report == nil {
		return nil
	}
	for _, m := range r.Report.Milestones {
		for _, s := range m.Steps {
			if s.Status == check.Failed {
				out = append(out, failure{Milestone: m.ID, Hint: m.Hint, Step: s})
			}
		}
	}
	return out
}
