//go:build unix

package check

import (
	"os/exec"
	"syscall"
	"time"
)

// setGroup starts cmd in a new process group, so that stopping it also
// stops what it started (`go run` runs the built binary as a child).
func setGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// stopGroup sends SIGTERM to cmd's group, then SIGKILL after grace. done
// receives cmd.Wait's result.
func stopGroup(cmd *exec.Cmd, done <-chan error, grace time.Duration) {
	pgid := cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-done:
		// The leader is gone; make sure no child outlives it.
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
	case <-time.After(grace):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-done
	}
}

// killGroup ends cmd's process group at once.
func killGroup(cmd *exec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}

// signalGroup sends sig to cmd's process group.
func signalGroup(cmd *exec.Cmd, sig syscall.Signal) error {
	return syscall.Kill(-cmd.Process.Pid, sig)
}
