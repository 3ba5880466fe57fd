package cli

import (
	"fmt"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/wrap"
)

// exerciseJSON is one exercise in `waymark practice --json`.
type exerciseJSON struct {
	ID         string     `json:"id"`
	Title      string     `json:"title"`
	Summary    string     `json:"summary"`
	Topic      string     `json:"topic"`
	Step       string     `json:"step"`
	Difficulty string     `json:"difficulty"`
	Kind       string     `json:"kind"` // server or program
	Stacks     []string   `json:"stacks"`
	Passed     bool       `json:"passed"`
	PassedAt   *time.Time `json:"passed_at"`
	PassedWith string     `json:"passed_stack,omitempty"`
	Hints      int        `json:"hints"`
	HintsSeen  int        `json:"hints_seen"`
}

// exerciseKind is "repository" for a Git exercise (it has a setup),
// "query" when no stack runs anything (its checks read files: SQL),
// "server" when every stack serves HTTP, else "program".
func exerciseKind(ex *curriculum.Exercise) string {
	if ex.Setup != nil {
		return "repository"
	}
	runsNothing := len(ex.Stacks) > 0
	for _, s := range ex.Stacks {
		runsNothing = runsNothing && s.RunsNothing()
	}
	if runsNothing {
		return "query"
	}
	for _, s := range ex.Stacks {
		if !s.Server() {
			return "program"
		}
	}
	return "server"
}

func describeExercise(c *curriculum.Curriculum, ex *curriculum.Exercise, p *progress.Progress) exerciseJSON {
	j := exerciseJSON{ID: ex.ID, Title: ex.Title, Summary: ex.Summary, Topic: ex.Topic, Difficulty: ex.Difficulty,
		Kind: exerciseKind(ex), Stacks: ex.StackNames(), Hints: len(ex.Hints)}
	if t := c.Topic(ex.Topic); t != nil {
		j.Step = t.Step
	}
	st := p.Exercises[ex.ID]
	j.HintsSeen = min(st.Hints, len(ex.Hints))
	if !st.Passed.IsZero() {
		at := st.Passed
		j.Passed, j.PassedAt, j.PassedWith = true, &at, st.Stack
	}
	return j
}

// practiceListRun lists the exercises of opts.Target (a step or a topic),
// or all of them, grouped by step in roadmap order.
func practiceListRun(opts *PracticeOptions, c *curriculum.Curriculum) error {
	f := opts.F
	store, err := f.ProgressStore()
	if err != nil {
		return err
	}
	p, err := store.Load()
	if err != nil {
		return err
	}
	var exs []*curriculum.Exercise
	switch t := opts.Target; {
	case t == "":
		for _, s := range c.Steps {
			exs = append(exs, c.StepExercises(s.ID)...)
		}
	case c.Step(t) != nil:
		exs = c.StepExercises(t)
	default:
		exs = c.TopicExercises(t)
	}
	list := make([]exerciseJSON, 0, len(exs))
	for _, ex := range exs {
		list = append(list, describeExercise(c, ex, p))
	}
	if opts.JSON {
		return writeJSON(f.IO.Out, list)
	}
	out, width := f.IO.Out, f.IO.Width()
	if len(list) == 0 {
		if opts.Target == "" {
			fmt.Fprintln(out, "This curriculum has no exercises.")
		} else {
			fmt.Fprintf(out, "%s has no exercises; `waymark practice` lists them all.\n", opts.Target)
		}
		return nil
	}
	st := newStyles()
	idWidth := 0
	for _, e := range list {
		idWidth = max(idWidth, len(e.ID))
	}
	step, passed, next := "", 0, ""
	for i, e := range list {
		if e.Step != step {
			step = e.Step
			if i > 0 {
				fmt.Fprintln(out)
			}
			if s := c.Step(step); s != nil {
				fmt.Fprintln(out, wrap.Cut(st.title.Render(s.Title), width))
			}
		}
		mark := "○"
		if e.Passed {
			mark = st.ok.Render("✓")
			passed++
		} else if next == "" {
			next = e.ID
		}
		head := fmt.Sprintf("  %s %-*s  ", mark, idWidth, e.ID)
		fmt.Fprintln(out, wrap.Hanging(head, e.Title, width))
		pad := ansi.StringWidth(head)
		meta := fmt.Sprintf("%s %s · %s · %s", e.Difficulty, e.Kind, joinComma(e.Stacks), e.Topic)
		if pad+ansi.StringWidth(meta) > width {
			pad = 6 // under the id rather than the title, so the topic stays whole
		}
		fmt.Fprintf(out, "%*s%s\n", pad, "", st.faint.Render(wrap.Cut(meta, max(width-pad, 10))))
	}
	summary := fmt.Sprintf("%d of %s passed.", passed, plural(len(list), "exercise", "exercises"))
	if next != "" {
		start := fmt.Sprintf("Start one: waymark practice %s --stack %s", next, list[indexOf(list, next)].Stacks[0])
		sep := " "
		if ansi.StringWidth(summary+sep+start) > width {
			sep = "\n" // the command stays whole on a line of its own
		}
		summary += sep + start
	}
	fmt.Fprintf(out, "\n%s\n", summary)
	return nil
}

func indexOf(list []exerciseJSON, id string) int {
	for i, e := range list {
		if e.ID == id {
			return i
		}
	}
	return 0
}
