package cli

import (
	"fmt"

	"github.com/waymark-dev/waymark/internal/atomicfile"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/classroom"
	"github.com/waymark-dev/waymark/internal/gitrepo"
)

// NewCmdProgress builds the `waymark progress` group.
func NewCmdProgress(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "progress",
		Args:  noArgs,
		RunE:  groupHelp,
		Short: "Share your progress file",
	}
	cmd.AddCommand(NewCmdProgressExport(f, nil))
	return cmd
}

// ProgressExportOptions are the inputs of `waymark progress export`.
type ProgressExportOptions struct {
	F     *Factory
	Out   string
	Name  string
	Email string
}

// NewCmdProgressExport builds `waymark progress export`.
func NewCmdProgressExport(f *Factory, runF func(*ProgressExportOptions) error) *cobra.Command {
	opts := &ProgressExportOptions{F: f}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write a shareable copy of your progress with your name and email",
		Long: `Write a copy of your progress with your name and email, for an instructor's
waymark class report. The name and email come from --name and --email, else
from your Git configuration (user.name, user.email). The copy goes to
standard output, or to --out.`,
		Example: "  waymark progress export --out ada.yaml\n  waymark progress export --name 'Ada Lovelace' --email ada@example.com > ada.yaml",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return progressExportRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to `file` instead of standard output")
	cmd.Flags().StringVar(&opts.Name, "name", "", "your name (default: git config user.name)")
	cmd.Flags().StringVar(&opts.Email, "email", "", "your email (default: git config user.email)")
	return cmd
}

func progressExportRun(opts *ProgressExportOptions) error {
	who := classroom.Learner{Name: opts.Name, Email: opts.Email}
	if who.Name == "" || who.Email == "" {
		a := gitrepo.AuthorFromGitConfig(opts.F.Getenv)
		if a.Fallback {
			return usageErrorf("who are you? Pass --name and --email, or set them in Git: git config --global user.name \"Your Name\" && git config --global user.email you@example.com")
		}
		if who.Name == "" {
			who.Name = a.Name
		}
		if who.Email == "" {
			who.Email = a.Email
		}
	}
	store, err := opts.F.ProgressStore()
	if err != nil {
		return err
	}
	p, err := store.Load()
	if err != nil {
		return err
	}
	if p.Curriculum == "" {
		if c, err := opts.F.Curriculum(); err == nil {
			p.Curriculum = c.ID
		}
	}
	data, err := classroom.NewExport(p, who, opts.F.Now()).Encode()
	if err != nil {
		return err
	}
	if opts.Out == "" || opts.Out == "-" {
		_, err := opts.F.IO.Out.Write(data)
		return err
	}
	if err := atomicfile.Write(opts.Out, data); err != nil {
		return err
	}
	fmt.Fprintf(opts.F.IO.ErrOut, "Wrote %s for %s <%s>\n", opts.Out, who.Name, who.Email)
	return nil
}
