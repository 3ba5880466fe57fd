package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
)

// quizScreen asks a step's questions one at a time, explains each answer at
// once, and saves the score when the last one is answered. Leaving half-way
// saves nothing, as `waymark quiz` does.
type quizScreen struct {
	com           *common
	step          *curriculum.Step
	i             int  // the current question
	cursor        int  // the highlighted choice
	answer        int  // the chosen choice, -1 before answering
	score         int  // right answers so far
	finished      bool // every question answered and the score sent to be saved
	width, height int
}

func newQuiz(com *common, s *curriculum.Step) *quizScreen {
	return &quizScreen{com: com, step: s, answer: -1}
}

func (q *quizScreen) Title() string { return "Quiz" }

func (q *quizScreen) SetSize(w, h int) { q.width, q.height = w, h }

func (q *quizScreen) ShortHelp() []key.Binding {
	k := q.com.keys
	switch {
	case q.finished:
		return []key.Binding{k.Back}
	case q.answer >= 0:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")), k.Back}
	}
	return []key.Binding{k.Choose, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "answer")), k.Back}
}

func (q *quizScreen) questions() []curriculum.Question { return q.step.Quiz.Questions }

func (q *quizScreen) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := q.com.keys
	if key.Matches(km, k.Back) {
		if q.finished || (q.i == 0 && q.answer < 0) {
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
	qs := q.questions()
	cur := qs[q.i]
	if q.answer >= 0 {
		if key.Matches(km, k.Open) || km.String() == "space" {
			return q.advance()
		}
		return nil
	}
	switch {
	case key.Matches(km, k.Up):
		q.cursor = max(q.cursor-1, 0)
	case key.Matches(km, k.Down):
		q.cursor = min(q.cursor+1, len(cur.Choices)-1)
	case key.Matches(km, k.Choose):
		if n := int(km.String()[0] - '1'); n < len(cur.Choices) {
			q.cursor = n
			q.choose()
		}
	case key.Matches(km, k.Open):
		q.choose()
	}
	return nil
}

func (q *quizScreen) choose() {
	q.answer = q.cursor
	if q.answer == q.questions()[q.i].Answer {
		q.score++
	}
}

// advance moves to the next question, or finishes and saves the score.
func (q *quizScreen) advance() tea.Cmd {
	qs := q.questions()
	if q.i+1 < len(qs) {
		q.i++
		q.cursor, q.answer = 0, -1
		return nil
	}
	q.finished = true
	step, score, of, passed := q.step.ID, q.score, len(qs), q.passed()
	return q.com.emit(changeMsg{
		Note: fmt.Sprintf("quiz %s: %d/%d", step, score, of),
		Fn: func(p *progress.Progress, now time.Time) {
			p.RecordQuiz(step, score, of, passed, now)
		},
	})
}

func (q *quizScreen) passed() bool {
	return float64(q.score) >= q.step.Quiz.Pass*float64(len(q.questions()))-1e-9
}

func (q *quizScreen) View() string {
	st := q.com.styles
	w := min(q.width, 100)
	qs := q.questions()
	var b strings.Builder
	b.WriteString(fit(st.Heading.Render("Quiz · "+q.step.Title), q.width) + "\n\n")
	if q.finished {
		need := int(q.step.Quiz.Pass*float64(len(qs)) + 0.999)
		if q.passed() {
			b.WriteString(st.Right.Render(fmt.Sprintf("✓ %d/%d — passed.", q.score, len(qs))) + "\n")
		} else {
			b.WriteString(st.Wrong.Render(fmt.Sprintf("%d/%d — %d needed to pass.", q.score, len(qs), need)) + "\n")
			b.WriteString(wrap("Reread the step's topics and try again.", w) + "\n")
		}
		if r, ok := q.com.p.Quizzes[q.step.ID]; ok {
			b.WriteString(st.Muted.Render(fmt.Sprintf("Best so far %d/%d in %s.", r.Best, r.Of, plural(r.Attempts, "attempt"))) + "\n")
		}
		b.WriteString("\n" + st.Muted.Render("enter or esc to go back") + "\n")
		return b.String()
	}
	cur := qs[q.i]
	b.WriteString(st.Muted.Render(fmt.Sprintf("Question %d of %d · %d right so far", q.i+1, len(qs), q.score)) + "\n")
	b.WriteString(st.Title.Render(wrap(cur.Q, w)) + "\n\n")
	for i, c := range cur.Choices {
		sign, style := "  ", st.Choice
		switch {
		case q.answer >= 0 && i == cur.Answer:
			sign, style = "✓ ", st.Right
		case q.answer >= 0 && i == q.answer:
			sign, style = "✗ ", st.Wrong
		case q.answer < 0 && i == q.cursor:
			sign, style = "› ", st.ChoiceHover
		}
		text := wrap(fmt.Sprintf("%d) %s", i+1, c), w-4)
		b.WriteString(sign + style.Render(strings.ReplaceAll(text, "\n", "\n     ")) + "\n")
	}
	if q.answer >= 0 {
		verdict := st.Right.Render("✓ Right.")
		if q.answer != cur.Answer {
			verdict = st.Wrong.Render(fmt.Sprintf("✗ Not quite: the answer is %d.", cur.Answer+1))
		}
		b.WriteString("\n" + wrap(verdict+" "+cur.Explain, w) + "\n")
		if q.i+1 == len(qs) {
			b.WriteString("\n" + st.Muted.Render("enter to see your score") + "\n")
		}
	}
	return b.String()
}
