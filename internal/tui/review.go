package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/quiz"
)

// reviewScreen asks the questions due for review, as `waymark review`
// does: the most overdue first, at most quiz.DefaultLimit, with the choices
// shuffled from the clock. Each answer is saved as it is given, so leaving
// half-way keeps the answers given. The end, and an empty review, say what
// is still due and when the next questions come.
type reviewScreen struct {
	com           *common
	asked         []quiz.Asked
	i             int // the current question
	ask           asker
	right         int
	finished      bool
	width, height int
}

func newReview(com *common) *reviewScreen {
	due := quiz.Due(com.c, com.p, com.now())
	r := &reviewScreen{com: com, asked: quiz.Review(due[:min(len(due), quiz.DefaultLimit)], quiz.NewSeed(com.now()))}
	if len(r.asked) == 0 {
		r.finished = true
	} else {
		r.ask = newAsker(com, r.asked[0])
	}
	return r
}

func (r *reviewScreen) Title() string { return "Review" }

func (r *reviewScreen) SetSize(w, h int) { r.width, r.height = w, h }

func (r *reviewScreen) ShortHelp() []key.Binding {
	if r.finished {
		return []key.Binding{r.com.keys.Back}
	}
	return append(r.ask.helpKeys(), r.com.keys.Back)
}

func (r *reviewScreen) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := r.com.keys
	switch {
	case key.Matches(km, k.Back):
		return nil // every answer is saved already: the router closes the screen
	case r.finished:
		if key.Matches(km, k.Open) {
			return r.com.emit(backMsg{})
		}
		return nil
	case r.ask.answered():
		if key.Matches(km, k.Open) || km.String() == "space" {
			r.advance()
		}
		return nil
	case r.ask.key(km):
		return r.save(r.ask.result())
	}
	return nil
}

// save records one answer in the schedule at once.
func (r *reviewScreen) save(res quiz.Result) tea.Cmd {
	verdict := "wrong: back to box 1"
	if res.Right {
		r.right++
		verdict = "right"
	}
	return r.com.emit(changeMsg{
		Note: fmt.Sprintf("review %d/%d: %s", r.i+1, len(r.asked), verdict),
		Fn: func(p *progress.Progress, now time.Time) {
			quiz.RecordReview(p, []quiz.Result{res}, now)
		},
	})
}

func (r *reviewScreen) advance() {
	if r.i+1 < len(r.asked) {
		r.i++
		r.ask = newAsker(r.com, r.asked[r.i])
		return
	}
	r.finished = true
}

func (r *reviewScreen) View() string {
	st := r.com.styles
	w := min(r.width, 100)
	var b strings.Builder
	b.WriteString(fit(st.Heading.Render("Review"), r.width) + "\n\n")
	if r.finished {
		if len(r.asked) > 0 {
			b.WriteString(st.Title.Render(fmt.Sprintf("%d of %d right.", r.right, len(r.asked))) + "\n")
		}
		b.WriteString(wrap(r.outlook(), w) + "\n")
		b.WriteString("\n" + st.Muted.Render("enter or esc to go back") + "\n")
		return b.String()
	}
	a := r.asked[r.i]
	b.WriteString(fit(st.Muted.Render(fmt.Sprintf("Question %d of %d · from %s", r.i+1, len(r.asked), a.Step.Title)), r.width) + "\n")
	b.WriteString(r.ask.view(w))
	if r.ask.answered() && r.i+1 == len(r.asked) {
		b.WriteString("\n" + st.Muted.Render("enter to finish") + "\n")
	}
	return b.String()
}

// outlook says what is due after the answers saved so far: the
// router refreshes com.review as each save lands.
func (r *reviewScreen) outlook() string {
	o, now := r.com.review, r.com.now()
	var parts []string
	switch {
	case o.Due > 0 && len(r.asked) > 0:
		parts = append(parts, fmt.Sprintf("%s still due: press v on the dashboard to go on.", plural(o.Due, "question")))
	case o.Due > 0:
		parts = append(parts, fmt.Sprintf("%s due.", plural(o.Due, "question")))
	case o.Scheduled == 0:
		parts = append(parts, "Nothing to review yet: the questions you answer in quizzes (t) come back here, the ones you got wrong first.")
	case len(r.asked) == 0:
		parts = append(parts, "Nothing to review now.")
	}
	if o.NextDay != "" {
		parts = append(parts, fmt.Sprintf("Next: %s due %s.", plural(o.Next, "question"), quiz.When(o.NextDay, now)))
	}
	return strings.Join(parts, " ")
}
