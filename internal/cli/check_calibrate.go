package cli

import (
	"os"
	"testing"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/check"
)

// newCmdCalibrate is the hidden command a load step starts as its
// calibration server: a process of its own on this machine, as the
// learner's server is.
func newCmdCalibrate(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:                "__calibrate",
		Hidden:             true,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return check.ServeCalibration(cmd.InOrStdin(), f.IO.Out)
		},
	}
}

// calibrator is the command that runs waymark's calibration server, or nil
// (the calibration then runs inside this process) when waymark's own
// program cannot be found or is a test binary, which would not know the
// command.
func calibrator() []string {
	if testing.Testing() {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	return []string{exe, "__calibrate"}
}
