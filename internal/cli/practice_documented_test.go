package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/roadmap"
)

// TestExerciseReadmeCommandsRun writes every built-in exercise and stack
// with `waymark practice` and runs the waymark commands its README gives,
// inside it.
func TestExerciseReadmeCommandsRun(t *testing.T) {
	c, err := curriculum.Load(roadmap.FS, nil)
	mustT(t, err)
	if len(c.Exercises()) == 0 {
		t.Fatal("the built-in roadmap has no exercises")
	}
	e := newDocEnv(t)
	for _, ex := range c.Exercises() {
		for _, stack := range ex.StackNames() {
			t.Run(ex.ID+"/"+stack, func(t *testing.T) {
				sub := &docEnv{t: t, server: e.server}
				sub.fresh()
				parent := t.TempDir()
				dir := filepath.Join(parent, ex.ID)
				if code, out := sub.run(parent, false, "practice", ex.ID, "--stack", stack, "--no-git"); code != 0 {
					t.Fatalf("waymark practice %s --stack %s: exit %d\n%s", ex.ID, stack, code, out)
				}
				data, err := os.ReadFile(filepath.Join(dir, "README.md"))
				mustT(t, err)
				lines := readmeCommands(string(data))
				if len(lines) < 3 {
					t.Fatalf("the README names %d waymark commands: %q", len(lines), lines)
				}
				for _, l := range lines {
					for _, cmd := range words(l) {
						if cmd[0] != "waymark" {
							continue
						}
						args, _ := sub.prepare(cmd[1:])
						if code, out := sub.run(dir, false, args...); !okExit(args, code) {
							t.Errorf("README of %s/%s: %q exits %d:\n%s", ex.ID, stack, l, code, out)
						}
					}
				}
			})
		}
	}
}

// TestBuiltinPracticeListFits: the listing of every built-in exercise fits
// 80 columns and names each exercise's topic whole, however long the
// longest id makes the id column.
func TestBuiltinPracticeListFits(t *testing.T) {
	e := newDocEnv(t)
	code, out := e.run(e.home, false, "practice")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(line); w > 80 {
			t.Errorf("%d columns: %q", w, line)
		}
		if strings.Contains(line, "…") {
			t.Errorf("cut: %q", line)
		}
	}
	c, err := curriculum.Load(roadmap.FS, nil)
	mustT(t, err)
	for _, ex := range c.Exercises() {
		if !strings.Contains(out, " · "+ex.Topic+"\n") {
			t.Errorf("exercise %s: its topic %s is not listed whole", ex.ID, ex.Topic)
		}
	}
}
