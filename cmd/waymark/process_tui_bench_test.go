//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// BenchmarkProcessTUIFirstFrame starts `waymark` on a pseudo-terminal of
// 80×24, as a learner's shell would, and measures the time from starting
// the process to the first frame of the dashboard (goal: ≤ 50 ms), then
// quits it with q. ns/op is the whole run, quitting included; first-ms is
// the median time to the first frame.
func BenchmarkProcessTUIFirstFrame(b *testing.B) {
	waymark, _ := binaries(b)
	home := b.TempDir()
	env := append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+home+"/data", "XDG_CACHE_HOME="+home+"/cache",
		"XDG_CONFIG_HOME="+home+"/config", "WAYMARK_PROGRESS="+home+"/progress.yaml", "TERM=xterm-256color")
	run(b, env, "", waymark, "done", "internet") // a real progress file, a warm cache
	var firsts []time.Duration
	for b.Loop() {
		firsts = append(firsts, firstFrame(b, waymark, env))
	}
	b.ReportMetric(ms(median(firsts)), "first-ms")
}

// firstFrame runs waymark on a new pseudo-terminal until it has drawn the
// dashboard, quits it, and returns how long the frame took to appear.
func firstFrame(b *testing.B, waymark string, env []string) time.Duration {
	b.Helper()
	ptm, pts, err := openPTY(24, 80)
	if err != nil {
		b.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptm.Close()
	cmd := exec.Command(waymark)
	cmd.Env = env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = pts, pts, pts
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	pts.Close()
	frame := make(chan time.Duration, 1)
	go func() { // read until the frame shows, then drain until waymark exits
		var seen bytes.Buffer
		buf := make([]byte, 32<<10)
		shown := false
		for {
			n, err := ptm.Read(buf)
			seen.Write(buf[:n])
			if !shown && bytes.Contains(seen.Bytes(), []byte("Steps")) {
				shown = true
				frame <- time.Since(start)
			}
			if err != nil {
				if !shown {
					frame <- -1
				}
				return
			}
		}
	}()
	var took time.Duration
	select {
	case took = <-frame:
	case <-time.After(10 * time.Second):
		took = -1
	}
	if _, err := ptm.Write([]byte("q")); err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			b.Fatalf("waymark: %v", err)
		}
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		b.Fatal("waymark did not quit on q")
	}
	if took < 0 {
		b.Fatal("waymark never drew the dashboard")
	}
	return took
}

// openPTY opens a pseudo-terminal pair of the given size (Linux).
func openPTY(rows, cols uint16) (ptm, pts *os.File, err error) {
	ptm, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	fd := int(ptm.Fd())
	if err = unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err == nil {
		var n uint32
		if n, err = unix.IoctlGetUint32(fd, unix.TIOCGPTN); err == nil {
			pts, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
		}
	}
	if err == nil {
		err = unix.IoctlSetWinsize(int(pts.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: rows, Col: cols})
	}
	if err != nil {
		ptm.Close()
		return nil, nil, err
	}
	return ptm, pts, nil
}
