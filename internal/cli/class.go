package cli

import (
	"context"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/classroom"
)

// NewCmdClass builds the `waymark class` group.
func NewCmdClass(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "class",
		Args:  noArgs,
		RunE:  groupHelp,
		Short: "See how a class is doing",
	}
	cmd.AddCommand(NewCmdClassReport(f, nil))
	return cmd
}

// ClassReportOptions are the inputs of `waymark class report`.
type ClassReportOptions struct {
	F       *Factory
	Sources []string
	Format  string
	JSON    bool
}

// NewCmdClassReport builds `waymark class report`.
func NewCmdClassReport(f *Factory, runF func(context.Context, *ClassReportOptions) error) *cobra.Command {
	opts := &ClassReportOptions{F: f}
	cmd := &cobra.Command{
		Use:   "report <progress files | folders | git URLs>...",
		Short: "A class roster: one row per learner",
		Long: `Report on a class: one row per learner with overall and per-step progress,
quiz scores, verified milestones and last activity, against the curriculum in
use (--curriculum, else the active one).

Each argument is a progress file or an export (waymark progress export); a
folder holding waymark-progress.yaml or progress.yaml (one learner), else
every *.yaml file in it (one learner each); or a learner's Git repository
URL, cloned into a temporary folder. A learner whose file is missing or
invalid stays in the report with the reason.`,
		Example: "  waymark class report submissions/ --format md > REPORT.md\n  waymark class report https://github.com/ada/backend.git bob.yaml --format csv",
		Args:    needs(1, -1, "progress exports (files, folders or Git URLs)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Sources = args
			if opts.JSON {
				opts.Format = "json"
			}
			if !slices.Contains(classroom.Formats, opts.Format) {
				return usageErrorf("--format must be one of %s, not %q", strings.Join(classroom.Formats, ", "), opts.Format)
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return classReportRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "table", "output `format`: table, csv, json or md")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "same as --format json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(classroom.Formats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func classReportRun(ctx context.Context, opts *ClassReportOptions) error {
	c, err := opts.F.Curriculum()
	if err != nil {
		return err
	}
	r := classroom.Build(c, classroom.Gather(ctx, opts.Sources))
	return r.Write(opts.F.IO.Out, opts.Format)
}
