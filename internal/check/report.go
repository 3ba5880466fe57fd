package check

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/waymark-dev/waymark/internal/wrap"
)

// Styles of the text report. Colour is always rendered; the streams strip
// it when colour is off (NO_COLOR, not a terminal).
type Styles struct {
	OK, Fail, Skip, Faint, Title, Label lipgloss.Style
}

// NewStyles returns the report's styles.
func NewStyles() Styles {
	return Styles{
		OK:    lipgloss.NewStyle().Foreground(lipgloss.Green),
		Fail:  lipgloss.NewStyle().Foreground(lipgloss.Red),
		Skip:  lipgloss.NewStyle().Foreground(lipgloss.Yellow),
		Faint: lipgloss.NewStyle().Faint(true),
		Title: lipgloss.NewStyle().Bold(true),
		Label: lipgloss.NewStyle().Bold(true),
	}
}

// TextReport prints a run as it happens: a line per step on Out, a spinner
// on Err while a step runs (when Spinner is set), and a failure block after
// a failing milestone.
type TextReport struct {
	Out, Err io.Writer
	Spinner  bool
	Styles   Styles
	// Width is the terminal's width; prose is wrapped to it (0: 80).
	Width int
	// Against is what the header says is checked when there is no URL:
	// "your program" if empty.
	Against string

	mu   sync.Mutex
	stop chan struct{}
	wg   sync.WaitGroup
}

// NewTextReport returns a report writing to out, with a spinner on errOut
// when spinner is set.
func NewTextReport(out, errOut io.Writer, spinner bool) *TextReport {
	return &TextReport{Out: out, Err: errOut, Spinner: spinner, Styles: NewStyles(), Width: wrap.Width}
}

func (t *TextReport) width() int {
	if t.Width <= 0 {
		return wrap.Width
	}
	return t.Width
}

// Header prints what is about to be checked.
func (t *TextReport) Header(project, mode string, urls []string, seed int64) {
	against := strings.Join(urls, ", ")
	if against == "" {
		against = t.Against
	}
	if against == "" {
		against = "your program"
	}
	fmt.Fprintf(t.Out, "%s %s against %s (%s mode, seed %d)\n\n", t.Styles.Title.Render("Checking"), project, against, mode, seed)
}

// MilestoneStarted prints the milestone's title.
func (t *TextReport) MilestoneStarted(m *MilestoneResult) {
	fmt.Fprintf(t.Out, "%s — %s\n", t.Styles.Title.Render(m.ID), m.Title)
}

// StepStarted starts the spinner.
func (t *TextReport) StepStarted(_ *MilestoneResult, name string) {
	if !t.Spinner {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stop = make(chan struct{})
	t.wg.Add(1)
	go func(stop chan struct{}) {
		defer t.wg.Done()
		frames := []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}
		tick := time.NewTicker(80 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			fmt.Fprintf(t.Err, "\r  %s %s", frames[i%len(frames)], name)
			select {
			case <-stop:
				fmt.Fprint(t.Err, "\r\x1b[2K")
				return
			case <-tick.C:
			}
		}
	}(t.stop)
}

// StepFinished stops the spinner and prints the step's line.
func (t *TextReport) StepFinished(_ *MilestoneResult, s *StepResult) {
	t.mu.Lock()
	if t.stop != nil {
		close(t.stop)
		t.stop = nil
	}
	t.mu.Unlock()
	t.wg.Wait()
	fmt.Fprintln(t.Out, t.stepLine(s))
	if s.Load != nil && (s.Status == Passed || s.Status == Failed) {
		t.writeLoad(t.Out, s)
	}
}

func (t *TextReport) stepLine(s *StepResult) string {
	st := t.Styles
	switch s.Status {
	case Passed:
		return fmt.Sprintf("  %s %s %s", st.OK.Render("✓"), s.Name, st.Faint.Render(FormatDuration(s.Duration)))
	case Failed:
		return fmt.Sprintf("  %s %s %s", st.Fail.Render("✗"), s.Name, st.Faint.Render(FormatDuration(s.Duration)))
	case Skipped:
		return fmt.Sprintf("  %s %s %s", st.Skip.Render("−"), s.Name, st.Faint.Render("skipped: "+s.Message))
	}
	return fmt.Sprintf("  %s %s %s", st.Faint.Render("·"), s.Name, st.Faint.Render("not run"))
}

// MilestoneFinished prints a failing or skipped milestone's details.
func (t *TextReport) MilestoneFinished(m *MilestoneResult) {
	switch m.Status {
	case Failed:
		for _, s := range m.Steps {
			if s.Status == Failed {
				t.failure(m, s)
			}
		}
	case Skipped:
		fmt.Fprintf(t.Out, "  %s %s\n", t.Styles.Skip.Render("skipped, not verified:"), m.Message)
	}
	fmt.Fprintln(t.Out)
}

// failure prints everything about one failed step. Prose fields wrap under
// their label; a command to paste (try it) and raw data (body, output, log)
// stay exactly as they are.
func (t *TextReport) failure(m *MilestoneResult, s *StepResult) {
	st := t.Styles
	w := t.Out
	width := t.width()
	label := func(l string) string {
		return "    " + st.Label.Render(l) + strings.Repeat(" ", max(10-len(l), 0)) + " "
	}
	field := func(l, text string) {
		if text != "" {
			fmt.Fprintln(w, wrap.Hanging(label(l), text, width))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, wrap.Hanging("  "+st.Fail.Render("✗")+" ", st.Fail.Render(s.Message), width))
	if s.Expected != "" || s.Got != "" {
		field("expected", s.Expected)
		field("got", s.Got)
	}
	field("why", s.Diagnosis)
	field("hint", s.Hint)
	if m.Hint != "" && !strings.Contains(s.Diagnosis, m.Hint) {
		field("milestone", m.Hint)
	}
	if s.Curl != "" {
		fmt.Fprintf(w, "%s%s\n", label("try it"), s.Curl)
	}
	if len(s.Frames) > 0 {
		fmt.Fprintln(w, strings.TrimRight(label("frames"), " "))
		for _, f := range s.Frames {
			fmt.Fprintf(w, "      %s\n", f)
		}
	}
	block := func(title, text string) {
		if text == "" {
			return
		}
		fmt.Fprintln(w, strings.TrimRight(label(title), " "))
		for _, line := range strings.Split(text, "\n") {
			fmt.Fprintf(w, "      %s\n", st.Faint.Render(line))
		}
	}
	block("body", s.Body)
	block("output", s.Output)
	field("captured", joinVars(s.Vars))
	if len(s.Missing) > 0 {
		parts := make([]string, len(s.Missing))
		for i, v := range s.Missing {
			parts[i] = "${" + v.Name + "} (" + v.Why + ")"
		}
		field("missing", strings.Join(parts, "; "))
	}
	if len(s.Rand) > 0 {
		field("random", "values generated for this run: "+joinVars(s.Rand))
	}
	if len(s.Log) > 0 {
		block("server log", strings.Join(s.Log, "\n"))
	}
}

func joinVars(vs []Var) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = fmt.Sprintf("${%s} = %q", v.Name, v.Value)
	}
	return strings.Join(parts, ", ")
}

// Summary prints the run's last lines: what passed and what to do next.
func (t *TextReport) Summary(r *Report) {
	st := t.Styles
	passed, total := 0, 0
	var failed *MilestoneResult
	for _, m := range r.Milestones {
		if m.Status == NotRun {
			continue
		}
		total++
		if m.Status == Passed {
			passed++
		}
		if m.Status == Failed && failed == nil {
			failed = m
		}
	}
	of := fmt.Sprintf("%d of %d %s passed", passed, total, milestones(total))
	switch r.Status {
	case Passed:
		fmt.Fprintf(t.Out, "%s %s %s\n", st.OK.Render("✓"), of, st.Faint.Render("("+FormatDuration(r.Duration)+")"))
	case Skipped:
		fmt.Fprintln(t.Out, wrap.Text(st.Skip.Render("−")+" "+of+"; the others were skipped and are not verified", t.width()))
	default:
		fmt.Fprintln(t.Out, wrap.Text(fmt.Sprintf("%s milestone %s failed; %s. Fix the step above and run `waymark check` again.", st.Fail.Render("✗"), failed.ID, of), t.width()))
		fmt.Fprintf(t.Out, "  To replay the same random values: waymark check --seed %d\n", r.Seed)
	}
}

// FormatDuration is a short human duration: 3ms, 1.2s.
func FormatDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return "<1ms"
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1fs", d.Seconds())
}

// WriteJSON writes the results document.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteStartFailure explains a server that did not come up.
func (t *TextReport) WriteStartFailure(err *StartError) {
	st := t.Styles
	fmt.Fprintf(t.Out, "%s %s\n", st.Fail.Render("✗"), st.Fail.Render("your server did not start"))
	fmt.Fprintf(t.Out, "    %s %s\n", st.Label.Render(fmt.Sprintf("%-10s", "why")), err.Reason)
	if len(err.Log) > 0 {
		fmt.Fprintf(t.Out, "    %s\n", st.Label.Render("server log"))
		for _, l := range err.Log {
			fmt.Fprintf(t.Out, "      %s\n", st.Faint.Render(l))
		}
	} else {
		fmt.Fprintf(t.Out, "    %s\n", st.Faint.Render("(it printed nothing)"))
	}
}

func milestones(n int) string {
	if n == 1 {
		return "milestone"
	}
	return "milestones"
}
