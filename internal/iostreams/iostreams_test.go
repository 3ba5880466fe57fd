package iostreams

import (
	"bytes"
	"testing"
)

func TestColorOn(t *testing.T) {
	cases := []struct {
		tty  bool
		env  map[string]string
		want bool
	}{
		{true, map[string]string{"TERM": "xterm-256color"}, true},
		{true, map[string]string{}, true},
		{false, map[string]string{"TERM": "xterm-256color"}, false}, // a pipe or a file
		{true, map[string]string{"NO_COLOR": "1"}, false},
		{true, map[string]string{"NO_COLOR": "no"}, false}, // any value counts
		{true, map[string]string{"TERM": "dumb"}, false},
	}
	for _, tc := range cases {
		if got := colorOn(tc.tty, func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("tty %v, env %v: colour %v, want %v", tc.tty, tc.env, got, tc.want)
		}
	}
}

func TestColorWriterStripsWithoutColour(t *testing.T) {
	var buf bytes.Buffer
	colorWriter(&buf, false).Write([]byte("\x1b[1mbold\x1b[0m `code`"))
	if got := buf.String(); got != "bold `code`" {
		t.Errorf("without colour: %q", got)
	}
	buf.Reset()
	colorWriter(&buf, true).Write([]byte("\x1b[1mbold\x1b[0m"))
	if got := buf.String(); got != "\x1b[1mbold\x1b[0m" {
		t.Errorf("with colour: %q", got)
	}
}
