package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/iostreams"
)

func TestSpinnerShowsElapsedTimeAndTheNoteOnlyOnATerminal(t *testing.T) {
	io, _, _, errOut := iostreams.Test()
	f := NewFactory(io, func(string) string { return "" }, time.Now)
	stop := startSpinner(f, "Waiting", withElapsed(), withNoteAfter(time.Hour, "never shown"))
	stop()
	if errOut.Len() != 0 {
		t.Fatalf("a spinner in a pipe: %q", errOut)
	}
	io.SetTTY(true)
	stop = startSpinner(f, "Waiting", withElapsed(), withNoteAfter(0, "a first build is slow"))
	time.Sleep(100 * time.Millisecond)
	stop()
	out := errOut.String()
	for _, want := range []string{"Waiting… 0s", "a first build is slow"} {
		if !strings.Contains(out, want) {
			t.Errorf("spinner output lacks %q: %q", want, out)
		}
	}
	if !strings.HasSuffix(out, "\r"+strings.Repeat(" ", len([]rune("⠋ Waiting… 0s — a first build is slow")))+"\r") {
		t.Errorf("the line is not blanked at the end: %q", out)
	}
	if strings.Contains(out, "never shown") {
		t.Error("a note shown before its time")
	}
}
