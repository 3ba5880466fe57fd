package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/quiz"
)

// quizScreen asks a step's questions one at a time, with the choices
// shuffled for the attempt as `waymark quiz` does (seeded from the clock,
// so a fixed clock draws the same screens), explains each answer at once,
// and saves the score and the answers when the last one is given. Leaving
// half-way saves nothing, as `waymark quiz` does.
type quizScreen struct {
	com           *common
	step          *curriculum.Step
	seed          uint64
	asked         []quiz.Asked
	i             int // the current question
	ask           asker
	results       []quiz.Result
	finished      bool // every question answered and the attempt sent to be saved
	width, height int
}

func newQuiz(com *common, s *curriculum.Step) *quizScreen {
	seed := quiz.NewSeed(com.now())
	q := &quizScreen{com: com, step: s, seed: seed, asked: quiz.Attempt(s, seed)}
	q.ask = newAsker(com, q.asked[0])
	return q
}

func (q *quizScreen) Title() string { return "Quiz" }

func (q *quizScreen) SetSize(w, h int) { q.width, q.height = w, h }

func (q *quizScreen) ShortHelp() []key.Binding {
	if q.finished {
		return []key.Binding{q.com.keys.Back}
	}
	return append(q.ask.helpKeys(), q.com.keys.Back)
}

func (q *quizScreen) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := q.com.keys
	if key.Matches(km, k.Back) {
		if q.finished || (q.i == 0 && !q.ask.answered()) {
			return nil // nothing to lose: the router just closes the quiz
		}
		q.com.emit(statusMsg{Text: "quiz left before the end: nothing was saved"})
		return q.com.emit(backMsg{})
	}
	if q.finished {
		if key.Matches(km, k.Open) {
			return q.com.emit(backMsg{})
		}
		return nil
	}
	if q.ask.answered() {
		if key.Matches(km, k.Open) || km.String() == "space" {
			return q.advance()
		}
		return nil
	}
	if q.ask.key(km) {
		q.results = append(q.results, q.ask.result())
	}
	return nil
}

// advance moves to the next question, or finishes and saves the attempt.
func (q *quizScreen) advance() tea.Cmd {
	if q.i+1 < len(q.asked) {
		q.i++
		q.ask = newAsker(q.com, q.asked[q.i])
		return nil
	}
	q.finished = true
	step, results, curriculumID := q.step, q.results, q.com.c.ID
	return q.com.emit(changeMsg{
		Note: fmt.Sprintf("quiz %s: %d/%d", step.ID, quiz.Score(results), len(q.asked)),
		Fn: func(p *progress.Progress, now time.Time) {
			quiz.RecordAttempt(p, curriculumID, step, results, now)
		},
	})
}

func (q *quizScreen) score() int { return quiz.Score(q.results) }

func (q *quizScreen) View() string {
	st := q.com.styles
	w := min(q.width, 100)
	var b strings.Builder
	b.WriteString(fit(st.Heading.Render("Quiz · "+q.step.Title), q.width) + "\n\n")
	n := len(q.asked)
	if q.finished {
		if quiz.Passed(q.step.Quiz, q.score()) {
			b.WriteString(st.Right.Render(fmt.Sprintf("✓ %d/%d — passed.", q.score(), n)) + "\n")
		} else {
			b.WriteString(st.Wrong.Render(fmt.Sprintf("%d/%d — %d needed to pass.", q.score(), n, quiz.Needed(q.step.Quiz))) + "\n")
			b.WriteString(wrap("Reread the step's topics and try again.", w) + "\n")
		}
		if r, ok := q.com.p.Quizzes[q.step.ID]; ok {
			b.WriteString(st.Muted.Render(fmt.Sprintf("Best so far %d/%d in %s.", r.Best, r.Of, plural(r.Attempts, "attempt"))) + "\n")
		}
		b.WriteString(st.Muted.Render(wrap(fmt.Sprintf("Choices were shuffled with seed %d: waymark quiz %s --seed %d asks them in this order again.", q.seed, q.step.ID, q.seed), w)) + "\n")
		b.WriteString("\n" + st.Muted.Render("enter or esc to go back") + "\n")
		return b.String()
	}
	b.WriteString(st.Muted.Render(fmt.Sprintf("Question %d of %d · %d right so far", q.i+1, n, q.score())) + "\n")
	b.WriteString(q.ask.view(w))
	if q.ask.answered() && q.i+1 == n {
		b.WriteString("\n" + st.Muted.Render("enter to see your score") + "\n")
	}
	return b.String()
}
