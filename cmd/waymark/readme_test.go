package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/atomicfile"
	"github.com/waymark-dev/waymark/internal/progress"
)

// readme is waymark's own README.
func readme(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// The README's Git recipe must ignore exactly what waymark may leave beside
// the progress file — the lock, a killed save's temporary file, a migration
// backup — and never the file itself.
func TestReadmeGitRecipeIgnoresWhatWaymarkLeaves(t *testing.T) {
	line := regexp.MustCompile(`(?m)^printf '%s\\n' (.*) >> \.gitignore$`).FindStringSubmatch(readme(t))
	if line == nil {
		t.Fatal("README has no printf … >> .gitignore line")
	}
	var patterns []string
	for _, f := range strings.Fields(line[1]) {
		patterns = append(patterns, strings.Trim(f, "'"))
	}
	ignored := func(name string) bool {
		for _, p := range patterns {
			if ok, _ := filepath.Match(p, name); ok {
				return true
			}
		}
		return false
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "progress.yaml")
	if err := os.WriteFile(path, []byte("format: 1\ncurriculum: backend\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := progress.Open(path).Update(func(p *progress.Progress) error {
		p.SetTopic("internet", progress.StatusDone, time.Now())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// What a save killed between writing and renaming leaves.
	if err := os.WriteFile(filepath.Join(dir, atomicfile.TempPrefix("progress.yaml")+"1234"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) < 4 {
		t.Fatalf("expected the file, its lock, a backup and a temporary file; got %d entries", len(entries))
	}
	for _, e := range entries {
		switch name := e.Name(); {
		case name == "progress.yaml" && ignored(name):
			t.Errorf("the recipe ignores the progress file itself")
		case name != "progress.yaml" && !ignored(name):
			t.Errorf("waymark left %s beside the progress file, and the README's recipe does not ignore it", name)
		}
	}
}
