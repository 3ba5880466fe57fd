package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/gitrepo"
	"github.com/waymark-dev/waymark/internal/scaffold"
	"github.com/waymark-dev/waymark/internal/shell"
	"github.com/waymark-dev/waymark/internal/wrap"
)

// PracticeOptions are the inputs of `waymark practice`.
type PracticeOptions struct {
	F   *Factory
	Ctx context.Context

	// Target is an exercise id (write its workspace), a step or topic id
	// (list its exercises), or "" (list them all).
	Target   string
	Dir      string // empty: ./<exercise>
	Stack    string
	Solution bool
	NoGit    bool
	Force    bool
	DryRun   bool
	JSON     bool
}

// NewCmdPractice builds `waymark practice [step|topic|exercise] [dir]` and
// its hint subcommand.
func NewCmdPractice(f *Factory, runF func(*PracticeOptions) error) *cobra.Command {
	opts := &PracticeOptions{F: f}
	cmd := &cobra.Command{
		Use:   "practice [step|topic | exercise [dir]]",
		Short: "List exercises, or write one's workspace to solve it",
		Long: `Exercises are small tasks that practise one topic: a server that answers
the right status codes, a program that counts words. Each comes with a prompt,
hints and checks, in Go, Node or Python, using only the standard library.

Without an argument, or with a step or topic id, practice lists exercises with
a ✓ for those you have passed and the stacks each offers. With an exercise id
it writes a small workspace into dir (default ./<exercise>): a starter that
runs, the prompt as its README, already a Git repository with a first commit.
--solution writes the reference solution instead (passing it is not recorded
as yours). Then run waymark check inside it; passing it records the exercise
in your progress, and once all of a topic's exercises pass, the topic is done
(set settings: exercises_finish_topics: false in your progress file to mark
topics yourself).`,
		Example: `  waymark practice
  waymark practice web
  waymark practice status-codes --stack go
  waymark practice word-count ~/code/wc --stack python --no-git
  waymark practice etag etag-ref --stack node --solution
  waymark practice hint status-codes`,
		Args:              needs(0, 2, "an exercise id and an optional folder"),
		ValidArgsFunction: completeExercises(f, true),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			if len(args) > 0 {
				opts.Target = args[0]
			}
			if len(args) == 2 {
				opts.Dir = args[1]
			}
			if runF != nil {
				return runF(opts)
			}
			return practiceRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Stack, "stack", "", "the `stack` to solve it in, such as go, node or python (asked on a terminal; an exercise with one stack needs none)")
	fl.BoolVar(&opts.Solution, "solution", false, "write the reference solution instead of the starter")
	fl.BoolVar(&opts.NoGit, "no-git", false, "do not make a Git repository")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "list the files that would be written, and write nothing")
	fl.BoolVar(&opts.Force, "force", false, "write into a non-empty folder, replacing files with the same names")
	fl.BoolVar(&opts.JSON, "json", false, "print the list or the result as JSON")
	_ = cmd.RegisterFlagCompletionFunc("stack", completeExerciseStacks(f))
	cmd.AddCommand(NewCmdPracticeHint(f, nil))
	return cmd
}

func practiceRun(opts *PracticeOptions) error {
	c, err := opts.F.Curriculum()
	if err != nil {
		return err
	}
	t := opts.Target
	if t == "" || c.Step(t) != nil || c.Topic(t) != nil {
		if opts.Dir != "" || opts.Stack != "" || opts.Solution || opts.NoGit || opts.Force || opts.DryRun {
			what := "listing all exercises"
			if t != "" {
				what = "listing the exercises of " + t
			}
			return usageErrorf("%s writes nothing: --stack, --solution, --no-git, --force, --dry-run and a folder go with an exercise id", what)
		}
		return practiceListRun(opts, c)
	}
	ex, err := exerciseOf(c, t)
	if err != nil {
		return err
	}
	return practiceCreateRun(opts, ex)
}

// practiceResult is the JSON shape of `waymark practice <exercise> --json`.
type practiceResult struct {
	Exercise string   `json:"exercise"`
	Stack    string   `json:"stack"`
	Mode     string   `json:"mode"`
	Dir      string   `json:"dir"`
	DryRun   bool     `json:"dry_run"`
	Commit   string   `json:"commit,omitempty"`
	Files    []string `json:"files"`
}

func practiceCreateRun(opts *PracticeOptions, ex *curriculum.Exercise) error {
	f := opts.F
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	tmpl, err := f.Exercises()
	if err != nil {
		return err
	}
	p := ex.Project()
	asked := false
	if opts.Stack == "" {
		if opts.Stack, asked, err = chooseStack(f, "exercise", p); err != nil {
			return err
		}
	}
	if _, ok := ex.Stacks[opts.Stack]; !ok {
		return usageErrorf("exercise %s has no stack %q: choose --stack %s", ex.ID, opts.Stack, strings.Join(ex.StackNames(), " or "))
	}
	mode := scaffold.Starter()
	if opts.Solution {
		mode = scaffold.Solution()
	}
	dir := opts.Dir
	if dir == "" {
		dir = ex.ID
	}
	stop := startSpinner(f, fmt.Sprintf("Writing %s (%s, %s)", ex.ID, opts.Stack, mode.Label()))
	res, err := createProject(ctx, f, tmpl, projectRequest{Exercise: ex, Project: p, Stack: opts.Stack, Mode: mode,
		Dir: dir, Force: opts.Force, NoGit: opts.NoGit, DryRun: opts.DryRun})
	stop()
	if err != nil {
		if errors.Is(err, scaffold.ErrNotEmpty) {
			return &UsageError{Err: err}
		}
		return err
	}
	out := f.IO.Out
	switch {
	case opts.JSON:
		if err := writeJSON(out, practiceResult{Exercise: ex.ID, Stack: opts.Stack, Mode: mode.String(), Dir: res.Dir,
			DryRun: opts.DryRun, Commit: res.Commit, Files: res.Files}); err != nil {
			return err
		}
	case opts.DryRun:
		fmt.Fprintf(out, "Would write %s (%s, %s), %d files, nothing written, into\n  %s\n\n", ex.ID, opts.Stack, mode.Label(), len(res.Files), res.Dir)
		printTree(out, res.Files)
	default:
		printPracticeNextSteps(out, f.IO.Width(), ex, opts.Stack, dir, mode, res.Result)
		if asked {
			fmt.Fprintf(out, "\nThe same without questions:\n  %s\n", practiceCommand(opts, ex.ID, dir))
		}
	}
	if res.GitSkipped != "" {
		fmt.Fprintf(f.IO.ErrOut, "note: %s\n", res.GitSkipped)
	}
	if res.Commit != "" && res.Author.Fallback {
		fmt.Fprintln(f.IO.ErrOut, gitrepo.FallbackTip)
	}
	return nil
}

func printPracticeNextSteps(out io.Writer, width int, ex *curriculum.Exercise, stack, dir string, mode scaffold.Mode, res *scaffold.Result) {
	st := newStyles()
	fmt.Fprintf(out, "%s Wrote %s (%s, %s), %d files", st.ok.Render("✓"), ex.ID, stack, mode.Label(), len(res.Files))
	if res.Commit != "" {
		fmt.Fprintf(out, ", first commit %s on %s", res.Commit[:7], gitrepo.Branch)
	}
	fmt.Fprintf(out, ", into\n  %s\n", res.Dir)
	fmt.Fprintf(out, "\n%s\n", wrap.Text(ex.Title, width))
	if s := strings.TrimSpace(ex.Summary); s != "" {
		fmt.Fprintln(out, wrap.Hanging("  ", st.faint.Render(s), width))
	}
	run := ex.Stacks[stack].Run
	lines := [][2]string{{"cd " + shell.Quote(dir), "README.md has the whole task"}}
	if ex.Setup != nil {
		lines = append(lines, [2]string{"cd " + curriculum.SetupRepo, "the repository to work in"})
	}
	switch st := ex.Stacks[stack]; {
	case st.Server():
		lines = append(lines, [2]string{run, "start your server"})
	case !st.RunsNothing():
		lines = append(lines, [2]string{"printf 'one two\\n' | " + run, "run your program on some input"})
	}
	lines = append(lines, [2]string{"waymark check", "run the exercise's checks"},
		[2]string{"waymark practice hint " + ex.ID, "a hint, when you are stuck"})
	cmdWidth := 0
	for _, l := range lines {
		cmdWidth = max(cmdWidth, len(l[0]))
	}
	fmt.Fprintln(out, "\nNext steps:")
	for _, l := range lines {
		fmt.Fprintf(out, "  %-*s  %s\n", cmdWidth, l[0], st.faint.Render("# "+l[1]))
	}
	if mode.IsSolution() {
		fmt.Fprintln(out, "\n"+wrap.Text("This is the reference solution: its checks pass, but they are not recorded as yours.", width))
	}
}

// practiceCommand is the command line that does the same without prompts.
func practiceCommand(opts *PracticeOptions, id, dir string) string {
	parts := []string{"waymark", "practice", id, shell.Quote(dir), "--stack", opts.Stack}
	for _, b := range []struct {
		on   bool
		flag string
	}{{opts.Solution, "--solution"}, {opts.NoGit, "--no-git"}, {opts.Force, "--force"}} {
		if b.on {
			parts = append(parts, b.flag)
		}
	}
	return strings.Join(parts, " ")
}
