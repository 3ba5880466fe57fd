// Package tmux drives the real waymark binary in a tmux session, the way a
// learner uses it: keys in, the screen out, the progress file on disk.
package tmux

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/roadmap"
)

// session is one tmux server, on its own socket and with no configuration,
// so the learner's own tmux is neither used nor disturbed.
type session struct {
	t      *testing.T
	socket string
}

func (s *session) tmux(args ...string) string {
	s.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-S", s.socket, "-f", "/dev/null"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (s *session) screen() string { return s.tmux("capture-pane", "-p", "-t", "w") }

// waitFor polls the screen until it shows one of want.
func (s *session) waitFor(want ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		scr := s.screen()
		for _, w := range want {
			if strings.Contains(scr, w) {
				return scr
			}
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the screen never showed %q; it shows:\n%s", want, scr)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (s *session) keys(keys ...string) {
	s.t.Helper()
	s.tmux(append([]string{"send-keys", "-t", "w"}, keys...)...)
}

// TestTUI starts `waymark` at 80×24, resizes it, walks to the first topic,
// marks it done, takes the first step's quiz, quits, and reads the progress
// file. It needs tmux: without it the test is skipped, except under CI=true,
// where it fails.
func TestTUI(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tmux is not installed; CI must install it (Debian package tmux)")
		}
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "waymark")
	build := exec.Command("go", "build", "-o", bin, "github.com/waymark-dev/waymark/cmd/waymark")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	home := filepath.Join(dir, "home")
	progressFile := filepath.Join(dir, "progress.yaml")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}

	s := &session{t: t, socket: filepath.Join(dir, "tmux.sock")}
	t.Cleanup(func() { _ = exec.Command("tmux", "-S", s.socket, "kill-server").Run() })
	// The shell reports the exit code after waymark leaves the alternate
	// screen, and keeps the pane open to read it.
	// It waits for a line first, so that the clock below starts at the
	// process start and not at the tmux server's.
	script := fmt.Sprintf("echo ready; read go; %s; echo waymark-exit=$?; sleep 600", shellQuote(bin))
	s.tmux("new-session", "-d", "-s", "w", "-x", "80", "-y", "24",
		"-e", "HOME="+home, "-e", "XDG_DATA_HOME="+filepath.Join(home, ".local/share"),
		"-e", "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "-e", "WAYMARK_PROGRESS="+progressFile,
		"-e", "TERM=xterm-256color", "-e", "GIT_CONFIG_NOSYSTEM=1", "sh", "-c", script)
	s.waitFor("ready")
	start := time.Now()
	s.keys("Enter")
	s.waitFor("Steps")
	t.Logf("process start to first frame: %v (tmux polling every 5 ms included)", time.Since(start).Round(time.Millisecond))

	// Live resize: the frame follows the window, then comes back.
	s.tmux("resize-window", "-t", "w", "-x", "120", "-y", "40")
	waitLines(t, s, 40)
	s.tmux("resize-window", "-t", "w", "-x", "80", "-y", "24")
	waitLines(t, s, 24)

	c, err := curriculum.Load(roadmap.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	first := c.Steps[0]
	topic := first.Topics[0]

	s.keys("Enter")
	s.waitFor(first.Title)
	s.keys("Enter")
	s.waitFor(topic.ID + " · todo")
	s.keys("d")
	s.waitFor(topic.ID + " · done")
	s.waitFor("saved")

	s.keys("t")
	for i := range first.Quiz.Questions {
		s.waitFor(fmt.Sprintf("Question %d of %d", i+1, len(first.Quiz.Questions)))
		s.keys("1")
		s.waitFor("✓ Right.", "✗ Not quite") // the feedback, with the explanation
		s.keys("Enter")
	}
	s.waitFor("saved · quiz " + first.ID)
	s.keys("q")
	s.waitFor("waymark-exit=0")

	data, err := os.ReadFile(progressFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"curriculum: " + c.ID,
		topic.ID + ":\n    status: done",
		"quizzes:\n  " + first.ID + ":",
		"attempts: 1",
	} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("progress file lacks %q:\n%s", want, data)
		}
	}
}

func waitLines(t *testing.T, s *session, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		scr := strings.TrimRight(s.screen(), "\n")
		lines := strings.Split(scr, "\n")
		// The help bar sits on the last line once the frame fills the window.
		if len(lines) == n && strings.Contains(lines[n-1], "quit") {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the frame did not fill %d lines:\n%s", n, scr)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
