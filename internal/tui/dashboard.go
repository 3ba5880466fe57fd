package tui

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/waymark-dev/waymark/internal/quiz"
)

// dashboard is the home screen: overall progress, rhythm, the next topic,
// the last verified milestone, and the steps as a list to open.
type dashboard struct {
	com           *common
	width, height int
	cursor, top   int
}

func newDashboard(com *common) *dashboard { return &dashboard{com: com} }

func (d *dashboard) Title() string { return d.com.c.Title }

func (d *dashboard) SetSize(w, h int) { d.width, d.height = w, h }

func (d *dashboard) ShortHelp() []key.Binding {
	k := d.com.keys
	return []key.Binding{k.Open, k.Quiz, k.Review, k.Filter, k.NextTab}
}

func (d *dashboard) Update(msg tea.Msg) tea.Cmd {
	n := len(d.com.c.Steps)
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		d.cursor = wheel(msg, d.cursor, n)
	case tea.KeyPressMsg:
		k := d.com.keys
		if c, ok := moveCursor(k, msg, d.cursor, n, d.listHeight()); ok {
			d.cursor = c
			return nil
		}
		if key.Matches(msg, k.Review) {
			return d.com.emit(openReviewMsg{})
		}
		if n == 0 {
			return nil
		}
		step := d.com.c.Steps[d.cursor]
		switch {
		case key.Matches(msg, k.Open):
			return d.com.emit(openStepMsg{StepID: step.ID})
		case key.Matches(msg, k.Quiz):
			return d.com.emit(openQuizMsg{StepID: step.ID})
		case key.Matches(msg, k.Filter):
			return d.com.emit(openStepMsg{})
		}
	}
	return nil
}

// dashboardHeader is how many lines the summary above the step list takes.
const dashboardHeader = 8

func (d *dashboard) listHeight() int { return max(d.height-dashboardHeader, 1) }

func (d *dashboard) View() string {
	com, st := d.com, d.com.styles
	w := d.width
	var b strings.Builder
	sum := com.sum
	share := 0.0
	if sum.Total > 0 {
		share = float64(sum.Done+sum.Skipped) / float64(sum.Total)
	}
	barW := min(max(w-50, 10), 40)
	line := fmt.Sprintf("%s %3.0f%%  %d of %d topics done", st.Bar(share, barW), share*100, sum.Done+sum.Skipped, sum.Total)
	if sum.Doing > 0 {
		line += fmt.Sprintf(" · %d in progress", sum.Doing)
	}
	b.WriteString(fit(line, w) + "\n")
	a := com.activity
	rhythm := fmt.Sprintf("Streak %s · %s this week · %.0f of %.0f hours", plural(a.Streak, "day"), minutes(a.MinutesThisWeek), sum.HoursDone, sum.HoursTotal)
	if a.ETAKnown {
		rhythm += " · ETA " + a.ETA.Format("2 Jan 2006")
	}
	b.WriteString(fit(st.Muted.Render(rhythm), w) + "\n")
	b.WriteString("\n")
	if com.next != nil {
		b.WriteString(fit(st.Heading.Render("Next ")+st.Title.Render(com.next.Title)+st.Muted.Render("  "+com.next.ID), w) + "\n")
	} else if sum.Total > 0 {
		b.WriteString(fit(st.Done.Render("✓ ")+st.Title.Render("You have finished the roadmap. Build a project (tab)."), w) + "\n")
	} else {
		b.WriteString("\n")
	}
	b.WriteString(fit(d.lastVerified(), w) + "\n")
	b.WriteString(fit(d.reviewLine(), w) + "\n")
	b.WriteString("\n")
	b.WriteString(fit(st.Heading.Render("Steps"), w) + "\n")

	steps := com.c.Steps
	h := d.listHeight()
	d.top = window(d.top, d.cursor, len(steps), h)
	titleW := min(max(w-40, 16), 50)
	num := len(fmt.Sprint(len(steps)))
	for i := d.top; i < min(d.top+h, len(steps)); i++ {
		s := steps[i]
		ss := com.stepStat[s.ID]
		share := 0.0
		if ss.Total > 0 {
			share = float64(ss.Done) / float64(ss.Total)
		}
		title := fmt.Sprintf("%*d. %s", num, i+1, s.Title)
		row := fmt.Sprintf("%-*s %s %3.0f%%", titleW, fit(title, titleW), st.Bar(share, 12), share*100)
		if q, ok := com.p.Quizzes[s.ID]; ok {
			row += fmt.Sprintf("  quiz %d/%d", q.Best, q.Of)
			if q.Passed {
				row += " " + st.Done.Render("✓")
			}
		}
		b.WriteString(d.row(row, i == d.cursor) + "\n")
	}
	return b.String()
}

// row draws a list row with the cursor sign, which keeps the selection
// visible without colour.
func (d *dashboard) row(s string, selected bool) string {
	return listRow(d.com.styles, s, selected, d.width)
}

func listRow(st *Styles, s string, selected bool, w int) string {
	if selected {
		return st.Cursor.Render("› ") + st.Selected.Render(fit(s, w-2))
	}
	return "  " + fit(s, w-2)
}

// lastVerified names the most recently passed project milestone.
func (d *dashboard) lastVerified() string {
	st := d.com.styles
	var (
		when               time.Time
		project, milestone string
	)
	p := d.com.p
	for _, id := range slices.Sorted(maps.Keys(p.Projects)) {
		verified := p.Verified(id)
		for _, ms := range slices.Sorted(maps.Keys(verified)) {
			if t := verified[ms].Passed; t.After(when) {
				when, project, milestone = t, id, ms
			}
		}
	}
	if project == "" {
		return st.Muted.Render("No project milestone verified yet: see Projects (tab).")
	}
	return st.Done.Render("✓ ") + "Last verified: " + st.Title.Render(project+" › "+milestone) + st.Muted.Render(" on "+when.Format("2 Jan 2006"))
}

// reviewLine says how many quiz questions are due for review, or when the
// next ones are, or how questions get there.
func (d *dashboard) reviewLine() string {
	st, o := d.com.styles, d.com.review
	switch {
	case o.Due > 0:
		return st.Accent.Render("↺ ") + st.Title.Render(plural(o.Due, "question")+" to review") + st.Muted.Render(": press v")
	case o.NextDay != "":
		return st.Muted.Render("↺ Next review: " + quiz.When(o.NextDay, d.com.now()) + " (v)")
	}
	return st.Muted.Render("↺ Questions you answer in quizzes come back for review (v).")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func minutes(n int) string {
	if n < 60 {
		return fmt.Sprintf("%dm", n)
	}
	return fmt.Sprintf("%dh %02dm", n/60, n%60)
}
