package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/authoring"
)

// CurriculumInitOptions are the inputs of `waymark curriculum init`.
type CurriculumInitOptions struct {
	F    *Factory
	Dir  string
	JSON bool
}

// NewCmdCurriculumInit builds `waymark curriculum init <dir>`.
func NewCmdCurriculumInit(f *Factory, runF func(*CurriculumInitOptions) error) *cobra.Command {
	opts := &CurriculumInitOptions{F: f}
	cmd := &cobra.Command{
		Use:   "init <dir>",
		Short: "Start a new curriculum from a commented, working example",
		Long: `Write a small, commented curriculum into dir (which must not exist or be
empty): two steps, a lesson, a quiz, and one project ("hello", a tiny JSON API)
with a Go reference solution, solution markers and a check suite. It is valid
and passes validate out of the box; edit it from there.`,
		Example: "  waymark curriculum init my-course && waymark curriculum validate my-course",
		Args:    needs(1, 1, "a folder to create"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			if runF != nil {
				return runF(opts)
			}
			return curriculumInitRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the files written as JSON")
	return cmd
}

func curriculumInitRun(opts *CurriculumInitOptions) error {
	files, err := authoring.Init(opts.Dir)
	if errors.Is(err, authoring.ErrNotEmpty) {
		return usageErrorf("%s is not empty: pick a new folder", opts.Dir)
	}
	if err != nil {
		return err
	}
	if opts.JSON {
		return writeJSON(opts.F.IO.Out, map[string]any{"dir": opts.Dir, "files": files})
	}
	for _, f := range files {
		fmt.Fprintln(opts.F.IO.Out, f)
	}
	fmt.Fprintf(opts.F.IO.ErrOut, "Wrote a sample curriculum to %s. Next:\n  waymark curriculum validate %s\n  waymark --curriculum %s status\n", opts.Dir, opts.Dir, opts.Dir)
	return nil
}
