package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/scaffold"
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
		Args:    cobra.NoArgs,
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
	// Scaffolded is the learner's copy, if they made one.
	Scaffolded *scaffoldedJSON `json:"scaffolded"`
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
	ps, err := curriculum.LoadProjects(templates)
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
		list = append(list, describeProject(p, prog.Projects[p.ID]))
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
	for i, p := range list {
		if i > 0 {
			fmt.Fprintln(out)
		}
		fmt.Fprintf(out, "%s  %s  %s\n", st.title.Render(p.ID), p.Title, st.faint.Render("("+p.Difficulty+"; "+joinComma(p.Stacks)+")"))
		if p.Summary != "" {
			fmt.Fprintf(out, "  %s\n", strings.TrimSpace(p.Summary))
		}
		marks := make([]string, len(p.Milestones))
		for j, m := range p.Milestones {
			if m.Passed {
				marks[j] = st.ok.Render("✓") + " " + m.ID
			} else {
				marks[j] = "○ " + m.ID
			}
		}
		fmt.Fprintf(out, "  %s\n", strings.Join(marks, "  "))
		if s := p.Scaffolded; s != nil {
			fmt.Fprintf(out, "  %s\n", st.faint.Render(fmt.Sprintf("yours: %s (%s, %s)", s.Dir, s.Stack, s.Mode)))
		}
	}
	fmt.Fprintf(out, "\nStart one: waymark new %s --stack %s\n", list[0].ID, list[0].Stacks[0])
	return nil
}

func describeProject(p *curriculum.Project, mine *progress.Project) projectJSON {
	j := projectJSON{
		ID: p.ID, Title: p.Title, Summary: strings.TrimSpace(p.Summary), Difficulty: p.Difficulty,
		Stacks: scaffold.StackNames(p), Milestones: make([]milestoneJSON, len(p.Milestones)),
	}
	for i, m := range p.Milestones {
		j.Milestones[i] = milestoneJSON{ID: m.ID, Title: m.Title}
		if mine != nil {
			_, j.Milestones[i].Passed = mine.Milestones[m.ID]
		}
	}
	if mine != nil {
		j.Scaffolded = &scaffoldedJSON{Dir: mine.Dir, Stack: mine.Stack, Mode: mine.Mode}
	}
	return j
}
