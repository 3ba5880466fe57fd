package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/wrap"
)

// QuizOptions are the inputs of `waymark quiz`.
type QuizOptions struct {
	F       *Factory
	Step    string
	Answers string
	JSON    bool
}

// NewCmdQuiz builds `waymark quiz <step>`.
func NewCmdQuiz(f *Factory, runF func(*QuizOptions) error) *cobra.Command {
	opts := &QuizOptions{F: f}
	cmd := &cobra.Command{
		Use:   "quiz <step>",
		Short: "Take a step's quiz",
		Long: `Take a step's multiple-choice quiz. Each answer is explained at once; your
best score and whether you passed are saved to your progress.

On a terminal the questions are asked one at a time. Scripts (no terminal)
give every answer up front with --answers, numbered from 1 as displayed.`,
		Example:           "  waymark quiz web\n  waymark quiz web --answers 2,1,4,3,1,2,3,1,4,2,3,1,2,4,3",
		Args:              needs(1, 1, "a step id"),
		ValidArgsFunction: completeSteps(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Step = args[0]
			if runF != nil {
				return runF(opts)
			}
			return quizRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Answers, "answers", "", "comma-separated answers, `1,3,2,…`, instead of prompts")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the result as JSON (needs --answers)")
	return cmd
}

// errQuit is returned when the learner leaves a quiz half-way.
var errQuit = errors.New("quiz left before the end: nothing was saved")

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
	qs := s.Quiz.Questions
	var answers []int
	switch {
	case opts.Answers != "":
		answers, err = parseAnswers(opts.Answers, qs)
		if err != nil {
			return &UsageError{Err: err}
		}
	case opts.JSON:
		return usageErrorf("--json needs --answers")
	case !opts.F.IO.IsStdinTTY():
		return usageErrorf("no terminal to ask on: give the answers with --answers (%d numbers, like 1,3,2)", len(qs))
	}

	w := opts.F.IO.Out
	width := opts.F.IO.Width()
	st := newStyles()
	in := bufio.NewReader(opts.F.IO.In)
	score := 0
	results := make([]map[string]any, 0, len(qs))
	for i, q := range qs {
		var a int
		if answers != nil {
			a = answers[i]
		} else {
			printQuestion(w, width, i, len(qs), q)
			a, err = askChoice(w, in, len(q.Choices))
			if err != nil {
				return err
			}
		}
		right := a == q.Answer
		if right {
			score++
		}
		results = append(results, map[string]any{"question": q.Q, "answer": a + 1, "correct": q.Answer + 1, "right": right})
		if opts.JSON {
			continue
		}
		if answers != nil {
			printQuestion(w, width, i, len(qs), q)
			fmt.Fprintf(w, "Your answer: %d\n", a+1)
		}
		fmt.Fprintln(w, feedback(st, width, q, right))
		fmt.Fprintln(w)
	}

	passed := float64(score) >= s.Quiz.Pass*float64(len(qs))-1e-9
	store, err := opts.F.ProgressStore()
	if err != nil {
		return err
	}
	p, err := store.Update(func(p *progress.Progress) error {
		if p.Curriculum == "" {
			p.Curriculum = c.ID
		}
		p.RecordQuiz(s.ID, score, len(qs), passed, opts.F.Now())
		return nil
	})
	if err != nil {
		return err
	}
	best := p.Quizzes[s.ID]
	if opts.JSON {
		return writeJSON(w, map[string]any{"step": s.ID, "score": score, "of": len(qs), "passed": passed, "pass_mark": s.Quiz.Pass, "best": best.Best, "attempts": best.Attempts, "questions": results})
	}
	need := int(s.Quiz.Pass*float64(len(qs)) + 0.999)
	if passed {
		fmt.Fprintf(w, "%s %d/%d — passed. Best so far: %d/%d.\n", st.ok.Render("✓"), score, len(qs), best.Best, best.Of)
	} else {
		fmt.Fprintf(w, "%d/%d — %d needed to pass. Reread the step's topics (waymark roadmap %s) and try again.\n", score, len(qs), need, s.ID)
	}
	return nil
}

func printQuestion(w io.Writer, width, i, n int, q curriculum.Question) {
	st := newStyles()
	fmt.Fprintln(w, wrap.Hanging(st.faint.Render(fmt.Sprintf("%d/%d", i+1, n))+" ", st.title.Render(q.Q), width))
	for ci, ch := range q.Choices {
		fmt.Fprintln(w, wrap.Hanging(fmt.Sprintf("  %d) ", ci+1), ch, width))
	}
}

// feedback says whether an answer was right; a wrong one is told the right
// choice in full, and either way the explanation follows, each paragraph
// wrapped as a whole so that no mark is glued onto a wrapped line.
func feedback(st styles, width int, q curriculum.Question, right bool) string {
	if right {
		return wrap.Text(st.ok.Render("✓ Right.")+" "+q.Explain, width)
	}
	answer := fmt.Sprintf("%d) %s", q.Answer+1, q.Choices[q.Answer])
	return wrap.Hanging(st.err.Render("✗ Not quite.")+" ", "The answer is "+answer, width) + "\n" + wrap.Text(q.Explain, width)
}

// askChoice reads a choice number until it is valid; q or end of input quits.
func askChoice(w io.Writer, in *bufio.Reader, n int) (int, error) {
	for tries := 0; tries < 20; tries++ {
		fmt.Fprintf(w, "Your answer (1-%d, q to quit): ", n)
		line, err := in.ReadString('\n')
		line = strings.TrimSpace(line)
		if line == "q" || (err != nil && line == "") {
			return 0, errQuit
		}
		if a, convErr := strconv.Atoi(line); convErr == nil && a >= 1 && a <= n {
			return a - 1, nil
		}
		fmt.Fprintf(w, "Please type a number from 1 to %d.\n", n)
	}
	return 0, errQuit
}

func parseAnswers(s string, qs []curriculum.Question) ([]int, error) {
	parts := strings.Split(s, ",")
	if len(parts) != len(qs) {
		return nil, fmt.Errorf("--answers has %d answers; the quiz has %d questions", len(parts), len(qs))
	}
	out := make([]int, len(parts))
	for i, p := range parts {
		a, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || a < 1 || a > len(qs[i].Choices) {
			return nil, fmt.Errorf("--answers: answer %d is %q; question %d has choices 1 to %d", i+1, p, i+1, len(qs[i].Choices))
		}
		out[i] = a - 1
	}
	return out, nil
}
