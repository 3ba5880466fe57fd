package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/waymark-dev/waymark/internal/iostreams"
)

// goldenProgress is the learner the golden outputs are of: some topics
// done, a quiz taken and one of its questions due for review, a project
// with a verified milestone, an exercise passed, study logged.
const goldenProgress = `format: 2
curriculum: wide
topics:
  requests: {status: done, at: 2026-11-23T10:00:00Z}
  choose: {status: doing, at: 2026-11-24T09:00:00Z}
quizzes:
  foundations: {best: 1, of: 2, passed: true, attempts: 1, at: 2026-11-23T11:00:00Z}
review:
  foundations/73f4e19c: {box: 1, due: 2026-11-24, at: 2026-11-23T11:00:00Z}
  foundations/765db408: {box: 2, due: 2026-11-25, at: 2026-11-23T11:00:00Z}
projects:
  shop:
    - dir: /home/ada/code/shop
      stack: go
      mode: starter
      created: 2026-11-22T09:00:00Z
      milestones:
        boot: {passed: 2026-11-22T09:30:00Z, checks_sha256: 0000000000000000000000000000000000000000000000000000000000000000}
exercises:
  count-requests: {passed: 2026-11-23T12:00:00Z, checks_sha256: 0000000000000000000000000000000000000000000000000000000000000000, stack: go, hints: 1}
log:
  - {day: 2026-11-23, minutes: 90, note: requests}
  - {day: 2026-11-24, minutes: 45}
`

// TestGoldenOutputAt80Columns holds each command's human output, as a
// learner reads it at 80 columns (or in a pipe, which is laid out the
// same), to testdata/TestGoldenOutputAt80Columns/<command>.golden; run
// with -update to accept a change. Every line fits, except a link or a
// command to copy, which must stay whole.
func TestGoldenOutputAt80Columns(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"status", []string{"status"}},
		{"roadmap", []string{"roadmap"}},
		{"next", []string{"next"}},
		{"topic", []string{"topic", "requests"}},
		{"topic_doing", []string{"topic", "choose"}},
		{"quiz", []string{"quiz", "foundations", "--answers", "1,1"}},
		{"quiz_seeded", []string{"quiz", "foundations", "--seed", "7", "--answers", "1,1"}},
		{"review", []string{"review", "--seed", "7", "--answers", "2"}},
		{"projects", []string{"projects"}},
		{"stats", []string{"stats"}},
		{"done", []string{"done", "a-topic-id-that-is-far-longer-than-the-others"}},
		{"start_done", []string{"start", "requests"}},
		{"log", []string{"log", "30m", "a note"}},
		{"practice", []string{"practice"}},
		{"practice_step", []string{"practice", "later"}},
		{"practice_hint", []string{"practice", "hint", "count-requests"}},
		{"practice_hint_all", []string{"practice", "hint", "echo-lines", "--all"}},
		{"practice_dry_run", []string{"practice", "count-requests", "$TMP/count", "--stack", "python", "--dry-run"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			progressFile := filepath.Join(dir, "progress.yaml")
			mustT(t, os.WriteFile(progressFile, []byte(goldenProgress), 0o644))
			io, _, out, errOut := iostreams.Test()
			env := map[string]string{"HOME": dir, "NO_COLOR": "1"}
			f := NewFactory(io, func(k string) string { return env[k] }, func() time.Time {
				return time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
			})
			args := append([]string{"--curriculum", "testdata/wide", "--progress", progressFile}, tc.args...)
			for i, a := range args {
				args[i] = strings.ReplaceAll(a, "$TMP", dir)
			}
			if code := Run(t.Context(), f, args); code != 0 {
				t.Fatalf("exit %d\n%s", code, errOut)
			}
			got := strings.ReplaceAll(out.String(), dir, "$TMP")
			for _, l := range strings.Split(got, "\n") {
				if n := ansi.StringWidth(l); n > 80 && !strings.Contains(l, "https://") && !strings.Contains(l, "curl ") {
					t.Errorf("a %d-column line:\n%s", n, l)
				}
			}
			golden.RequireEqual(t, []byte(got))
		})
	}
}
