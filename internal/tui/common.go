package tui

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/quiz"
)

// screen is one sub-model: the router owns screens and hands each its share
// of the window. Screens are pointers and update in place.
type screen interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	// Title is the screen's name in the breadcrumb.
	Title() string
	// ShortHelp is the screen's part of the help bar.
	ShortHelp() []key.Binding
}

// capturer is a screen that is reading text (a filter, a form): while
// Capturing, the router passes every key to it, even q and tab.
type capturer interface{ Capturing() bool }

// common is what every screen shares: the size, styles and keys, the content
// and a snapshot of the learner's progress with what is derived from it.
// The router owns it; screens only read it.
type common struct {
	ctx           context.Context
	width, height int
	styles        *Styles
	keys          KeyMap
	opts          Options

	c        *curriculum.Curriculum
	p        *progress.Progress
	sum      progress.Summary
	activity progress.Activity
	next     *curriculum.Topic
	stepStat map[string]progress.StepStat
	review   quiz.Outlook

	// requests are what screens asked of the router (open a screen, go
	// back, save, show a status) during the current Update: see emit.
	requests []tea.Msg
}

// setProgress installs a new snapshot and recomputes what views show, so that
// View itself only draws.
func (c *common) setProgress(p *progress.Progress) {
	c.p = p
	c.sum = progress.Summarize(c.c, p)
	c.activity = progress.Stats(c.c, p, c.now())
	c.next = progress.NextTopic(c.c, p)
	c.review = quiz.Look(c.c, p, c.now())
	c.stepStat = make(map[string]progress.StepStat, len(c.sum.Steps))
	for _, s := range c.sum.Steps {
		c.stepStat[s.StepID] = s
	}
}

func (c *common) now() time.Time {
	if c.opts.Now != nil {
		return c.opts.Now()
	}
	return time.Now()
}

// Messages between screens and the router.
type (
	// openStepMsg asks for a step's checklist; an empty StepID means every
	// topic of the roadmap, with the filter open.
	openStepMsg  struct{ StepID string }
	openTopicMsg struct{ TopicID string }
	openQuizMsg  struct{ StepID string }
	// openReviewMsg asks for the questions due for review.
	openReviewMsg struct{}
	openFormMsg   struct{ ProjectID string }
	// openExerciseFormMsg asks for the form that writes one of a topic's
	// exercises.
	openExerciseFormMsg struct{ TopicID string }
	// backMsg closes the top screen.
	backMsg struct{}
	// changeMsg asks the router to change progress and save it at once.
	changeMsg struct {
		Note string
		Fn   func(p *progress.Progress, now time.Time)
	}
	// savedMsg reports the end of a save: the file's new content, or why it
	// could not be written.
	savedMsg struct {
		seq  int
		p    *progress.Progress
		err  error
		note string
	}
	// statusMsg puts a line in the status bar.
	statusMsg struct {
		Text string
		Err  bool
	}
)

// emit queues msg for the router, which handles it as soon as the screen's
// Update returns, before the next key: a command would run concurrently, and
// a fast typist's next key could reach the screen being left.
func (c *common) emit(msg tea.Msg) tea.Cmd {
	c.requests = append(c.requests, msg)
	return nil
}

// setTopic asks for a topic's status to change.
func (c *common) setTopic(t *curriculum.Topic, st progress.Status) tea.Cmd {
	verb := map[progress.Status]string{
		progress.StatusDone: "done", progress.StatusDoing: "in progress",
		progress.StatusSkipped: "skipped", progress.StatusTodo: "reset to to-do",
	}[st]
	id := t.ID
	return c.emit(changeMsg{
		Note: t.Title + ": " + verb,
		Fn:   func(p *progress.Progress, now time.Time) { p.SetTopic(id, st, now) },
	})
}

// markKey maps a marking key to the status it sets; toggle flips done/todo.
func markKey(k KeyMap, msg tea.KeyPressMsg, current progress.Status) (progress.Status, bool) {
	switch {
	case key.Matches(msg, k.Toggle):
		if current == progress.StatusDone {
			return progress.StatusTodo, true
		}
		return progress.StatusDone, true
	case key.Matches(msg, k.Done):
		return progress.StatusDone, true
	case key.Matches(msg, k.Doing):
		return progress.StatusDoing, true
	case key.Matches(msg, k.Skip):
		return progress.StatusSkipped, true
	case key.Matches(msg, k.Reset):
		return progress.StatusTodo, true
	}
	return "", false
}

// fit cuts s to width cells, with an ellipsis when cut.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// wrap word-wraps plain or styled text to width cells.
func wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	return ansi.Wrap(s, width, "")
}

// window returns the first index to show so that cursor is visible in a
// list of n rows shown height at a time, keeping the previous top when it
// still works (the list does not jump).
func window(top, cursor, n, height int) int {
	if height <= 0 || n <= height {
		return 0
	}
	if cursor < top {
		top = cursor
	}
	if cursor >= top+height {
		top = cursor - height + 1
	}
	return min(max(top, 0), n-height)
}

// moveCursor applies the list navigation keys to cursor over n rows.
func moveCursor(k KeyMap, msg tea.KeyPressMsg, cursor, n, page int) (int, bool) {
	switch {
	case key.Matches(msg, k.Up):
		cursor--
	case key.Matches(msg, k.Down):
		cursor++
	case key.Matches(msg, k.PageUp):
		cursor -= max(page, 1)
	case key.Matches(msg, k.PageDown):
		cursor += max(page, 1)
	case key.Matches(msg, k.Top):
		cursor = 0
	case key.Matches(msg, k.Bottom):
		cursor = n - 1
	default:
		return cursor, false
	}
	return min(max(cursor, 0), max(n-1, 0)), true
}

// wheel turns a mouse wheel event into a cursor move of three rows.
func wheel(msg tea.MouseWheelMsg, cursor, n int) int {
	switch msg.Button {
	case tea.MouseWheelUp:
		cursor -= 3
	case tea.MouseWheelDown:
		cursor += 3
	}
	return min(max(cursor, 0), max(n-1, 0))
}

// firstLines returns at most n lines of s.
func firstLines(s string, n int) []string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return lines
}

// cellWidth is the width of s on the screen, escape sequences excluded.
func cellWidth(s string) int { return ansi.StringWidth(s) }

// scrollKey moves vp for the scrolling keys and reports whether msg was one,
// so every scrolling screen answers the same keys the same way.
func scrollKey(vp *viewport.Model, k KeyMap, msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	default:
		return false
	}
	return true
}
