package cli

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A lesson is styled on a colour terminal and clean Markdown otherwise,
// and its code is never wrapped either way.
func TestLessonText(t *testing.T) {
	long := "curl -i https://example.com/a/deliberately/long/path/that/must/stay/on/one/line/to/copy"
	md := "# Title\n\nUse `curl` to see **everything**:\n\n```sh\n" + long + "\n```\n"

	plain := lessonText(md, 40, false)
	for _, want := range []string{"# Title\n", "`curl`", "**everything**", "```sh\n" + long + "\n```\n"} {
		if !strings.Contains(plain, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, plain)
		}
	}
	if strings.Contains(plain, "\x1b") {
		t.Errorf("the Markdown has escape sequences: %q", plain)
	}

	styled := lessonText(md, 40, true)
	if !strings.Contains(styled, "\x1b[") {
		t.Errorf("the styled lesson has no style: %q", styled)
	}
	text := ansi.Strip(styled)
	if strings.Contains(text, "`curl`") || strings.Contains(text, "**") || !strings.Contains(text, "\n"+long+"\n") {
		t.Errorf("the styled lesson shows markup or wraps code:\n%s", text)
	}
}
