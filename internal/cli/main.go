// Package cli is waymark's command-line interface: the root command, one file
// per command group, and the single place where errors become exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/iostreams"
)

// Version is set at build time with -ldflags "-X ...cli.Version=v1.2.3".
var Version = "dev"

// Exit codes.
const (
	ExitOK     = 0
	ExitError  = 1
	ExitUsage  = 2
	ExitFailed = 3 // a check or validation ran and found problems
	ExitCancel = 130
)

// Main runs waymark with args and returns the process exit code. It is what
// cmd/waymark calls and what the end-to-end scripts run.
func Main(ctx context.Context, args []string, io *iostreams.IOStreams) int {
	f := NewFactory(io, os.Getenv, time.Now)
	return Run(ctx, f, args)
}

// Run executes the command line against an already-built factory.
func Run(ctx context.Context, f *Factory, args []string) int {
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	err := root.ExecuteContext(ctx)
	return exitCode(f, err)
}

// exitCode prints err for the user and maps it to an exit code.
func exitCode(f *Factory, err error) int {
	if err == nil {
		return ExitOK
	}
	var silent *SilentError
	var usage *UsageError
	switch {
	case errors.As(err, &silent):
		return silent.Code
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(f.IO.ErrOut, "cancelled")
		return ExitCancel
	case errors.As(err, &usage):
		fmt.Fprintf(f.IO.ErrOut, "error: %v\n", err)
		fmt.Fprintln(f.IO.ErrOut, "Run with --help for usage.")
		return ExitUsage
	default:
		fmt.Fprintf(f.IO.ErrOut, "error: %v\n", err)
		return ExitError
	}
}

// SilentError ends a command with a code after the command has already told
// the user what happened (a failed check, a list of validation problems).
type SilentError struct{ Code int }

func (e *SilentError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// UsageError is a mistake in the command line itself.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usageErrorf(format string, a ...any) error {
	return &UsageError{Err: fmt.Errorf(format, a...)}
}

// flagErrorFunc turns cobra's flag parsing errors into usage errors.
func flagErrorFunc(_ *cobra.Command, err error) error { return &UsageError{Err: err} }
