package check

import (
	"fmt"
	"os"
	"testing"
)

// TestMain lets the test binary be a calibration server too, as waymark
// __calibrate is: a load step's test then calibrates in a process of its
// own, as it does for learners.
func TestMain(m *testing.M) {
	if os.Getenv(CalibratorEnv) == "1" {
		if err := ServeCalibration(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}
