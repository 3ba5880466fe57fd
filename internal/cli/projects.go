package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/scaffold"
	"github.com/waymark-dev/waymark/internal/wrap"
)

// ProjectsOptions are the inputs of `waymark projects`.
type ProjectsOptions struct {
	F    *Factory
	JSON bool
}

// NewCmdProjects builds `waymark projects`.
func NewCmdProjects(f *Factory, runF func(*ProjectsOptions) error) *cobra.Command {
	opts := &ProjectsOptions{F: f}
	cmd := &cobra.Command{
		Use:   "projects",
		Short: "List the practice projects, their stacks and milestones",
		Long: `List the practice projects you can scaffold with waymark new, with their
difficulty, stacks and milestones. A ✓ marks a milestone whose checks your
project has passed (waymark check records them).`,
		Example: "  waymark projects\n  waymark projects --json",
		Args:    noArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return projectsRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the projects as JSON")
	return cmd
}

// projectJSON is one project in `waymark projects --json`.
type projectJSON struct {
	ID         string          `json:"id"`
	Title      string          `json:"title"`
	Summary    string          `json:"summary"`
	Difficulty string          `json:"difficulty"`
	Stacks     []string        `json:"stacks"`
	Milestones []milestoneJSON `json:"milestones"`
	// Scaffolded is the learner's latest own folder, if they made one.
	Scaffolded *scaffoldedJSON `json:"scaffolded"`
	// References are folders holding the reference solution: shown, but
	// their check results are never counted as the learner's.
	References []scaffoldedJSON `json:"references,omitempty"`
}

type milestoneJSON struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Passed bool   `json:"passed"`
}

type scaffoldedJSON struct {
	Dir   string `json:"dir"`
	Stack string `json:"stack"`
	Mode  string `json:"mode,omitempty"`
}

func projectsRun(opts *ProjectsOptions) error {
	f := opts.F
	templates, err := f.Templates()
	if err != nil {
		return err
	}
	ps, err := f.curriculumCache().LoadProjects(templates)
	if err != nil {
		return err
	}
	store, err := f.ProgressStore()
	if err != nil {
		return err
	}
	prog, err := store.Load()
	if err != nil {
		return err
	}
	list := make([]projectJSON, 0, len(ps))
	for _, p := range ps {
		list = append(list, describeProject(p, prog))
	}
	if opts.JSON {
		return writeJSON(f.IO.Out, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(f.IO.Out, "No projects in this curriculum.")
		return nil
	}
	st := newStyles()
	out := f.IO.Out
	width := f.IO.Width()
	for i, p := range list {
		if i > 0 {
			fmt.Fprintln(out)
		}
		fmt.Fprintln(out, wrap.Hanging(st.title.Render(p.ID)+"  ", p.Title+"  "+st.faint.Render("("+p.Difficulty+"; "+joinComma(p.Stacks)+")"), width))
		if p.Summary != "" {
			fmt.Fprintln(out, wrap.Hanging("  ", strings.TrimSpace(p.Summary), readingWidth(width)))
		}
		marks := make([]string, len(p.Milestones))
		for j, m := range p.Milestones {
			if m.Passed {
				marks[j] = st.ok.Render("✓") + " " + m.ID
			} else {
				marks[j] = "○ " + m.ID
			}
		}
		fmt.Fprintln(out, wrap.Hanging("  ", strings.Join(marks, "  "), width))
		// Folders stay whole on their line, to copy.
		if s := p.Scaffolded; s != nil && s.Dir != "" {
			fmt.Fprintf(out, "  %s\n", st.faint.Render(fmt.Sprintf("yours: %s (%s, %s)", s.Dir, s.Stack, s.Mode)))
		}
		for _, r := range p.References {
			fmt.Fprintf(out, "  %s\n", st.faint.Render(fmt.Sprintf("reference: %s (%s)", r.Dir, r.Stack)))
		}
	}
	fmt.Fprintf(out, "\n%s\n", wrap.Text(nextProjectHint(list, prog), width))
	return nil
}

// nextProjectHint suggests the first project the learner has not started,
// in the stack they used last.
func nextProjectHint(list []projectJSON, prog *progress.Progress) string {
	var last *progress.Project
	for _, folders := range prog.Projects {
		for _, pr := range folders {
			if pr != nil && !pr.Reference() && pr.Stack != "" && (last == nil || pr.Created.After(last.Created)) {
				last = pr
			}
		}
	}
	for _, p := range list {
		if p.Scaffolded != nil || len(p.Stacks) == 0 {
			continue
		}
		stack := p.Stacks[0]
		if last != nil && slices.Contains(p.Stacks, last.Stack) {
			stack = last.Stack
		}
		return fmt.Sprintf("Start one: waymark new %s --stack %s", p.ID, stack)
	}
	return "Every project is started: run waymark check in a project's folder to verify its next milestone."
}

func describeProject(p *curriculum.Project, prog *progress.Progress) projectJSON {
	j := projectJSON{
		ID: p.ID, Title: p.Title, Summary: strings.TrimSpace(p.Summary), Difficulty: p.Difficulty,
		Stacks: scaffold.StackNames(p), Milestones: make([]milestoneJSON, len(p.Milestones)),
	}
	verified := prog.Verified(p.ID)
	for i, m := range p.Milestones {
		j.Milestones[i] = milestoneJSON{ID: m.ID, Title: m.Title}
		_, j.Milestones[i].Passed = verified[m.ID]
	}
	if mine := prog.Yours(p.ID); mine != nil {
		j.Scaffolded = &scaffoldedJSON{Dir: mine.Dir, Stack: mine.Stack, Mode: mine.Mode}
	}
	for _, r := range prog.References(p.ID) {
		j.References = append(j.References, scaffoldedJSON{Dir: r.Dir, Stack: r.Stack, Mode: r.Mode})
	}
	return j
}
