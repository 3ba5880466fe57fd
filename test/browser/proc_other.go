//go:build !unix

package browser

import (
	"os/exec"
	"time"
)

func setGroup(*exec.Cmd) {}

// stopGroup kills the server: without process groups there is no gentler
// way that reaches the program a `go run` started.
func stopGroup(cmd *exec.Cmd, exited <-chan struct{}, _ time.Duration) {
	_ = cmd.Process.Kill()
	<-exited
}
