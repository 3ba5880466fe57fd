package classroom

import (
	"fmt"
	"strings"
	"time"
)

// gradebookHeader is the gradebook's columns: progress, then one per
// project, then the latest commit and check, the flags and the problems.
func (r *Report) gradebookHeader() []string {
	h := []string{"learner", "id", "topics", "quizzes"}
	h = append(h, r.Projects...)
	return append(h, "last commit", "last check", "flag", "problem")
}

func (r *Report) gradebookCells(row Row) []string {
	g := row.Grades
	if g == nil {
		g = &Grades{}
	}
	cells := []string{row.Learner, row.ID}
	if row.Error != "" {
		cells = append(cells, "-", "-")
	} else {
		cells = append(cells, fmt.Sprintf("%d/%d", g.TopicsDone, g.Topics), fmt.Sprintf("%d/%d", g.QuizzesPassed, g.Quizzes))
	}
	var problems []string
	if row.Error != "" {
		problems = append(problems, "progress: "+row.Error)
	}
	var lastCommit, lastCheck *time.Time
	commit := ""
	for _, p := range r.Projects {
		pg := g.project(p)
		if pg == nil {
			cells = append(cells, "-")
			continue
		}
		cells = append(cells, pg.cell())
		if pg.Reason != "" {
			problems = append(problems, p+": "+pg.Reason)
		}
		if pg.CommitTime != nil && (lastCommit == nil || pg.CommitTime.After(*lastCommit)) {
			lastCommit, commit = pg.CommitTime, pg.Commit
		}
		if pg.Checked != nil && (lastCheck == nil || pg.Checked.After(*lastCheck)) {
			lastCheck = pg.Checked
		}
	}
	lc, lk := "-", "-"
	if lastCommit != nil {
		lc = shortCommit(commit) + " " + lastCommit.Format("2006-01-02")
	}
	if lastCheck != nil {
		lk = lastCheck.UTC().Format("2006-01-02 15:04")
	}
	flag := "-"
	if len(g.Flags) > 0 {
		flag = "! " + strings.Join(g.Flags, "; ")
	}
	return append(cells, lc, lk, flag, orDash(strings.Join(problems, "; ")))
}

func (g *Grades) project(id string) *ProjectGrade {
	for _, p := range g.Projects {
		if p.Project == id {
			return p
		}
	}
	return nil
}

// cell is a project's gradebook cell: verified milestones and the status.
func (pg *ProjectGrade) cell() string {
	if pg.Status == StatusNotChecked {
		return StatusNotChecked
	}
	return fmt.Sprintf("%d/%d %s", len(pg.Verified), pg.Of, pg.Status)
}

func shortCommit(c string) string {
	c = strings.TrimPrefix(c, "files:")
	if len(c) > 10 {
		return c[:10]
	}
	return c
}
