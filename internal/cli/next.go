package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/wrap"
)

// NextOptions are the inputs of `waymark next`.
type NextOptions struct {
	F    *Factory
	JSON bool
}

// NewCmdNext builds `waymark next`.
func NewCmdNext(f *Factory, runF func(*NextOptions) error) *cobra.Command {
	opts := &NextOptions{F: f}
	cmd := &cobra.Command{
		Use:   "next",
		Short: "Show the topic to study next",
		Long: `Show the topic to study next: the one you started, else the first topic
in roadmap order whose prerequisites you have finished.`,
		Example: "  waymark next\n  waymark next --json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return nextRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the next topic as JSON (null when the roadmap is finished)")
	return cmd
}

func nextRun(opts *NextOptions) error {
	c, p, err := loadState(opts.F)
	if err != nil {
		return err
	}
	t := progress.NextTopic(c, p)
	w := opts.F.IO.Out
	if opts.JSON {
		if t == nil {
			return writeJSON(w, nil)
		}
		return writeJSON(w, map[string]any{"id": t.ID, "title": t.Title, "step": t.Step, "summary": t.Summary, "hours": t.Hours, "status": p.TopicStatus(t.ID)})
	}
	st := newStyles()
	if t == nil {
		fmt.Fprintf(w, "%s Nothing left on the roadmap. Prove it with a project: waymark projects\n", st.ok.Render("✓"))
		return nil
	}
	step := c.Step(t.Step)
	width := opts.F.IO.Width()
	fmt.Fprintln(w, wrap.Text("Next: "+st.accent.Render(t.ID)+" — "+st.title.Render(t.Title)+" "+st.faint.Render("("+step.Title+")"), width))
	fmt.Fprintf(w, "%s\n\n", wrap.Text(t.Summary, readingWidth(width)))
	fmt.Fprintf(w, "Read it:   waymark topic %s\n", t.ID)
	if p.TopicStatus(t.ID) != progress.StatusDoing {
		fmt.Fprintf(w, "Start it:  waymark start %s\n", t.ID)
	}
	fmt.Fprintf(w, "Finish it: waymark done %s\n", t.ID)
	return nil
}
