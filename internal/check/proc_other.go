//go:build !unix

package check

import (
	"errors"
	"os/exec"
	"syscall"
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

func signalGroup(*exec.Cmd, syscall.Signal) error {
	return errors.New("waymark cannot send signals to a server on this system")
}
