package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// NewCmdCurriculum builds the `waymark curriculum` group.
func NewCmdCurriculum(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "curriculum",
		Short: "Check and manage curricula (roadmap, lessons, projects, checks)",
		Long: `A curriculum is a folder (usually a Git repository) with a curriculum.yaml,
lessons, and optionally project templates with their checks. waymark ships a
built-in backend roadmap; instructors can write their own.`,
	}
	cmd.AddCommand(NewCmdCurriculumValidate(f, nil))
	return cmd
}

// CurriculumValidateOptions are the inputs of `waymark curriculum validate`.
type CurriculumValidateOptions struct {
	F    *Factory
	Dir  string
	JSON bool
}

// NewCmdCurriculumValidate builds `waymark curriculum validate <dir>`.
func NewCmdCurriculumValidate(f *Factory, runF func(*CurriculumValidateOptions) error) *cobra.Command {
	opts := &CurriculumValidateOptions{F: f}
	cmd := &cobra.Command{
		Use:   "validate <dir>",
		Short: "Check a curriculum folder and list every problem",
		Long: `Check a curriculum folder: curriculum.yaml, the lessons it names, and the
project manifests under templates/. Every problem is listed at once with its
file, line and column; the exit code is non-zero when there is any.`,
		Example: "  waymark curriculum validate .\n  waymark curriculum validate ./my-course --json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			if runF != nil {
				return runF(opts)
			}
			return curriculumValidateRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the problems as JSON")
	return cmd
}

func curriculumValidateRun(opts *CurriculumValidateOptions) error {
	info, err := os.Stat(opts.Dir)
	if err != nil || !info.IsDir() {
		return fmt.Errorf("%s is not a folder", opts.Dir)
	}
	root := os.DirFS(opts.Dir)
	var tmpl fs.FS
	if sub, err := fs.Sub(root, "templates"); err == nil {
		if _, err := fs.Stat(root, "templates"); err == nil {
			tmpl = sub
		}
	}
	var problems curriculum.Problems
	collect := func(err error) error {
		var ps curriculum.Problems
		if errors.As(err, &ps) {
			problems = append(problems, ps...)
			return nil
		}
		return err
	}
	c, err := curriculum.Load(root, tmpl)
	if err := collect(err); err != nil {
		return err
	}
	var projects []*curriculum.Project
	if tmpl != nil {
		projects, err = curriculum.LoadProjects(tmpl)
		if err := collect(err); err != nil {
			return err
		}
	}
	w := opts.F.IO.Out
	if opts.JSON {
		out := map[string]any{"valid": len(problems) == 0, "problems": []map[string]any{}}
		list := out["problems"].([]map[string]any)
		for _, p := range problems {
			list = append(list, map[string]any{"file": filepath.ToSlash(p.Pos.File), "line": p.Pos.Line, "column": p.Pos.Col, "message": p.Msg})
		}
		out["problems"] = list
		if err := writeJSON(w, out); err != nil {
			return err
		}
	} else if len(problems) == 0 {
		st := newStyles()
		topics := len(c.Topics())
		fmt.Fprintf(w, "%s %s is valid: %d steps, %d topics, %d lessons, %d projects\n", st.ok.Render("✓"), opts.Dir, len(c.Steps), topics, len(c.Lessons), len(projects))
	} else {
		for _, p := range problems {
			p.Pos.File = filepath.Join(opts.Dir, p.Pos.File)
			fmt.Fprintln(opts.F.IO.ErrOut, p.String())
		}
		fmt.Fprintf(opts.F.IO.ErrOut, "%d problem(s) in %s\n", len(problems), opts.Dir)
	}
	if len(problems) > 0 {
		return &SilentError{Code: ExitFailed}
	}
	return nil
}
