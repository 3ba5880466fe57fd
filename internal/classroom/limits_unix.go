//go:build unix

package classroom

import (
	"os/exec"
	"syscall"
)

// setLimits caps this process's writable memory and file size; the
// learner's processes, started from it, inherit both.
func setLimits(data, file uint64) error {
	if data > 0 {
		if err := syscall.Setrlimit(syscall.RLIMIT_DATA, &syscall.Rlimit{Cur: data, Max: data}); err != nil {
			return err
		}
	}
	if file > 0 {
		return syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: file, Max: file})
	}
	return nil
}

// inGroup starts cmd in a process group of its own and makes cancelling it
// kill the whole group, so nothing a build started outlives it.
func inGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
