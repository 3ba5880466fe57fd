package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/shell"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/gitrepo"
	"github.com/waymark-dev/waymark/internal/scaffold"
)

// NewOptions are the inputs of `waymark new`.
type NewOptions struct {
	F   *Factory
	Ctx context.Context

	Project  string
	Dir      string // empty: ./<project>
	Stack    string
	Solution bool
	Through  string
	Module   string
	Name     string
	NoGit    bool
	DryRun   bool
	Force    bool
	JSON     bool
}

// NewCmdNew builds `waymark new <project> [dir]`.
func NewCmdNew(f *Factory, runF func(*NewOptions) error) *cobra.Command {
	opts := &NewOptions{F: f}
	cmd := &cobra.Command{
		Use:   "new <project> [dir]",
		Short: "Scaffold a project as a Git repository, ready to run",
		Long: `Scaffold a practice project into dir (default ./<project>): a runnable
starter that builds, runs and passes its own tests from the first minute,
already a Git repository with its first commit. You then implement it
milestone by milestone and prove each one with waymark check.

The starter is the reference solution with each milestone's code replaced by
a stub. --solution writes the full reference instead; --through <milestone>
keeps the solutions up to and including that milestone (to catch up).

The target folder must not exist or be empty. --force writes into a
non-empty folder: files with the same names as generated ones are replaced,
every other file is kept; if the folder already is a Git repository, no
commit is made. Nothing needs the network, a git binary or a terminal.`,
		Example: `  waymark new tasks --stack go
  waymark new tasks ~/code/tasks --stack go --module github.com/you/tasks
  waymark new tasks tasks-ref --stack go --solution
  waymark new tasks --stack go --through auth --dry-run`,
		Args:              needs(1, 2, "a project id and an optional folder"),
		ValidArgsFunction: completeProjects(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			if opts.Solution && opts.Through != "" {
				return usageErrorf("--solution writes every milestone's solution and --through only the first ones: use one of them")
			}
			opts.Project = args[0]
			if len(args) == 2 {
				opts.Dir = args[1]
			}
			if runF != nil {
				return runF(opts)
			}
			return newRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Stack, "stack", "", "the `stack` to build with, e.g. go (asked on a terminal when the project has several)")
	fl.BoolVar(&opts.Solution, "solution", false, "write the full reference solution instead of the starter")
	fl.StringVar(&opts.Through, "through", "", "keep the solutions up to and including `milestone`")
	fl.StringVar(&opts.Module, "module", "", "Go module `path` of the new project (default example.com/<folder name>)")
	fl.StringVar(&opts.Name, "name", "", "the project's `name` in its README and files (default the folder name)")
	fl.BoolVar(&opts.NoGit, "no-git", false, "do not make a Git repository")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "list the files that would be written, and write nothing")
	fl.BoolVar(&opts.Force, "force", false, "write into a non-empty folder, replacing files with the same names")
	fl.BoolVar(&opts.JSON, "json", false, "print the result as JSON")
	_ = cmd.RegisterFlagCompletionFunc("stack", completeStacks(f))
	_ = cmd.RegisterFlagCompletionFunc("through", completeMilestones(f))
	return cmd
}

// newResult is the JSON shape of `waymark new --json`.
type newResult struct {
	Project string   `json:"project"`
	Stack   string   `json:"stack"`
	Mode    string   `json:"mode"`
	Dir     string   `json:"dir"`
	Module  string   `json:"module"`
	Name    string   `json:"name"`
	DryRun  bool     `json:"dry_run"`
	Commit  string   `json:"commit,omitempty"`
	Files   []string `json:"files"`
}

func newRun(opts *NewOptions) error {
	f := opts.F
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	templates, err := f.Templates()
	if err != nil {
		return err
	}
	p, err := loadProject(templates, opts.Project)
	if err != nil {
		return err
	}
	asked := false
	if opts.Stack == "" {
		if opts.Stack, asked, err = chooseStack(f, "project", p); err != nil {
			return err
		}
	}
	if _, ok := p.Stacks[opts.Stack]; !ok {
		return usageErrorf("project %s has no stack %q: choose --stack %s", p.ID, opts.Stack, strings.Join(scaffold.StackNames(p), " or "))
	}
	mode := scaffold.Starter()
	switch {
	case opts.Solution:
		mode = scaffold.Solution()
	case opts.Through != "":
		if p.MilestoneIndex(opts.Through) < 0 {
			return usageErrorf("project %s has no milestone %q: --through takes one of %s", p.ID, opts.Through, joinComma(milestoneIDs(p)))
		}
		mode = scaffold.Through(opts.Through)
	}
	if opts.Module != "" {
		if err := scaffold.CheckModule(opts.Module); err != nil {
			return &UsageError{Err: fmt.Errorf("--module: %w", err)}
		}
	}
	dir := opts.Dir
	if dir == "" {
		dir = p.ID
	}
	stop := startSpinner(f, fmt.Sprintf("Generating %s (%s, %s)", p.ID, opts.Stack, mode.Label()))
	res, err := createProject(ctx, f, templates, projectRequest{
		Project: p, Stack: opts.Stack, Mode: mode, Dir: dir, Module: opts.Module, Name: opts.Name,
		Force: opts.Force, NoGit: opts.NoGit, DryRun: opts.DryRun,
	})
	stop()
	if err != nil {
		if errors.Is(err, scaffold.ErrNotEmpty) {
			return &UsageError{Err: err}
		}
		return err
	}

	out := f.IO.Out
	if opts.JSON {
		if err := writeJSON(out, newResult{
			Project: p.ID, Stack: opts.Stack, Mode: mode.String(), Dir: res.Dir, Module: res.Module,
			Name: res.Name, DryRun: opts.DryRun, Commit: res.Commit, Files: res.Files,
		}); err != nil {
			return err
		}
	} else if opts.DryRun {
		fmt.Fprintf(out, "Would create %s (%s, %s) in %s — %d files, nothing written:\n\n", p.ID, opts.Stack, mode.Label(), res.Dir, len(res.Files))
		printTree(out, res.Files)
	} else {
		printNextSteps(out, p, opts, dir, mode, res.Result)
		if asked {
			fmt.Fprintf(out, "\nThe same without questions:\n  %s\n", equivalentCommand(opts, dir))
		}
	}
	if res.GitSkipped != "" {
		fmt.Fprintf(f.IO.ErrOut, "note: %s\n", res.GitSkipped)
	}
	if res.Commit != "" && res.Author.Fallback {
		fmt.Fprintln(f.IO.ErrOut, gitrepo.FallbackTip)
	}
	if res.RecordErr != nil {
		fmt.Fprintf(f.IO.ErrOut, "warning: the project was created, but recording it in your progress failed: %v\n", res.RecordErr)
	}
	return nil
}

// loadProject reads a project manifest, telling an unknown id (with a
// suggestion) apart from a broken manifest.
func loadProject(templates fs.FS, id string) (*curriculum.Project, error) {
	if _, err := fs.Stat(templates, path.Join(id, curriculum.ProjectFile)); err != nil || !fs.ValidPath(id) || strings.Contains(id, "/") {
		var le *curriculum.LinkError
		if errors.As(err, &le) {
			return nil, err
		}
		var ids []string
		if ps, err := curriculum.LoadProjects(templates); err == nil {
			for _, p := range ps {
				ids = append(ids, p.ID)
			}
		}
		if near := curriculum.Closest(id, ids); near != "" {
			return nil, usageErrorf("no project %q — did you mean %q?", id, near)
		}
		return nil, usageErrorf("no project %q: `waymark projects` lists them (%s)", id, joinComma(ids))
	}
	return curriculum.LoadProject(templates, id)
}

// chooseStack picks the stack when --stack was not given: the only one, or
// the user's answer on a terminal. It never prompts without a terminal.
// what is "project" or "exercise", for the message.
func chooseStack(f *Factory, what string, p *curriculum.Project) (stack string, asked bool, err error) {
	names := scaffold.StackNames(p)
	if len(names) == 1 {
		return names[0], false, nil
	}
	if !f.IO.Interactive() {
		return "", false, usageErrorf("--stack is required: %s %s has stacks %s", what, p.ID, joinComma(names))
	}
	s, err := promptChoice(f.IO.In, f.IO.ErrOut, fmt.Sprintf("Stack for %s", p.ID), names)
	return s, true, err
}

func printNextSteps(out io.Writer, p *curriculum.Project, opts *NewOptions, dir string, mode scaffold.Mode, res *scaffold.Result) {
	st := newStyles()
	fmt.Fprintf(out, "%s Created %s (%s, %s) in %s — %d files", st.ok.Render("✓"), p.ID, opts.Stack, mode.Label(), res.Dir, len(res.Files))
	if res.Commit != "" {
		fmt.Fprintf(out, ", first commit %s on %s", res.Commit[:7], gitrepo.Branch)
	}
	fmt.Fprintln(out)
	next := firstOpenMilestone(p, mode)
	fmt.Fprintln(out, "\nNext steps:")
	fmt.Fprintf(out, "  cd %s\n", shell.Quote(dir))
	if slices.Contains(res.Files, "pyproject.toml") {
		// A Python project runs from its virtual environment, which
		// `waymark check` needs too (check.Preflight).
		fmt.Fprintln(out, "  make install && make run   # create .venv, install the project, start the server")
	} else {
		fmt.Fprintln(out, "  make run         # start the server")
	}
	fmt.Fprintln(out, "  make test        # run its tests")
	if next != "" {
		fmt.Fprintf(out, "  waymark check    # verify your work; next milestone: %s\n", next)
	} else {
		fmt.Fprintln(out, "  waymark check    # verify your milestones")
	}
}

// firstOpenMilestone is the milestone after a catch-up starter's last
// solution, "" in other modes (which milestones a plain starter already
// passes is the template's business).
func firstOpenMilestone(p *curriculum.Project, mode scaffold.Mode) string {
	t := mode.ThroughMilestone()
	if t == "" {
		return ""
	}
	if i := p.MilestoneIndex(t) + 1; i < len(p.Milestones) {
		return p.Milestones[i].ID
	}
	return ""
}

// equivalentCommand is the command line that does the same without prompts.
func equivalentCommand(opts *NewOptions, dir string) string {
	parts := []string{"waymark", "new", opts.Project, shell.Quote(dir), "--stack", opts.Stack}
	switch {
	case opts.Solution:
		parts = append(parts, "--solution")
	case opts.Through != "":
		parts = append(parts, "--through", opts.Through)
	}
	if opts.Module != "" {
		parts = append(parts, "--module", shell.Quote(opts.Module))
	}
	if opts.Name != "" {
		parts = append(parts, "--name", shell.Quote(opts.Name))
	}
	for _, b := range []struct {
		on   bool
		flag string
	}{{opts.NoGit, "--no-git"}, {opts.Force, "--force"}} {
		if b.on {
			parts = append(parts, b.flag)
		}
	}
	return strings.Join(parts, " ")
}

func milestoneIDs(p *curriculum.Project) []string {
	ids := make([]string, len(p.Milestones))
	for i, m := range p.Milestones {
		ids[i] = m.ID
	}
	return ids
}

// completeProjects offers project ids (with titles) for the first argument,
// then folders.
func completeProjects(f *Factory) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveFilterDirs
		}
		ps, err := templateProjects(f)
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []cobra.Completion
		for _, p := range ps {
			out = append(out, cobra.CompletionWithDesc(p.ID, p.Title))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeStacks offers the stacks of the project named by the first
// argument, or of every project.
func completeStacks(f *Factory) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		ps, err := templateProjects(f)
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []cobra.Completion
		for _, p := range ps {
			if len(args) > 0 && p.ID != args[0] {
				continue
			}
			for _, s := range scaffold.StackNames(p) {
				if !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeMilestones offers the milestones of the project named by the
// first argument.
func completeMilestones(f *Factory) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		templates, err := f.Templates()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		p, err := curriculum.LoadProject(templates, args[0])
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []cobra.Completion
		for _, m := range p.Milestones {
			out = append(out, cobra.CompletionWithDesc(m.ID, m.Title))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func templateProjects(f *Factory) ([]*curriculum.Project, error) {
	templates, err := f.Templates()
	if err != nil {
		return nil, err
	}
	return curriculum.LoadProjects(templates)
}
