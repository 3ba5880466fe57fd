package cli

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/atomicfile"
	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/gitrepo"
	"github.com/waymark-dev/waymark/internal/portfolio"
)

// PortfolioOptions are the inputs of `waymark portfolio`.
type PortfolioOptions struct {
	F    *Factory
	Out  string
	Name string
}

// NewCmdPortfolio builds `waymark portfolio`.
func NewCmdPortfolio(f *Factory, runF func(*PortfolioOptions) error) *cobra.Command {
	opts := &PortfolioOptions{F: f}
	cmd := &cobra.Command{
		Use:   "portfolio",
		Short: "A Markdown summary of your finished work for a GitHub profile",
		Long: `Write Markdown for a GitHub profile: finished steps, verified projects with
their milestones and stacks, and the skills you practised. It goes to
standard output, or to --out.`,
		Example: "  waymark portfolio --out PORTFOLIO.md",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return portfolioRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to `file` (e.g. PORTFOLIO.md) instead of standard output")
	cmd.Flags().StringVar(&opts.Name, "name", "", "your name in the title (default: git config user.name)")
	return cmd
}

func portfolioRun(opts *PortfolioOptions) error {
	c, p, err := loadState(opts.F)
	if err != nil {
		return err
	}
	name := opts.Name
	if name == "" {
		if a := gitrepo.AuthorFromGitConfig(opts.F.Getenv); !a.Fallback {
			name = a.Name
		}
	}
	projects := map[string]*curriculum.Project{}
	if tmpl, err := opts.F.Templates(); err == nil {
		for id := range p.Projects {
			if man, err := curriculum.LoadProject(tmpl, id); err == nil {
				projects[id] = man
			}
		}
	}
	var buf bytes.Buffer
	if err := portfolio.Write(&buf, portfolio.Input{Name: name, Curriculum: c, Progress: p, Projects: projects}); err != nil {
		return err
	}
	if opts.Out == "" || opts.Out == "-" {
		_, err := opts.F.IO.Out.Write(buf.Bytes())
		return err
	}
	if err := atomicfile.Write(opts.Out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(opts.F.IO.ErrOut, "Wrote %s\n", opts.Out)
	return nil
}
