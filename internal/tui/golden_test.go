package tui

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/waymark-dev/waymark/internal/progress"
)

// goldenScreens are how to reach every screen from the dashboard.
var goldenScreens = []struct {
	name  string
	setup func(o *Options)
	keys  []string
}{
	{name: "dashboard"},
	{name: "step", keys: []string{"enter"}},
	{name: "step_filter", keys: []string{"/", "h", "t", "t", "p"}},
	{name: "topic", keys: []string{"enter", "enter"}},
	{name: "topic_scrolled", keys: []string{"enter", "enter", "pgdown"}},
	{name: "quiz", keys: []string{"t"}},
	{name: "quiz_feedback", keys: []string{"t", "1"}},
	{name: "quiz_done", keys: []string{"t", "2", "enter", "1", "enter"}},
	{name: "review", keys: []string{"v"}},
	{name: "review_feedback", keys: []string{"v", "1"}},
	{name: "review_done", keys: []string{"v", "1", "enter", "2", "enter"}},
	{name: "review_empty", setup: func(o *Options) { o.Progress.Review = nil }, keys: []string{"v"}},
	{name: "projects", keys: []string{"tab"}},
	{name: "project_form", keys: []string{"tab", "n"}},
	{name: "project_next_steps", keys: []string{"tab", "n", "enter", "enter", "enter", "enter", "enter"}},
	{name: "project_failed", setup: func(o *Options) {
		o.Scaffold = fakeScaffold(errors.New("/home/ada/code/blog: folder is not empty: choose another folder"))
	},
		keys: []string{"tab", "n", "enter", "enter", "enter", "enter", "enter"}},
	{name: "exercise_form", keys: []string{"enter", "enter", "p"}},
	{name: "exercise_next_steps", keys: []string{"enter", "enter", "p", "enter", "enter", "enter", "enter"}},
	{name: "exercise_failed", setup: func(o *Options) {
		o.Practice = fakePractice(errors.New("/home/ada/code/ping-pong: folder is not empty: choose another folder"))
	},
		keys: []string{"enter", "enter", "p", "enter", "enter", "enter", "enter"}},
	{name: "topic_without_practice", setup: func(o *Options) { o.Practice = nil }, keys: []string{"enter", "enter"}},
	{name: "skills", keys: []string{"tab", "tab"}},
	{name: "career", keys: []string{"tab", "tab", "tab"}},
	{name: "help", keys: []string{"?"}},
	{name: "save_failed", setup: func(o *Options) { o.Store = progress.Open("testdata/progress.yaml/cannot-be-a-folder.yaml") },
		keys: []string{"enter", "down", "d"}},
}

// TestGolden compares every screen, without escape sequences, at 80×24 and
// 120×40 with testdata/TestGolden/<screen>_<w>x<h>.golden. Run with -update
// to rewrite.
func TestGolden(t *testing.T) {
	for _, sc := range goldenScreens {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			name := fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				opts := fixtureOptions(t, false)
				if sc.setup != nil {
					sc.setup(&opts)
				}
				m := newModel(t, opts, size[0], size[1])
				press(t, m, sc.keys...)
				got := screenText(m)
				checkSize(t, got, size[0], size[1])
				golden.RequireEqual(t, got)
			})
		}
	}
}

// checkSize fails when a view does not fit the window exactly.
func checkSize(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := bytes.Split([]byte(view), []byte("\n"))
	if len(lines) != h {
		t.Errorf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if n := cellWidth(string(l)); n > w {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, n, w, l)
		}
	}
}
