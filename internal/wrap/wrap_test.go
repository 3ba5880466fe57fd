package wrap

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func widest(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n = max(n, ansi.StringWidth(l))
	}
	return n
}

func TestText(t *testing.T) {
	long := strings.Repeat("every word of this sentence must fit ", 6)
	got := Text(long, 30)
	if widest(got) > 30 {
		t.Errorf("a line is wider than 30:\n%s", got)
	}
	if strings.Join(strings.Fields(got), " ") != strings.TrimSpace(long) {
		t.Errorf("words lost or changed:\n%s", got)
	}
	if got := Text("one\ntwo", 80); got != "one\ntwo" {
		t.Errorf("own line breaks not kept: %q", got)
	}
	url := "https://example.com/a/very/long/path/that/cannot/break/anywhere/at/all"
	if got := Text("see "+url, 30); !strings.Contains(got, url) {
		t.Errorf("a long word was broken:\n%s", got)
	}
	if got := Text("\x1b[1mbold words here and there\x1b[0m and more plain words", 20); widest(got) > 20 || !strings.Contains(got, "\n") {
		t.Errorf("escape sequences counted as width:\n%q", got)
	}
}

func TestHanging(t *testing.T) {
	got := Hanging("    why        ", strings.Repeat("not implemented yet ", 10), 60)
	lines := strings.Split(got, "\n")
	if len(lines) < 3 || widest(got) > 60 {
		t.Fatalf("not wrapped to 60:\n%s", got)
	}
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, strings.Repeat(" ", 15)) || l[15] == ' ' {
			t.Errorf("continuation not aligned under the text: %q", l)
		}
	}
}

func TestCut(t *testing.T) {
	if got := Cut("short", 10); got != "short" {
		t.Errorf("Cut of what fits: %q", got)
	}
	if got := Cut("HTTP requests and responses", 10); got != "HTTP requ…" || ansi.StringWidth(got) != 10 {
		t.Errorf("Cut: %q", got)
	}
}

func TestWords(t *testing.T) {
	cmd := "docker run -p 5432:5432 -e POSTGRES_PASSWORD=postgres postgres:16"
	url := "https://example.com/a-path-with-hyphens-in-it"
	words := append(strings.Fields("to start the database, run"), cmd, "and", "read", url, "first.")
	got := Words(words, 30)
	if !slices.Contains(got, cmd) || !slices.Contains(got, url) {
		t.Errorf("a word was split:\n%s", strings.Join(got, "\n"))
	}
	for _, l := range got {
		if ansi.StringWidth(l) > 30 && l != cmd && l != url {
			t.Errorf("a line of several words is wider than 30: %q", l)
		}
		if strings.HasSuffix(l, " ") || strings.HasPrefix(l, " ") {
			t.Errorf("a space at an end of %q", l)
		}
	}
	if strings.Join(got, " ") != strings.Join(words, " ") {
		t.Errorf("words lost or reordered:\n%s", strings.Join(got, "\n"))
	}
	if got := Words([]string{"\x1b[1mbold\x1b[0m", "and", "plain"}, 14); len(got) != 1 {
		t.Errorf("escape sequences counted as width: %q", got)
	}
	if got := Words([]string{"\u200b", "a"}, 10); len(got) != 1 || got[0] != "\u200b a" {
		t.Errorf("a word that takes no room lost its space: %q", got)
	}
	if got := Words(nil, 10); len(got) != 0 {
		t.Errorf("no words made lines: %q", got)
	}
}
