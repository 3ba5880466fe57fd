package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/waymark-dev/waymark/internal/wrap"
)

// spinnerOption changes what a spinner line shows.
type spinnerOption func(*spinnerLine)

type spinnerLine struct {
	elapsed   bool
	note      string
	noteAfter time.Duration
}

// withElapsed adds the seconds since the work began.
func withElapsed() spinnerOption { return func(s *spinnerLine) { s.elapsed = true } }

// withNoteAfter adds note once the work has taken longer than d: why it may
// take a while, said only when it does.
func withNoteAfter(d time.Duration, note string) spinnerOption {
	return func(s *spinnerLine) { s.note, s.noteAfter = note, d }
}

// startSpinner shows a progress line on stderr while work runs, only when
// stderr is a terminal; the returned func clears it.
func startSpinner(f *Factory, label string, opts ...spinnerOption) func() {
	if !f.IO.IsStderrTTY() {
		return func() {}
	}
	var cfg spinnerLine
	for _, o := range opts {
		o(&cfg)
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(finished)
		frames := []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}
		t := time.NewTicker(80 * time.Millisecond)
		defer t.Stop()
		last := 0 // cells of the line shown, to blank it out
		for i := 0; ; i++ {
			line := frames[i%len(frames)] + " " + label + "…"
			since := time.Since(start)
			if cfg.elapsed {
				line += fmt.Sprintf(" %ds", int(since.Seconds()))
			}
			if cfg.note != "" && since > cfg.noteAfter {
				line += " — " + cfg.note
			}
			// Cut to the width so that it never wraps and leaves a trail;
			// spaces, not an erase sequence, blank what a longer line left,
			// since with NO_COLOR the stream strips every escape sequence.
			line = wrap.Cut(line, f.IO.Width()-1)
			n := ansi.StringWidth(line)
			fmt.Fprintf(f.IO.ErrOut, "\r%s%s", line, strings.Repeat(" ", max(last-n, 0)))
			last = max(last, n)
			select {
			case <-done:
				fmt.Fprintf(f.IO.ErrOut, "\r%s\r", strings.Repeat(" ", last))
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
