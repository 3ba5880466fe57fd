package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/quiz"
	"github.com/waymark-dev/waymark/internal/wrap"
)

// StatusOptions are the inputs of `waymark status`.
type StatusOptions struct {
	F    *Factory
	JSON bool
}

// NewCmdStatus builds `waymark status`.
func NewCmdStatus(f *Factory, runF func(*StatusOptions) error) *cobra.Command {
	opts := &StatusOptions{F: f}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show your progress: overall, per step, and what comes next",
		Long: `Show how far along the roadmap you are: an overall bar, one bar per step,
your quiz results, verified project milestones and exercises passed, the next
topic to study and how many quiz questions are due for review.

Skipped topics count as finished. In steps of alternatives (the languages
step), the alternatives you did not pick are not counted against you.`,
		Example: "  waymark status\n  waymark status --json | jq .percent",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return statusRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the status as JSON")
	return cmd
}

// statusJSON is the documented shape of `waymark status --json`.
type statusJSON struct {
	Curriculum string              `json:"curriculum"`
	Done       int                 `json:"done"`
	Doing      int                 `json:"doing"`
	Skipped    int                 `json:"skipped"`
	Total      int                 `json:"total"`
	Percent    float64             `json:"percent"`
	Steps      []stepStatusJSON    `json:"steps"`
	Next       *topicRefJSON       `json:"next"`
	Quizzes    map[string]quizJSON `json:"quizzes"`
	Review     outlookJSON         `json:"review"`
	Verified   map[string][]string `json:"verified_milestones"`
	Exercises  exercisesJSON       `json:"exercises"`
	Orphans    []string            `json:"unknown_topics"`
}

// exercisesJSON is how many of the curriculum's exercises the learner
// passed, and which.
type exercisesJSON struct {
	Passed []string `json:"passed"`
	Total  int      `json:"total"`
}

// passedExercises lists the exercises of c the learner passed, by id.
func passedExercises(c *curriculum.Curriculum, p *progress.Progress) exercisesJSON {
	out := exercisesJSON{Passed: []string{}, Total: len(c.Exercises())}
	for _, e := range c.Exercises() {
		if p.ExercisePassed(e.ID) {
			out.Passed = append(out.Passed, e.ID)
		}
	}
	return out
}

type stepStatusJSON struct {
	ID      string  `json:"id"`
	Title   string  `json:"title"`
	Done    int     `json:"done"`
	Total   int     `json:"total"`
	Percent float64 `json:"percent"`
}

type topicRefJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Step  string `json:"step"`
}

type quizJSON struct {
	Best     int  `json:"best"`
	Of       int  `json:"of"`
	Passed   bool `json:"passed"`
	Attempts int  `json:"attempts"`
}

func statusRun(opts *StatusOptions) error {
	c, p, err := loadState(opts.F)
	if err != nil {
		return err
	}
	sum := progress.Summarize(c, p)
	next := progress.NextTopic(c, p)
	orphans := p.Orphans(func(id string) bool { return c.Topic(id) != nil })
	review := quiz.Look(c, p, opts.F.Now())
	if opts.JSON {
		out := statusJSON{
			Curriculum: c.ID, Done: sum.Done, Doing: sum.Doing, Skipped: sum.Skipped,
			Total: sum.Total, Percent: round1(sum.Percent), Quizzes: map[string]quizJSON{},
			Verified: map[string][]string{}, Orphans: orphans, Review: outlookOf(review),
			Exercises: passedExercises(c, p),
		}
		for _, s := range sum.Steps {
			out.Steps = append(out.Steps, stepStatusJSON{s.StepID, s.Title, s.Done, s.Total, round1(s.Percent)})
		}
		if next != nil {
			out.Next = &topicRefJSON{next.ID, next.Title, next.Step}
		}
		for id, q := range p.Quizzes {
			out.Quizzes[id] = quizJSON{q.Best, q.Of, q.Passed, q.Attempts}
		}
		for id := range p.Projects {
			out.Verified[id] = verifiedMilestones(p.Verified(id))
		}
		if out.Orphans == nil {
			out.Orphans = []string{}
		}
		return writeJSON(opts.F.IO.Out, out)
	}
	printStatus(opts.F.IO.Out, opts.F.IO.Width(), c, p, sum, next, orphans, review)
	return nil
}

func printStatus(w io.Writer, width int, c *curriculum.Curriculum, p *progress.Progress, sum progress.Summary, next *curriculum.Topic, orphans []string, review quiz.Outlook) {
	st := newStyles()
	fmt.Fprintf(w, "%s\n", st.title.Render(c.Title))
	fmt.Fprintf(w, "%s %s  %d of %d topics done", st.bar(sum.Percent/100, 30), percent(sum.Percent/100), sum.Done+sum.Skipped, sum.Total)
	if sum.Doing > 0 {
		fmt.Fprintf(w, ", %d in progress", sum.Doing)
	}
	fmt.Fprintln(w)
	if note := sum.CountNote(); note != "" {
		fmt.Fprintln(w, wrap.Text(st.faint.Render(note), width))
	}
	fmt.Fprintln(w)
	// Titles get the room the bars and quiz marks leave, cut only when
	// they do not fit.
	quizzes := make([]string, len(sum.Steps))
	titleWidth, quizWidth := 0, 0
	for i, s := range sum.Steps {
		if q, ok := p.Quizzes[s.StepID]; ok {
			quizzes[i] = fmt.Sprintf("  quiz %d/%d", q.Best, q.Of)
			if q.Passed {
				quizzes[i] += " passed"
			}
		}
		titleWidth, quizWidth = max(titleWidth, ansi.StringWidth(s.Title)), max(quizWidth, len(quizzes[i]))
	}
	const fixed = len("1. ") + 1 + 16 + 1 + len("100%")
	titleWidth = max(min(titleWidth, width-fixed-quizWidth), 12)
	for i, s := range sum.Steps {
		title := wrap.Cut(s.Title, titleWidth)
		fmt.Fprintf(w, "%d. %s%s %s %s%s\n", i+1, title, strings.Repeat(" ", titleWidth-ansi.StringWidth(title)),
			st.bar(s.Percent/100, 16), percent(s.Percent/100), st.faint.Render(quizzes[i]))
	}
	for _, id := range sortedProjectIDs(p) {
		if ms := verifiedMilestones(p.Verified(id)); len(ms) > 0 {
			fmt.Fprintf(w, "\n%s", wrap.Hanging(st.ok.Render("✓")+" ", id+": "+joinComma(ms)+" verified", width))
		}
	}
	if ex := passedExercises(c, p); len(ex.Passed) > 0 {
		fmt.Fprintf(w, "\n%s", wrap.Hanging(st.ok.Render("✓")+" ", fmt.Sprintf("exercises: %s passed (%d of %d)", joinComma(ex.Passed), len(ex.Passed), ex.Total), width))
	}
	fmt.Fprintln(w)
	if next != nil {
		fmt.Fprintf(w, "\n%s\n", wrap.Text("Next: "+st.accent.Render(next.ID)+" — "+next.Title, width))
		fmt.Fprintf(w, "%s\n", st.faint.Render("  waymark topic "+next.ID+"   ·   waymark done "+next.ID))
	} else if sum.Total > 0 {
		fmt.Fprintf(w, "\n%s You have finished the roadmap. Build a project: waymark projects\n", st.ok.Render("✓"))
	}
	if review.Due > 0 {
		fmt.Fprintf(w, "\n%s %s to review: waymark review\n", st.accent.Render("↺"), plural(review.Due, "question", "questions"))
	}
	if len(orphans) > 0 {
		fmt.Fprintf(w, "\n%s your progress file has %s this curriculum does not know: %s\n  They are kept; `waymark reset <id>` removes one.\n",
			st.warn.Render("!"), plural(len(orphans), "topic", "topics"), joinComma(orphans))
	}
}

// homeRun is what bare `waymark` does: the TUI on a terminal, the status
// summary otherwise (a pipe, a script, CI).
func homeRun(ctx context.Context, f *Factory) error {
	if f.IO.Interactive() {
		return tuiRun(ctx, f)
	}
	return statusRun(&StatusOptions{F: f})
}

func round1(x float64) float64 { return float64(int(x*10+0.5)) / 10 }
