package cli

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/authoring"
	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/scaffold"
)

// NewCmdCurriculum builds the `waymark curriculum` group.
func NewCmdCurriculum(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "curriculum",
		Args:  noArgs,
		RunE:  groupHelp,
		Short: "Check and manage curricula (roadmap, lessons, projects, checks)",
		Long: `A curriculum is a folder (usually a Git repository) with a curriculum.yaml,
lessons, and optionally project templates with their checks. waymark ships a
built-in backend roadmap; instructors can write their own, and learners
install them with add and pick one with use.`,
	}
	cmd.AddCommand(
		NewCmdCurriculumList(f, nil),
		NewCmdCurriculumAdd(f, nil),
		NewCmdCurriculumUse(f, nil),
		NewCmdCurriculumUpdate(f, nil),
		NewCmdCurriculumRemove(f, nil),
		NewCmdCurriculumInit(f, nil),
		NewCmdCurriculumValidate(f, nil),
	)
	return cmd
}

// CurriculumValidateOptions are the inputs of `waymark curriculum validate`.
type CurriculumValidateOptions struct {
	F     *Factory
	Dir   string
	JSON  bool
	Quick bool
	// BootTimeout bounds each server start in the full run.
	BootTimeout time.Duration
}

// NewCmdCurriculumValidate builds `waymark curriculum validate <dir>`.
func NewCmdCurriculumValidate(f *Factory, runF func(context.Context, *CurriculumValidateOptions) error) *cobra.Command {
	opts := &CurriculumValidateOptions{F: f}
	cmd := &cobra.Command{
		Use:   "validate <dir>",
		Short: "Check a curriculum folder and list every problem",
		Long: `Check a curriculum folder: curriculum.yaml, the lessons it names, the
projects under templates/ and the exercises under exercises/ — manifests,
checks (every milestone needs a hint and a checks file), solution markers,
and that no solution line leaks into a starter. Every problem is listed at
once with its file, line and column.

Unless --quick, each project's and exercise's reference solution and starter
are then generated for every stack and run against their checks: the
reference must pass every milestone and the starter must fail some. This runs
the curriculum's own code: validate only folders you trust.

The exit code is non-zero when there is any problem.`,
		Example: "  waymark curriculum validate .\n  waymark curriculum validate ./my-course --quick --json",
		Args:    needs(1, 1, "a curriculum folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return curriculumValidateRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the problems as JSON")
	cmd.Flags().BoolVar(&opts.Quick, "quick", false, "skip running the references and starters against their checks")
	cmd.Flags().DurationVar(&opts.BootTimeout, "boot-timeout", 2*time.Minute, "how long a server may take to start in the full run")
	return cmd
}

// validateRun is one reference or starter run, as reported.
type validateRun struct {
	Project string   `json:"project"`
	Stack   string   `json:"stack"`
	Mode    string   `json:"mode"`
	OK      bool     `json:"ok"`
	Passed  []string `json:"passed"`
	Failed  []string `json:"failed"`
	Error   string   `json:"error,omitempty"`
}

func curriculumValidateRun(ctx context.Context, opts *CurriculumValidateOptions) error {
	res, err := authoring.Validate(ctx, opts.Dir)
	if err != nil {
		return err
	}
	defer res.Close()
	problems := res.Problems
	var runs []validateRun
	if !opts.Quick && len(problems) == 0 {
		// Exercises run like projects, from their own folder.
		type runnable struct {
			tmpl fs.FS
			dir  string
			kind string
			p    *curriculum.Project
		}
		var all []runnable
		for _, p := range res.Projects {
			all = append(all, runnable{res.Templates, "templates", "", p})
		}
		for _, ex := range res.Exercises {
			all = append(all, runnable{res.ExerciseFiles, curriculum.ExercisesDir, scaffold.KindExercise, ex.Project()})
		}
		for _, rn := range all {
			for _, stack := range scaffold.StackNames(rn.p) {
				if !opts.JSON {
					fmt.Fprintf(opts.F.IO.ErrOut, "Running %s/%s (reference, then starter)…\n", rn.p.ID, stack)
				}
				for _, mode := range []scaffold.Mode{scaffold.Solution(), scaffold.Starter()} {
					r := authoring.Run(ctx, rn.tmpl, rn.p, rn.kind, stack, mode, opts.BootTimeout)
					vr, prob := judgeRun(rn.dir, rn.p, r)
					runs = append(runs, vr)
					if prob != nil {
						problems = append(problems, prob)
					}
				}
			}
		}
	}
	w := opts.F.IO.Out
	if opts.JSON {
		list := []map[string]any{}
		for _, p := range problems {
			list = append(list, map[string]any{"file": filepath.ToSlash(p.Pos.File), "line": p.Pos.Line, "column": p.Pos.Col, "message": p.Msg})
		}
		if runs == nil {
			runs = []validateRun{}
		}
		if err := writeJSON(w, map[string]any{"valid": len(problems) == 0, "problems": list, "runs": runs}); err != nil {
			return err
		}
	} else {
		st := newStyles()
		for _, r := range runs {
			mark := st.ok.Render("✓")
			if !r.OK {
				mark = st.err.Render("✗")
			}
			fmt.Fprintf(w, "%s %s/%s %s: passes [%s], fails [%s]\n", mark, r.Project, r.Stack, r.Mode, strings.Join(r.Passed, ", "), strings.Join(r.Failed, ", "))
		}
		if len(problems) == 0 {
			c := res.Curriculum
			fmt.Fprintf(w, "%s %s is valid: %s, %s, %s, %s, %s\n", st.ok.Render("✓"), opts.Dir, plural(len(c.Steps), "step", "steps"),
				plural(len(c.Topics()), "topic", "topics"), plural(lessonCount(c), "lesson", "lessons"), plural(len(res.Projects), "project", "projects"),
				plural(len(res.Exercises), "exercise", "exercises"))
			if opts.Quick && len(res.Projects)+len(res.Exercises) > 0 {
				fmt.Fprintln(opts.F.IO.ErrOut, "(--quick: the references and starters were not run)")
			}
		} else {
			printProblems(opts.F.IO.ErrOut, opts.Dir, problems)
		}
	}
	if len(problems) > 0 {
		return &SilentError{Code: ExitFailed}
	}
	return nil
}

// judgeRun says whether a run did what its mode must: a reference passes
// every milestone, a starter fails at least one. dir is the folder of p's
// template, templates or exercises, for the problem's position.
func judgeRun(dir string, p *curriculum.Project, r *authoring.RunResult) (validateRun, *curriculum.Problem) {
	vr := validateRun{Project: r.Project, Stack: r.Stack, Mode: r.Mode, Passed: r.PassedIDs(), Failed: []string{}}
	if vr.Passed == nil {
		vr.Passed = []string{}
	}
	passed := map[string]bool{}
	for _, id := range vr.Passed {
		passed[id] = true
	}
	for _, m := range p.Milestones {
		if !passed[m.ID] {
			vr.Failed = append(vr.Failed, m.ID)
		}
	}
	pos := curriculum.Pos{File: filepath.ToSlash(filepath.Join(dir, r.Project, r.Stack))}
	reference := r.Mode == scaffold.Solution().String()
	switch {
	case r.Err != nil:
		vr.Error = r.Err.Error()
		return vr, &curriculum.Problem{Pos: pos, Msg: fmt.Sprintf("the %s could not be run: %v", r.Mode, r.Err)}
	case reference && !r.Passed():
		msg := fmt.Sprintf("the reference solution fails %s %s", pluralWord(len(vr.Failed), "milestone", "milestones"), strings.Join(vr.Failed, ", "))
		if r.Report != nil && r.Report.Message != "" {
			msg += ": " + r.Report.Message
		}
		for _, m := range r.Report.Milestones {
			if m.Message != "" && !passed[m.ID] {
				msg += fmt.Sprintf(" (%s: %s)", m.ID, m.Message)
				break
			}
		}
		vr.Error = msg
		return vr, &curriculum.Problem{Pos: pos, Msg: msg}
	case !reference && len(vr.Failed) == 0:
		msg := "the starter passes every milestone: strip the solution of at least one (waymark:begin solution <milestone>)"
		vr.Error = msg
		return vr, &curriculum.Problem{Pos: pos, Msg: msg}
	}
	vr.OK = true
	return vr, nil
}

// printProblems lists problems with paths under dir, then a count.
func printProblems(w interface{ Write([]byte) (int, error) }, dir string, problems curriculum.Problems) {
	for _, p := range problems {
		p.Pos.File = filepath.Join(dir, p.Pos.File)
		fmt.Fprintln(w, p.String())
	}
	fmt.Fprintf(w, "%s in %s\n", plural(len(problems), "problem", "problems"), dir)
}

// lessonCount is how many of c's topics have a lesson.
func lessonCount(c *curriculum.Curriculum) int {
	n := 0
	for _, t := range c.Topics() {
		if t.Lesson != "" {
			n++
		}
	}
	return n
}
