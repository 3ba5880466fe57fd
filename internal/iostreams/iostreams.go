// Package iostreams carries the standard streams and what is known about
// them (terminal or not, colour or not), so commands never look at os.Stdout
// directly and tests can swap in buffers.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"github.com/charmbracelet/colorprofile"
	"golang.org/x/term"
)

// IOStreams are a command's input and outputs.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY, stdoutTTY, stderrTTY bool
	colorOut, colorErr             bool
	width                          int
}

// System returns the process's own streams.
func System() *IOStreams {
	s := &IOStreams{
		In:        os.Stdin,
		stdinTTY:  isTerminal(os.Stdin),
		stdoutTTY: isTerminal(os.Stdout),
		stderrTTY: isTerminal(os.Stderr),
	}
	s.colorOut = colorOn(s.stdoutTTY, os.Getenv)
	s.colorErr = colorOn(s.stderrTTY, os.Getenv)
	s.Out = colorWriter(os.Stdout, s.colorOut)
	s.ErrOut = colorWriter(os.Stderr, s.colorErr)
	if s.stdoutTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
			s.width = w
		}
	}
	return s
}

// colorOn reports whether a stream shows colour: only a terminal does, and
// not when NO_COLOR is set (to anything) or TERM is dumb. Without colour a
// lesson is printed as Markdown rather than styled.
func colorOn(tty bool, getenv func(string) string) bool {
	return tty && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

// colorWriter strips escape sequences from what is written unless colour is
// on, so view code can always render styled text.
func colorWriter(w io.Writer, color bool) io.Writer {
	if color {
		return w
	}
	return &colorprofile.Writer{Forward: w, Profile: colorprofile.NoTTY}
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// Test returns streams backed by buffers: no terminal, no colour.
func Test() (s *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	s = &IOStreams{In: in, Out: colorWriter(out, false), ErrOut: colorWriter(errOut, false)}
	return s, in, out, errOut
}

// SetTTY marks all three streams as terminals or not (for tests).
func (s *IOStreams) SetTTY(tty bool) { s.stdinTTY, s.stdoutTTY, s.stderrTTY = tty, tty, tty }

// IsStdinTTY reports whether input comes from a terminal, which decides
// whether waymark may prompt.
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStdoutTTY reports whether output goes to a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether chatter and spinners go to a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// ColorEnabled reports whether stdout shows colour.
func (s *IOStreams) ColorEnabled() bool { return s.colorOut }

// Interactive reports whether waymark may take over the terminal (TUI,
// prompts): both input and output must be terminals.
func (s *IOStreams) Interactive() bool { return s.stdinTTY && s.stdoutTTY }

// Width is the terminal's width, or 80 when unknown.
func (s *IOStreams) Width() int {
	if s.width <= 0 {
		return 80
	}
	return s.width
}
