//go:build !unix

package check

import (
	"os/exec"
	"time"
)

func setGroup(*exec.Cmd) {}

func stopGroup(cmd *exec.Cmd, done <-chan error, grace time.Duration) {
	_ = cmd.Process.Kill()
	select {
	case <-done:
	case <-time.After(grace):
	}
}

func killGroup(cmd *exec.Cmd) { _ = cmd.Process.Kill() }
