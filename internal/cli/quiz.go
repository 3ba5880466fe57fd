package cli

import (
	"bufio"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/quiz"
	"github.com/waymark-dev/waymark/internal/wrap"
)

// QuizOptions are the inputs of `waymark quiz`.
type QuizOptions struct {
	F       *Factory
	Step    string
	Answers string
	// Seed orders the choices when HasSeed (--seed was given).
	Seed    uint64
	HasSeed bool
	JSON    bool
}

// NewCmdQuiz builds `waymark quiz <step>`.
func NewCmdQuiz(f *Factory, runF func(*QuizOptions) error) *cobra.Command {
	opts := &QuizOptions{F: f}
	cmd := &cobra.Command{
		Use:   "quiz <step>",
		Short: "Take a step's quiz",
		Long: `Take a step's multiple-choice quiz. Each answer is explained at once; your
best score and whether you passed are saved to your progress, and every
question you answer joins your review schedule (waymark review).

Each attempt shows the choices in a new order, so that you learn answers
rather than places. The attempt's seed is printed: --seed N shows the
choices in that order again.

On a terminal the questions are asked one at a time. Scripts (no terminal)
give every answer up front with --answers, numbered from 1 as shown. With
--answers and no --seed the choices keep the curriculum's own order (as
--seed 0 does), so that a script's answers never depend on chance; add
--seed N to answer a shuffled attempt.`,
		Example: `  waymark quiz web
  waymark quiz web --seed 482913
  waymark quiz web --answers 2,1,4,3,1,2,3,1,4,2,3,1,2,4,3
  waymark quiz web --seed 482913 --answers 2,1,4,3,1,2,3,1,4,2,3,1,2,4,3 --json`,
		Args:              needs(1, 1, "a step id"),
		ValidArgsFunction: completeSteps(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Step = args[0]
			opts.HasSeed = cmd.Flags().Changed("seed")
			if runF != nil {
				return runF(opts)
			}
			return quizRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Answers, "answers", "", "comma-separated answers, `1,3,2,…`, instead of prompts")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 0, "order the choices by seed `N` (0: the curriculum's order)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the result as JSON (needs --answers)")
	return cmd
}

func quizRun(opts *QuizOptions) error {
	c, err := opts.F.Curriculum()
	if err != nil {
		return err
	}
	s := c.Step(opts.Step)
	if s == nil {
		return stepError(c, opts.Step)
	}
	if s.Quiz == nil || len(s.Quiz.Questions) == 0 {
		return fmt.Errorf("step %q has no quiz", s.ID)
	}
	seed := seedOf(opts.F, opts.Seed, opts.HasSeed, opts.Answers)
	asked := quiz.Attempt(s, seed)
	var answers []int
	switch {
	case opts.Answers != "":
		answers, err = parseAnswers(opts.Answers, asked, fmt.Sprintf("the quiz has %d questions", len(asked)))
		if err != nil {
			return &UsageError{Err: err}
		}
	case opts.JSON:
		return usageErrorf("--json needs --answers")
	case !opts.F.IO.IsStdinTTY():
		return usageErrorf("no terminal to ask on: give the answers with --answers (%d numbers, like 1,3,2)", len(asked))
	}

	w := opts.F.IO.Out
	width := opts.F.IO.Width()
	st := newStyles()
	in := bufio.NewReader(opts.F.IO.In)
	if !opts.JSON {
		fmt.Fprintln(w, seedLine(st, seed))
		fmt.Fprintln(w)
	}
	results := make([]quiz.Result, 0, len(asked))
	report := make([]questionJSON, 0, len(asked))
	for i, a := range asked {
		var chosen int
		if answers != nil {
			chosen = answers[i]
		} else {
			printQuestion(w, width, i, len(asked), a)
			chosen, err = askChoice(w, in, len(a.Order))
			if err != nil {
				return err
			}
		}
		results = append(results, quiz.Result{Key: a.Key, Right: chosen == a.Answer()})
		report = append(report, answeredJSON(a, chosen))
		if opts.JSON {
			continue
		}
		if answers != nil {
			printQuestion(w, width, i, len(asked), a)
			fmt.Fprintln(w, wrap.Hanging("Your answer: ", choiceText(a, chosen), width))
		}
		fmt.Fprintln(w, feedback(st, width, a, chosen))
		fmt.Fprintln(w)
	}

	score := quiz.Score(results)
	passed := quiz.Passed(s.Quiz, score)
	store, err := opts.F.ProgressStore()
	if err != nil {
		return err
	}
	p, err := store.Update(func(p *progress.Progress) error {
		if p.Curriculum == "" {
			p.Curriculum = c.ID
		}
		quiz.RecordAttempt(p, c.ID, s, results, opts.F.Now())
		return nil
	})
	if err != nil {
		return err
	}
	best := p.Quizzes[s.ID]
	if opts.JSON {
		return writeJSON(w, map[string]any{"step": s.ID, "seed": seed, "score": score, "of": len(asked), "passed": passed,
			"pass_mark": s.Quiz.Pass, "best": best.Best, "attempts": best.Attempts, "questions": report})
	}
	if passed {
		fmt.Fprintf(w, "%s %d/%d — passed. Best so far: %d/%d.\n", st.ok.Render("✓"), score, len(asked), best.Best, best.Of)
	} else {
		fmt.Fprintln(w, wrap.Text(fmt.Sprintf("%d/%d — %d needed to pass. Reread the step's topics and try again:", score, len(asked), quiz.Needed(s.Quiz)), width))
		fmt.Fprintln(w, "  waymark roadmap "+s.ID)
	}
	return nil
}
