// Package portfolio writes a learner's finished work as Markdown for a
// GitHub profile: finished steps, verified projects with their milestones
// and stacks, exercises passed, skills practised, quizzes passed and study
// time.
package portfolio

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
)

// Input is what a portfolio is made of.
type Input struct {
	Name       string // the learner; "" leaves the title generic
	Curriculum *curriculum.Curriculum
	Progress   *progress.Progress
	// Projects are the manifests of the curriculum's projects, for titles;
	// a verified project without one is listed by id.
	Projects map[string]*curriculum.Project
}

// Write renders the portfolio.
func Write(w io.Writer, in Input) error {
	c, p := in.Curriculum, in.Progress
	var b strings.Builder
	title := "Backend journey"
	if in.Name != "" {
		title = in.Name + "'s backend journey"
	}
	sum := progress.Summarize(c, p)
	fmt.Fprintf(&b, "# %s\n\n", title)
	fmt.Fprintf(&b, "Following **%s** with [waymark](https://github.com/waymark-dev/waymark): %s of the roadmap done (%d of %d topics).\n",
		c.Title, pct(sum.Percent), sum.Done+sum.Skipped, sum.Total)

	b.WriteString("\n## Finished steps\n\n")
	n := 0
	for i, st := range sum.Steps {
		if st.Total > 0 && st.Done == st.Total {
			step := c.Steps[i]
			fmt.Fprintf(&b, "- **%s**", step.Title)
			if q, ok := p.Quizzes[step.ID]; ok && q.Passed {
				fmt.Fprintf(&b, " — quiz passed (%d/%d)", q.Best, q.Of)
			}
			b.WriteString("\n")
			n++
		}
	}
	if n == 0 {
		b.WriteString("None yet: the first one is on its way.\n")
	}

	b.WriteString("\n## Verified projects\n\n")
	n = 0
	for _, id := range slices.Sorted(maps.Keys(p.Projects)) {
		verified := p.Verified(id)
		if len(verified) == 0 {
			continue
		}
		n++
		man := in.Projects[id]
		name := id
		if man != nil {
			name = man.Title
		}
		fmt.Fprintf(&b, "### %s", name)
		if stacks := ownStacks(p.Projects[id]); len(stacks) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(stacks, ", "))
		}
		b.WriteString("\n\n")
		if man != nil && man.Summary != "" {
			b.WriteString(man.Summary + "\n\n")
		}
		for _, m := range orderedMilestones(man, verified) {
			fmt.Fprintf(&b, "- ✅ %s — verified %s\n", m.title, verified[m.id].Passed.Format("2006-01-02"))
		}
		b.WriteString("\n")
	}
	if n == 0 {
		b.WriteString("None verified yet (`waymark check` records them).\n\n")
	}

	writeExercises(&b, c, p)

	b.WriteString("## Skills\n\n")
	skills := practised(c, p)
	if len(skills) == 0 {
		b.WriteString("Still to come.\n")
	}
	for _, group := range []string{"technical", "soft"} {
		var names []string
		for _, s := range skills {
			if s.Group == group {
				names = append(names, s.Title)
			}
		}
		if len(names) > 0 {
			fmt.Fprintf(&b, "- %s: %s\n", strings.ToUpper(group[:1])+group[1:], strings.Join(names, ", "))
		}
	}
	if minutes := studyMinutes(p); minutes > 0 {
		fmt.Fprintf(&b, "\n_%d hours of logged study._\n", (minutes+30)/60)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeExercises lists the exercises the learner passed, in roadmap order,
// then any the curriculum no longer has, by id; nothing when none passed.
func writeExercises(b *strings.Builder, c *curriculum.Curriculum, p *progress.Progress) {
	var lines []string
	line := func(title, id string) {
		e := p.Exercises[id]
		l := "- ✅ " + title
		if e.Stack != "" {
			l += " (" + e.Stack + ")"
		}
		lines = append(lines, l+" — passed "+e.Passed.Format("2006-01-02"))
	}
	known := map[string]bool{}
	for _, s := range c.Steps {
		for _, ex := range c.StepExercises(s.ID) {
			known[ex.ID] = true
			if p.ExercisePassed(ex.ID) {
				line(ex.Title, ex.ID)
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(p.Exercises)) {
		if !known[id] && p.ExercisePassed(id) {
			line(id, id)
		}
	}
	if len(lines) == 0 {
		return
	}
	b.WriteString("## Exercises passed\n\n" + strings.Join(lines, "\n") + "\n\n")
}

type milestoneLine struct{ id, title string }

// orderedMilestones lists a project's verified milestones in the manifest's
// order (then any the manifest no longer has, by id).
func orderedMilestones(man *curriculum.Project, verified map[string]progress.Milestone) []milestoneLine {
	var out []milestoneLine
	seen := map[string]bool{}
	if man != nil {
		for _, m := range man.Milestones {
			if _, ok := verified[m.ID]; ok {
				out = append(out, milestoneLine{m.ID, m.Title})
				seen[m.ID] = true
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(verified)) {
		if !seen[id] {
			out = append(out, milestoneLine{id, id})
		}
	}
	return out
}

// ownStacks are the stacks of the learner's own folders that passed a
// milestone, sorted.
func ownStacks(folders progress.Folders) []string {
	var out []string
	for _, pr := range folders {
		if pr != nil && !pr.Reference() && len(pr.Milestones) > 0 && pr.Stack != "" && !slices.Contains(out, pr.Stack) {
			out = append(out, pr.Stack)
		}
	}
	slices.Sort(out)
	return out
}

// practised returns, in the curriculum's order, the skills of done topics.
func practised(c *curriculum.Curriculum, p *progress.Progress) []*curriculum.Skill {
	has := map[string]bool{}
	for _, t := range c.Topics() {
		if p.TopicStatus(t.ID) == progress.StatusDone {
			for _, s := range t.Skills {
				has[s] = true
			}
		}
	}
	var out []*curriculum.Skill
	for _, s := range c.Skills {
		if has[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

func studyMinutes(p *progress.Progress) int {
	total := 0
	for _, l := range p.Log {
		total += l.Minutes
	}
	return total
}

func pct(f float64) string { return fmt.Sprintf("%.0f%%", f) }
