package cli

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/atomicfile"
	"github.com/waymark-dev/waymark/internal/classroom"
)

// NewCmdClass builds the `waymark class` group.
func NewCmdClass(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "class",
		Args:  noArgs,
		RunE:  groupHelp,
		Short: "Check and report on a class of learners",
	}
	cmd.AddCommand(NewCmdClassInit(f, nil), NewCmdClassAddLearner(f, nil), NewCmdClassCheck(f, nil),
		NewCmdClassReport(f, nil), NewCmdClassCI(f, nil), newCmdClassLauncher(f, "__exec"), newCmdClassLauncher(f, "__relay"))
	return cmd
}

// newCmdClassLauncher is the hidden command class check starts as each
// learner's run command (__exec), and inside the sandbox (__relay).
func newCmdClassLauncher(f *Factory, name string) *cobra.Command {
	return &cobra.Command{
		Use:                name,
		Hidden:             true,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if name == "__relay" {
				args = append([]string{name}, args...)
			}
			if code := classroom.ExecMain(args, f.IO.Out, f.IO.ErrOut); code != 0 {
				return &SilentError{Code: code}
			}
			return nil
		},
	}
}

// ClassReportOptions are the inputs of `waymark class report`.
type ClassReportOptions struct {
	F       *Factory
	Sources []string
	Format  string
	JSON    bool
	Results string
	Out     string
}

// NewCmdClassReport builds `waymark class report`.
func NewCmdClassReport(f *Factory, runF func(context.Context, *ClassReportOptions) error) *cobra.Command {
	opts := &ClassReportOptions{F: f}
	cmd := &cobra.Command{
		Use:   "report <roster | progress files | folders | git URLs>...",
		Short: "A class roster or gradebook: one row per learner",
		Long: `Report on a class: one row per learner.

Given a roster (class.yaml), the report is a gradebook against the roster's
curriculum: topics done, quizzes passed, each project's milestones verified
by waymark class check, the last commit and check, and a flag where the
learner's self-reported progress and the verified results disagree. The
results are the latest class check's, or those under --results DIR (CI
artifacts: class check --json documents, or waymark check --json reports
named <learner>/<project>.json).

Otherwise each argument is a progress file or an export (waymark progress
export); a folder holding waymark-progress.yaml or progress.yaml (one
learner), else every *.yaml file in it (one learner each); or a learner's
Git repository URL, cloned into a temporary folder; the report is against
the curriculum in use (--curriculum, else the active one).

A learner whose file is missing or invalid stays in the report with the
reason. --format html writes one self-contained page (no network): an
overview with progress bars and a milestone heat map, and a page per learner
with their failing checks explained.`,
		Example: "  waymark class report submissions/ --format md > REPORT.md\n" +
			"  waymark class report https://github.com/ada/backend.git bob.yaml --format csv\n" +
			"  waymark class init ~/class.yaml && waymark class report ~/class.yaml --format html --out ~/report.html",
		Args: needs(1, -1, "a roster, or progress exports (files, folders or Git URLs)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Sources = args
			if opts.JSON {
				opts.Format = "json"
			}
			if !slices.Contains(classroom.Formats, opts.Format) {
				return usageErrorf("--format must be one of %s, not %q", strings.Join(classroom.Formats, ", "), opts.Format)
			}
			if opts.Results != "" && (len(args) != 1 || !isRoster(args[0])) {
				return usageErrorf("--results needs a roster (class.yaml) as the only argument")
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return classReportRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "table", "output `format`: table, csv, json, md or html")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "same as --format json")
	cmd.Flags().StringVar(&opts.Results, "results", "", "merge the check results found in `dir` (CI artifacts) instead of the latest class check's")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to `file` instead of standard output")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(classroom.Formats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func classReportRun(ctx context.Context, opts *ClassReportOptions) error {
	var r *classroom.Report
	if len(opts.Sources) == 1 && isRoster(opts.Sources[0]) {
		var err error
		if r, err = gradebook(ctx, opts); err != nil {
			return err
		}
	} else {
		c, err := opts.F.Curriculum()
		if err != nil {
			return err
		}
		r = classroom.Build(c, classroom.Gather(ctx, opts.Sources))
	}
	r.Written = opts.F.Now()
	if opts.Out == "" {
		return r.Write(opts.F.IO.Out, opts.Format)
	}
	var buf bytes.Buffer
	if err := r.Write(&buf, opts.Format); err != nil {
		return err
	}
	if err := atomicfile.Write(opts.Out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(opts.F.IO.ErrOut, "Wrote %s.\n", opts.Out)
	return nil
}

// gradebook is the report of a roster: progress joined with results.
func gradebook(ctx context.Context, opts *ClassReportOptions) (*classroom.Report, error) {
	f := opts.F
	cl, err := loadClass(f, opts.Sources[0])
	if err != nil {
		return nil, err
	}
	var rs *classroom.Results
	switch {
	case opts.Results != "":
		if rs, err = classroom.ReadResultsDir(opts.Results, cl.content.ID, f.Now()); err != nil {
			if rs == nil {
				return nil, err
			}
			fmt.Fprintf(f.IO.ErrOut, "warning: %v\n", err)
		}
	case f.lastResults(opts.Sources[0]) != "":
		rs, _ = classroom.ReadResults(f.lastResults(opts.Sources[0])) // none yet: every project is "not checked"
	}
	if rs != nil && len(rs.Results) == 0 {
		fmt.Fprintf(f.IO.ErrOut, "No check results yet: run `waymark class check %s`.\n", opts.Sources[0])
	}
	return classroom.Gradebook(ctx, cl.content, cl.projects, cl.roster, rs, f.classCache()), nil
}
