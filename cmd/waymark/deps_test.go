package main

import (
	"os/exec"
	"strings"
	"testing"
)

// slowToStart are packages that waymark must not link: each costs every
// command milliseconds of package initialisation before main runs, whether
// or not the command uses them. glamour links chroma, whose lexer and
// style registries took about 14 ms of a `waymark status`; goldmark's
// extensions compile large regular expressions at start. Lessons are laid
// out by internal/markdown on goldmark's core instead.
var slowToStart = []string{
	"charm.land/glamour",
	"github.com/charmbracelet/glamour",
	"github.com/alecthomas/chroma",
	"github.com/yuin/goldmark/extension",
	"github.com/yuin/goldmark-emoji",
}

func TestNoSlowStartingPackages(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Skipf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 {
		t.Fatalf("go list found only %d packages: %s", len(deps), out)
	}
	for _, d := range deps {
		for _, bad := range slowToStart {
			if d == bad || strings.HasPrefix(d, bad+"/") {
				t.Errorf("waymark links %s, which slows every command's start", d)
			}
		}
	}
}
