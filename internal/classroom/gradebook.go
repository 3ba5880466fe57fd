package classroom

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// Grades are a learner's gradebook entry: what they say they did (their
// progress file) beside what the class check verified.
type Grades struct {
	TopicsDone    int             `json:"topics_done"`
	Topics        int             `json:"topics"`
	QuizzesPassed int             `json:"quizzes_passed"`
	Quizzes       int             `json:"quizzes"`
	Projects      []*ProjectGrade `json:"projects"`
	// Flags are where self-reported progress and verified results
	// disagree.
	Flags []string `json:"flags"`
}

// ProjectGrade is one project of a learner's in the gradebook.
type ProjectGrade struct {
	Project  string   `json:"project"`
	Stack    string   `json:"stack"`
	Status   string   `json:"status"` // a Status*, or "not checked"
	Reason   string   `json:"reason,omitempty"`
	Verified []string `json:"verified_milestones"`
	Of       int      `json:"milestones"`
	// Claimed are the milestones the learner's progress file records as
	// passed by their own `waymark check`.
	Claimed    []string   `json:"self_reported_milestones"`
	Commit     string     `json:"commit,omitempty"`
	CommitTime *time.Time `json:"commit_time,omitempty"`
	Checked    *time.Time `json:"checked_at,omitempty"`
	Result     *Result    `json:"-"`
}

// StatusNotChecked is a project no class check has results for.
const StatusNotChecked = "not checked"

// Gradebook reads every roster learner's progress and joins it with rs (nil
// for none): one row per learner, with Grades. projects are the
// curriculum's, for their milestones; cacheDir keeps clones of progress
// repositories ("" for none).
func Gradebook(ctx context.Context, c *curriculum.Curriculum, projects map[string]*curriculum.Project, r *Roster, rs *Results, cacheDir string) *Report {
	records := make([]Record, len(r.Learners))
	fetcher := &Fetcher{Dir: filepath.Join(cacheDir, "repos")}
	if cacheDir == "" {
		tmp, err := os.MkdirTemp("", "waymark-class-repos-")
		if err == nil {
			defer os.RemoveAll(tmp)
		}
		fetcher.Dir = tmp
	}
	for i, m := range r.Learners {
		records[i] = readProgress(ctx, fetcher, r, m)
		records[i].Learner = Learner{Name: m.Name, Email: m.Email}
		records[i].ID = m.ID
	}
	rep := Build(c, records)
	rep.Gradebook = true
	for i := range rep.Rows {
		row := &rep.Rows[i]
		j := slices.IndexFunc(r.Learners, func(m *Member) bool { return m.ID == row.ID })
		row.Grades = grade(c, r.Learners[j], records[j], rs)
	}
	rep.ProjectMilestones = map[string][]string{}
	for _, m := range r.Learners {
		for _, p := range m.Projects {
			if slices.Contains(rep.Projects, p.Project) {
				continue
			}
			rep.Projects = append(rep.Projects, p.Project)
			rep.ProjectMilestones[p.Project] = []string{}
			if pr := projects[p.Project]; pr != nil {
				for _, ms := range pr.Milestones {
					rep.ProjectMilestones[p.Project] = append(rep.ProjectMilestones[p.Project], ms.ID)
				}
			}
		}
	}
	return rep
}

// progressWhere names a learner's progress source.
func progressWhere(r *Roster, m *Member) string {
	switch {
	case m.Progress == nil:
		return "(none)"
	case m.Progress.Git != "":
		return strings.TrimSuffix(m.Progress.Git+":"+m.Progress.Path, ":")
	}
	return r.Resolve(m.Progress.Path)
}

func readProgress(ctx context.Context, f *Fetcher, r *Roster, m *Member) Record {
	src := progressWhere(r, m)
	switch {
	case m.Progress == nil:
		return Record{Source: src, Err: errors.New("class.yaml names no progress source")}
	case m.Progress.Git == "":
		recs := gatherOne(ctx, src)
		rec := recs[0]
		rec.Source = src
		return rec
	}
	snap, err := f.Fetch(ctx, &Repo{Git: m.Progress.Git, Branch: m.Progress.Branch}, "")
	if err != nil {
		return Record{Source: src, Err: err}
	}
	tmp, err := os.MkdirTemp("", "waymark-progress-")
	if err != nil {
		return Record{Source: src, Err: err}
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "repo")
	if err := snap.Export(dir); err != nil {
		return Record{Source: src, Err: err}
	}
	rec := readKnown(dir, src, m.Name)
	if m.Progress.Path != "" {
		rec = ReadFile(filepath.Join(dir, filepath.FromSlash(m.Progress.Path)), m.Name)
	}
	rec.Source = src
	return rec
}

func grade(c *curriculum.Curriculum, m *Member, rec Record, rs *Results) *Grades {
	g := &Grades{Projects: []*ProjectGrade{}, Flags: []string{}}
	for _, t := range c.Topics() {
		g.Topics++
		if rec.Progress != nil && rec.Progress.TopicStatus(t.ID).Finished() {
			g.TopicsDone++
		}
	}
	for _, s := range c.Steps {
		if s.Quiz != nil {
			g.Quizzes++
			if rec.Progress != nil && rec.Progress.Quizzes[s.ID].Passed {
				g.QuizzesPassed++
			}
		}
	}
	for _, repo := range m.Projects {
		pg := &ProjectGrade{Project: repo.Project, Stack: repo.Stack, Status: StatusNotChecked, Verified: []string{}, Claimed: []string{}}
		if rec.Progress != nil {
			pg.Claimed = slices.Sorted(maps.Keys(rec.Progress.Verified(repo.Project)))
		}
		var res *Result
		if rs != nil {
			res = rs.Find(m.ID, repo.Project)
		}
		if res != nil {
			pg.Result, pg.Status, pg.Reason, pg.Of = res, res.Status, res.Reason, res.Of
			pg.Verified = append(pg.Verified, res.Passed...)
			pg.Commit, pg.CommitTime = res.Commit, res.CommitTime
			checked := res.Checked
			pg.Checked = &checked
			if rec.Progress != nil {
				g.Flags = append(g.Flags, disagreements(repo.Project, pg.Claimed, pg.Verified)...)
			}
		}
		g.Projects = append(g.Projects, pg)
	}
	return g
}

// disagreements words where claimed and verified milestones differ.
func disagreements(project string, claimed, verified []string) []string {
	var out []string
	var over, under []string
	for _, c := range claimed {
		if !slices.Contains(verified, c) {
			over = append(over, c)
		}
	}
	for _, v := range verified {
		if !slices.Contains(claimed, v) {
			under = append(under, v)
		}
	}
	if len(over) > 0 {
		out = append(out, fmt.Sprintf("%s: self-reported %s, not verified", project, strings.Join(over, ", ")))
	}
	if len(under) > 0 {
		out = append(out, fmt.Sprintf("%s: verified %s, not in their progress", project, strings.Join(under, ", ")))
	}
	return out
}
