package projects

import (
	"fmt"
	"os"
	"testing"
)

// scratch is the test binary's own temporary folder, for what its tests
// share (a built waymark, compiled modules); removed when they are done.
var scratch string

func TestMain(m *testing.M) {
	var err error
	if scratch, err = os.MkdirTemp("", "waymark-projects-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(scratch)
	os.Exit(code)
}
