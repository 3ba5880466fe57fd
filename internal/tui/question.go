package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/waymark-dev/waymark/internal/quiz"
)

// asker puts one question to the learner, for the quiz and the review
// screens: a cursor over the choices as shown, then the verdict with the
// right choice and the explanation.
type asker struct {
	com    *common
	q      quiz.Asked
	cursor int // the highlighted choice, as shown
	answer int // the chosen choice as shown, -1 before answering
}

func newAsker(com *common, q quiz.Asked) asker { return asker{com: com, q: q, answer: -1} }

func (a *asker) answered() bool { return a.answer >= 0 }

func (a *asker) right() bool { return a.answer == a.q.Answer() }

func (a *asker) result() quiz.Result { return quiz.Result{Key: a.q.Key, Right: a.right()} }

// key moves the cursor or answers; it reports whether km answered.
func (a *asker) key(km tea.KeyPressMsg) bool {
	if a.answered() {
		return false
	}
	k, n := a.com.keys, len(a.q.Order)
	switch {
	case key.Matches(km, k.Up):
		a.cursor = max(a.cursor-1, 0)
	case key.Matches(km, k.Down):
		a.cursor = min(a.cursor+1, n-1)
	case key.Matches(km, k.Choose):
		if c := int(km.String()[0] - '1'); c < n {
			a.answer, a.cursor = c, c
			return true
		}
	case key.Matches(km, k.Open):
		a.answer = a.cursor
		return true
	}
	return false
}

// helpKeys is the asker's part of the help bar.
func (a *asker) helpKeys() []key.Binding {
	if a.answered() {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next"))}
	}
	return []key.Binding{a.com.keys.Choose, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "answer"))}
}

// view draws the question and its choices at width w and, once answered,
// the verdict: a wrong answer is told the right choice by its number and
// text, then the explanation.
func (a *asker) view(w int) string {
	st := a.com.styles
	var b strings.Builder
	b.WriteString(st.Title.Render(wrap(a.q.Question.Q, w)) + "\n\n")
	right := a.q.Answer()
	for i, c := range a.q.Choices() {
		sign, style := "  ", st.Choice
		switch {
		case a.answered() && i == right:
			sign, style = "✓ ", st.Right
		case a.answered() && i == a.answer:
			sign, style = "✗ ", st.Wrong
		case !a.answered() && i == a.cursor:
			sign, style = "› ", st.ChoiceHover
		}
		text := wrap(fmt.Sprintf("%d) %s", i+1, c), w-4)
		b.WriteString(sign + style.Render(strings.ReplaceAll(text, "\n", "\n     ")) + "\n")
	}
	if a.answered() {
		verdict := st.Right.Render("✓ Right.")
		if !a.right() {
			verdict = st.Wrong.Render(fmt.Sprintf("✗ Not quite: the answer is %d) %s.", right+1, strings.TrimSuffix(a.q.Choices()[right], ".")))
		}
		b.WriteString("\n" + wrap(verdict+" "+a.q.Question.Explain, w) + "\n")
	}
	return b.String()
}
