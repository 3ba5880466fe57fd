package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/quiz"
	"github.com/waymark-dev/waymark/internal/wrap"
)

// ReviewOptions are the inputs of `waymark review`.
type ReviewOptions struct {
	F       *Factory
	Answers string
	// Seed orders the choices when HasSeed (--seed was given).
	Seed    uint64
	HasSeed bool
	Limit   int
	JSON    bool
}

// NewCmdReview builds `waymark review`.
func NewCmdReview(f *Factory, runF func(*ReviewOptions) error) *cobra.Command {
	opts := &ReviewOptions{F: f}
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Answer the quiz questions that are due for review",
		Long: `Bring back the quiz questions you got wrong or have not seen for a while.

Every question you answer in a quiz or a review has a box from 1 to 5 in
your progress file: box 1 comes back the next day, boxes 2 to 5 after 2, 4,
8 and 16 days. A first answer puts a question in box 2 if right, box 1 if
wrong; then a right answer when it is due moves it up a box, a wrong one
sends it back to box 1, and a right answer before it is due moves nothing.
The most overdue questions come first, --limit at a time.

On a terminal the questions are asked one at a time and each answer is
saved as you give it. Scripts give the answers with --answers, numbered as
shown; as with waymark quiz, without --seed the choices then keep the
curriculum's order. --json alone lists what is due and asks nothing.`,
		Example: `  waymark review
  waymark review --limit 5
  waymark review --json
  waymark review --seed 482913 --answers 2,1`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.HasSeed = cmd.Flags().Changed("seed")
			if opts.Limit < 1 {
				return usageErrorf("--limit must be at least 1")
			}
			if runF != nil {
				return runF(opts)
			}
			return reviewRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Answers, "answers", "", "comma-separated answers, `1,3,2,…`, instead of prompts")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 0, "order the choices by seed `N` (0: the curriculum's order)")
	cmd.Flags().IntVar(&opts.Limit, "limit", quiz.DefaultLimit, "ask at most `N` questions")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print what is due, or with --answers the results, as JSON")
	return cmd
}

// reviewJSON is the documented shape of `waymark review --json`.
type reviewJSON struct {
	Seed uint64 `json:"seed"`
	// Due is how many questions are due now, before this review.
	Due       int            `json:"due"`
	Questions []questionJSON `json:"questions"`
	Right     *int           `json:"right,omitempty"`
	// Next says what is due after this review.
	Next outlookJSON `json:"next"`
}

// outlookJSON is the review schedule in --json output.
type outlookJSON struct {
	Due       int    `json:"due"`
	Scheduled int    `json:"scheduled"`
	Day       string `json:"day,omitempty"`
	Questions int    `json:"questions"`
}

func outlookOf(o quiz.Outlook) outlookJSON {
	return outlookJSON{Due: o.Due, Scheduled: o.Scheduled, Day: o.NextDay, Questions: o.Next}
}

func reviewRun(opts *ReviewOptions) error {
	c, p, err := loadState(opts.F)
	if err != nil {
		return err
	}
	now := opts.F.Now()
	due := quiz.Due(c, p, now)
	seed := seedOf(opts.F, opts.Seed, opts.HasSeed, opts.Answers)
	asked := quiz.Review(due[:min(len(due), opts.Limit)], seed)
	w, st := opts.F.IO.Out, newStyles()

	var answers []int
	switch {
	case opts.Answers != "":
		if len(asked) == 0 {
			return usageErrorf("--answers has answers, but no question is due")
		}
		answers, err = parseAnswers(opts.Answers, asked, "this review asks "+plural(len(asked), "question", "questions"))
		if err != nil {
			return &UsageError{Err: err}
		}
	case opts.JSON:
		out := reviewJSON{Seed: seed, Due: len(due), Questions: []questionJSON{}, Next: outlookOf(quiz.Look(c, p, now))}
		for _, a := range asked {
			out.Questions = append(out.Questions, askedJSON(a))
		}
		return writeJSON(w, out)
	case len(asked) == 0:
		nothingDue(w, opts.F.IO.Width(), c, quiz.Look(c, p, now), now)
		return nil
	case !opts.F.IO.IsStdinTTY():
		return usageErrorf("no terminal to ask on: give the answers with --answers (%d numbers, like 1,3,2)", len(asked))
	}

	width := opts.F.IO.Width()
	in := bufio.NewReader(opts.F.IO.In)
	if !opts.JSON {
		fmt.Fprintln(w, seedLine(st, seed))
		fmt.Fprintln(w)
	}
	results := make([]quiz.Result, 0, len(asked))
	report := make([]questionJSON, 0, len(asked))
	var quit error
	for i, a := range asked {
		var chosen int
		if !opts.JSON {
			fmt.Fprintln(w, st.faint.Render(wrap.Cut("From "+a.Step.Title, width)))
			printQuestion(w, width, i, len(asked), a)
		}
		if answers != nil {
			chosen = answers[i]
		} else if chosen, quit = askChoice(w, in, len(a.Order)); quit != nil {
			break
		}
		results = append(results, quiz.Result{Key: a.Key, Right: chosen == a.Answer()})
		report = append(report, answeredJSON(a, chosen))
		if opts.JSON {
			continue
		}
		if answers != nil {
			fmt.Fprintln(w, wrap.Hanging("Your answer: ", choiceText(a, chosen), width))
		}
		fmt.Fprintln(w, feedback(st, width, a, chosen))
		fmt.Fprintln(w)
	}
	if len(results) == 0 {
		return errors.New("review left before the first answer: nothing was saved")
	}

	store, err := opts.F.ProgressStore()
	if err != nil {
		return err
	}
	p, err = store.Update(func(p *progress.Progress) error {
		if p.Curriculum == "" {
			p.Curriculum = c.ID
		}
		quiz.RecordReview(p, results, now)
		return nil
	})
	if err != nil {
		return err
	}
	after := quiz.Look(c, p, now)
	score := quiz.Score(results)
	if opts.JSON {
		return writeJSON(w, reviewJSON{Seed: seed, Due: len(due), Questions: report, Right: &score, Next: outlookOf(after)})
	}
	if quit != nil {
		fmt.Fprintf(w, "\nReview left after %d of %d: those answers are saved.\n", len(results), len(asked))
	}
	fmt.Fprintf(w, "%d of %d right.\n", score, len(results))
	printOutlook(w, width, after, now)
	return nil
}

// nothingDue is what review says with nothing to ask: when the next
// question comes, or how questions get into the schedule.
func nothingDue(w io.Writer, width int, c *curriculum.Curriculum, o quiz.Outlook, now time.Time) {
	if o.NextDay != "" {
		fmt.Fprintln(w, wrap.Text(fmt.Sprintf("Nothing to review now. Next: %s due %s.", plural(o.Next, "question", "questions"), quiz.When(o.NextDay, now)), width))
		return
	}
	for _, s := range c.Steps {
		if s.Quiz != nil && len(s.Quiz.Questions) > 0 {
			fmt.Fprintln(w, wrap.Text("Nothing to review yet: the questions you answer in quizzes come back here, the ones you got wrong first. Start with a quiz:", width))
			fmt.Fprintln(w, "  waymark quiz "+s.ID)
			return
		}
	}
	fmt.Fprintln(w, "Nothing to review: this curriculum has no quizzes.")
}

// printOutlook ends a review: what is still due now, and what comes next.
func printOutlook(w io.Writer, width int, o quiz.Outlook, now time.Time) {
	if o.Due > 0 {
		fmt.Fprintln(w, wrap.Text(fmt.Sprintf("%s still due now: waymark review", plural(o.Due, "question is", "questions are")), width))
	}
	if o.NextDay != "" {
		fmt.Fprintln(w, wrap.Text(fmt.Sprintf("Next: %s due %s.", plural(o.Next, "question", "questions"), quiz.When(o.NextDay, now)), width))
	}
}
