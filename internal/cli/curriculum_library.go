package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/authoring"
	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/library"
	"github.com/waymark-dev/waymark/roadmap"
)

// libraryValidator checks a candidate install statically: nothing in it is
// run (its projects are not built or started).
func libraryValidator(ctx context.Context) library.Validator {
	return func(dir string) (*curriculum.Curriculum, error) {
		res, err := authoring.Validate(ctx, dir)
		if err != nil {
			return nil, err
		}
		defer res.Close()
		if len(res.Problems) > 0 {
			return nil, res.Problems
		}
		return res.Curriculum, nil
	}
}

// refused reports a curriculum refused for its content (validation
// problems or confinement) on stderr and ends with ExitFailed; other errors
// pass through.
func refused(f *Factory, what string, err error) error {
	var ps curriculum.Problems
	var te *library.TreeError
	if !errors.As(err, &ps) && !errors.As(err, &te) {
		return err
	}
	fmt.Fprintf(f.IO.ErrOut, "error: %v\n", refusal(what, err))
	return &SilentError{Code: ExitFailed}
}

// refusal explains why a curriculum was not installed or updated: every
// problem, one a line.
func refusal(what string, err error) error {
	var ps curriculum.Problems
	var te *library.TreeError
	var lines []string
	switch {
	case errors.As(err, &ps):
		for _, p := range ps {
			lines = append(lines, p.String())
		}
	case errors.As(err, &te):
		lines = te.Problems
	default:
		return err
	}
	return fmt.Errorf("%s: %s:\n  %s", what, plural(len(lines), "problem", "problems"), strings.Join(lines, "\n  "))
}

// CurriculumAddOptions are the inputs of `waymark curriculum add`.
type CurriculumAddOptions struct {
	F      *Factory
	Source string
	Name   string
	Use    bool
	JSON   bool
}

// NewCmdCurriculumAdd builds `waymark curriculum add <git URL | path>`.
func NewCmdCurriculumAdd(f *Factory, runF func(context.Context, *CurriculumAddOptions) error) *cobra.Command {
	opts := &CurriculumAddOptions{F: f}
	cmd := &cobra.Command{
		Use:   "add <git URL | path>",
		Short: "Install a curriculum from a Git repository or a folder",
		Long: `Install a curriculum: clone a Git repository (https://, ssh://, git@host:path,
file://) or copy a local folder (a folder that is a Git repository is cloned,
so that update works) into waymark's data folder, then validate it.

An invalid curriculum is refused with the list of every problem and nothing
is installed. Nothing from the curriculum runs while it is added: symbolic
links leading outside it, paths outside it and files over 8 MiB are refused.

The name defaults to the curriculum's id. The new curriculum becomes the
active one (--use=false keeps the current one); switch with use.`,
		Example: "  waymark curriculum add https://github.com/acme/backend-course\n  waymark curriculum add ./my-course --name course",
		Args:    needs(1, 1, "a Git URL or a folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Source = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return curriculumAddRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Name, "name", "", "install under this `name` (default: the curriculum's id)")
	cmd.Flags().BoolVar(&opts.Use, "use", true, "make it the active curriculum")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the installed curriculum as JSON")
	return cmd
}

func curriculumAddRun(ctx context.Context, opts *CurriculumAddOptions) error {
	lib, err := opts.F.Library()
	if err != nil {
		return err
	}
	if !library.IsGitURL(opts.Source) {
		if info, err := os.Stat(opts.Source); err != nil || !info.IsDir() {
			return usageErrorf("%s is neither a Git URL nor a folder", opts.Source)
		}
	}
	en, err := lib.Add(ctx, opts.Source, opts.Name, libraryValidator(ctx))
	if err != nil {
		return refused(opts.F, fmt.Sprintf("%s was not installed; nothing was kept", opts.Source), err)
	}
	if opts.Use {
		if err := lib.Use(en.Name); err != nil {
			return err
		}
		en.Active = true
	}
	if opts.JSON {
		return writeJSON(opts.F.IO.Out, en)
	}
	st := newStyles()
	fmt.Fprintf(opts.F.IO.Out, "%s Installed %s (%s) as %s\n", st.ok.Render("✓"), en.Title, en.ID, en.Name)
	if en.Active {
		fmt.Fprintf(opts.F.IO.ErrOut, "It is now the active curriculum; go back with: waymark curriculum use %s\n", library.Builtin)
	} else {
		fmt.Fprintf(opts.F.IO.ErrOut, "Use it with: waymark curriculum use %s\n", en.Name)
	}
	return nil
}

// CurriculumListOptions are the inputs of `waymark curriculum list`.
type CurriculumListOptions struct {
	F    *Factory
	JSON bool
}

// NewCmdCurriculumList builds `waymark curriculum list`.
func NewCmdCurriculumList(f *Factory, runF func(*CurriculumListOptions) error) *cobra.Command {
	opts := &CurriculumListOptions{F: f}
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List the installed curricula; * marks the active one",
		Example: "  waymark curriculum list\n  waymark curriculum list --json",
		Args:    noArgs,
		Aliases: []string{"ls"},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return curriculumListRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the list as JSON")
	return cmd
}

func curriculumListRun(opts *CurriculumListOptions) error {
	lib, err := opts.F.Library()
	if err != nil {
		return err
	}
	entries, err := lib.List(func(dir string) (*curriculum.Curriculum, error) {
		folder, err := curriculum.OpenFolder(dir)
		if err != nil {
			return nil, err
		}
		defer folder.Close()
		return curriculum.Load(folder, nil)
	})
	if err != nil {
		return err
	}
	builtin := library.Entry{Name: library.Builtin, Source: "(built into waymark)", Active: true}
	if c, err := curriculum.Load(roadmap.FS, nil); err == nil {
		builtin.ID, builtin.Title = c.ID, c.Title
	}
	for _, e := range entries {
		if e.Active {
			builtin.Active = false
		}
	}
	all := append([]library.Entry{builtin}, entries...)
	if opts.JSON {
		return writeJSON(opts.F.IO.Out, all)
	}
	tw := tabwriter.NewWriter(opts.F.IO.Out, 0, 4, 2, ' ', 0)
	for _, e := range all {
		mark := " "
		if e.Active {
			mark = "*"
		}
		title := e.Title
		if e.Problem != "" {
			title = "(invalid: " + e.Problem + ")"
		}
		src := e.Source
		if src == "" {
			src = "(copied folder)"
		}
		fmt.Fprintf(tw, "%s %s\t%s\t%s\n", mark, e.Name, title, src)
	}
	return tw.Flush()
}

// CurriculumUseOptions are the inputs of `waymark curriculum use`.
type CurriculumUseOptions struct {
	F    *Factory
	Name string
}

// NewCmdCurriculumUse builds `waymark curriculum use <name>`.
func NewCmdCurriculumUse(f *Factory, runF func(*CurriculumUseOptions) error) *cobra.Command {
	opts := &CurriculumUseOptions{F: f}
	return &cobra.Command{
		Use:     "use <name>",
		Short:   "Make an installed curriculum the active one (builtin: waymark's own)",
		Example: "  waymark curriculum use backend-course\n  waymark curriculum use builtin",
		Args:    needs(1, 1, "a curriculum name (waymark curriculum list shows them)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			lib, err := opts.F.Library()
			if err != nil {
				return err
			}
			if err := lib.Use(opts.Name); err != nil {
				return usageErrorf("%v", err)
			}
			fmt.Fprintf(opts.F.IO.Out, "Now using %s\n", opts.Name)
			return nil
		},
	}
}

// CurriculumRemoveOptions are the inputs of `waymark curriculum remove`.
type CurriculumRemoveOptions struct {
	F    *Factory
	Name string
}

// NewCmdCurriculumRemove builds `waymark curriculum remove <name>`.
func NewCmdCurriculumRemove(f *Factory, runF func(*CurriculumRemoveOptions) error) *cobra.Command {
	opts := &CurriculumRemoveOptions{F: f}
	return &cobra.Command{
		Use:     "remove <name>",
		Short:   "Uninstall a curriculum (your progress is kept)",
		Example: "  waymark curriculum remove backend-course",
		Args:    needs(1, 1, "a curriculum name (waymark curriculum list shows them)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			lib, err := opts.F.Library()
			if err != nil {
				return err
			}
			wasActive, _ := lib.Active()
			if err := lib.Remove(opts.Name); err != nil {
				return usageErrorf("%v", err)
			}
			fmt.Fprintf(opts.F.IO.Out, "Removed %s\n", opts.Name)
			if wasActive == opts.Name {
				fmt.Fprintln(opts.F.IO.ErrOut, "The built-in roadmap is active again. Your progress file was not touched.")
			}
			return nil
		},
	}
}
