package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/internal/quiz"
	"github.com/waymark-dev/waymark/internal/wrap"
)

// What `waymark quiz` and `waymark review` share: putting a question with
// its choices as shown, reading or parsing the answers, and the feedback.

// errQuit is returned when the learner leaves a quiz half-way.
var errQuit = errors.New("quiz left before the end: nothing was saved")

// seedOf is the seed an attempt is asked under: --seed when given, else 0
// (the curriculum's order) for scripted answers, else a new one.
func seedOf(f *Factory, seed uint64, hasSeed bool, answers string) uint64 {
	switch {
	case hasSeed:
		return seed
	case answers != "":
		return 0
	}
	return quiz.NewSeed(f.Now())
}

// seedLine says how the choices are ordered, so that an attempt can be
// replayed with --seed.
func seedLine(st styles, seed uint64) string {
	if seed == 0 {
		return st.faint.Render("Choices in the curriculum's order (seed 0).")
	}
	return st.faint.Render(fmt.Sprintf("Choices shuffled with seed %d (replay: --seed %d).", seed, seed))
}

func printQuestion(w io.Writer, width, i, n int, a quiz.Asked) {
	st := newStyles()
	fmt.Fprintln(w, wrap.Hanging(st.faint.Render(fmt.Sprintf("%d/%d", i+1, n))+" ", st.title.Render(a.Question.Q), width))
	for ci, ch := range a.Choices() {
		fmt.Fprintln(w, wrap.Hanging(fmt.Sprintf("  %d) ", ci+1), ch, width))
	}
}

// choiceText is a shown choice with its number: "2) DNS".
func choiceText(a quiz.Asked, shown int) string {
	return fmt.Sprintf("%d) %s", shown+1, a.Choices()[shown])
}

// feedback says whether the choice (as shown) was right; a wrong one is
// told the right choice in full, and either way the explanation follows,
// each paragraph wrapped as a whole so that no mark is glued onto a
// wrapped line.
func feedback(st styles, width int, a quiz.Asked, chosen int) string {
	if chosen == a.Answer() {
		return wrap.Text(st.ok.Render("✓ Right.")+" "+a.Question.Explain, width)
	}
	return wrap.Hanging(st.err.Render("✗ Not quite.")+" ", "The answer is "+choiceText(a, a.Answer()), width) + "\n" + wrap.Text(a.Question.Explain, width)
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

// parseAnswers reads --answers: one number per asked question, as shown.
// what names the questions in the count mismatch ("the quiz has 8
// questions").
func parseAnswers(s string, asked []quiz.Asked, what string) ([]int, error) {
	parts := strings.Split(s, ",")
	if len(parts) != len(asked) {
		return nil, fmt.Errorf("--answers has %d %s; %s", len(parts), pluralWord(len(parts), "answer", "answers"), what)
	}
	out := make([]int, len(parts))
	for i, p := range parts {
		a, err := strconv.Atoi(strings.TrimSpace(p))
		if n := len(asked[i].Order); err != nil || a < 1 || a > n {
			return nil, fmt.Errorf("--answers: answer %d is %q; question %d has choices 1 to %d", i+1, p, i+1, n)
		}
		out[i] = a - 1
	}
	return out, nil
}

// questionJSON is one asked question in --json output; the answer fields
// are absent when nothing was answered (a review's list of what is due).
type questionJSON struct {
	Key      string   `json:"key"`
	Step     string   `json:"step"`
	Question string   `json:"question"`
	Choices  []string `json:"choices"`
	// Order is, for each choice as shown, its place in the curriculum,
	// from 1.
	Order   []int `json:"order"`
	Answer  *int  `json:"answer,omitempty"`
	Correct *int  `json:"correct,omitempty"`
	Right   *bool `json:"right,omitempty"`
}

func askedJSON(a quiz.Asked) questionJSON {
	order := make([]int, len(a.Order))
	for i, o := range a.Order {
		order[i] = o + 1
	}
	return questionJSON{Key: a.Key, Step: a.Step.ID, Question: a.Question.Q, Choices: a.Choices(), Order: order}
}

func answeredJSON(a quiz.Asked, chosen int) questionJSON {
	q := askedJSON(a)
	answer, correct, right := chosen+1, a.Answer()+1, chosen == a.Answer()
	q.Answer, q.Correct, q.Right = &answer, &correct, &right
	return q
}
