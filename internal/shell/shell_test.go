package shell

import (
	"os/exec"
	"testing"
)

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"tasks":                      "tasks",
		"./my project":               "'./my project'",
		"":                           "''",
		"it's":                       `'it'\''s'`,
		"http://127.0.0.1:8080/a":    "http://127.0.0.1:8080/a",
		"http://127.0.0.1/a?x=1&y=2": "'http://127.0.0.1/a?x=1&y=2'",
		"Content-Type: json":         "'Content-Type: json'",
		"~/code":                     "'~/code'", // no tilde expansion: the folder is literally named so
		"$HOME":                      "'$HOME'",
		"a\nb":                       "'a\nb'",
		"example.com/learner/tasks":  "example.com/learner/tasks",
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

// The shell itself must read each quoted word back as the original.
func TestQuoteRoundTripsThroughSh(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	for _, in := range []string{"plain", "with space", "it's", `"dq"`, "$HOME", "`x`", "a\\b", "*", "tab\there", "ü"} {
		out, err := exec.Command(sh, "-c", "printf %s "+Quote(in)).Output()
		if err != nil || string(out) != in {
			t.Errorf("sh read %s as %q (%v), want %q", Quote(in), out, err, in)
		}
	}
}

func TestJoin(t *testing.T) {
	if got := Join("waymark", "new", "tasks", "my dir"); got != "waymark new tasks 'my dir'" {
		t.Errorf("Join: %s", got)
	}
}
