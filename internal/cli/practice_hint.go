package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/wrap"
)

// PracticeHintOptions are the inputs of `waymark practice hint`.
type PracticeHintOptions struct {
	F        *Factory
	Exercise string
	All      bool
	JSON     bool
}

// NewCmdPracticeHint builds `waymark practice hint <exercise>`.
func NewCmdPracticeHint(f *Factory, runF func(*PracticeHintOptions) error) *cobra.Command {
	opts := &PracticeHintOptions{F: f}
	cmd := &cobra.Command{
		Use:   "hint <exercise>",
		Short: "Show the next hint of an exercise",
		Long: `Show an exercise's hints one at a time: each run shows the hints seen so far
and the next one, until all are shown. How many you have seen is kept in your
progress file, so the next run, in any folder, carries on. --all shows every
hint at once.`,
		Example: `  waymark practice hint status-codes
  waymark practice hint word-count --all`,
		Args:              needs(1, 1, "an exercise id"),
		ValidArgsFunction: completeExercises(f, false),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Exercise = args[0]
			if runF != nil {
				return runF(opts)
			}
			return practiceHintRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.All, "all", false, "show every hint at once")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the hints shown as JSON")
	return cmd
}

func practiceHintRun(opts *PracticeHintOptions) error {
	f := opts.F
	c, err := f.Curriculum()
	if err != nil {
		return err
	}
	ex, err := exerciseOf(c, opts.Exercise)
	if err != nil {
		return err
	}
	store, err := f.ProgressStore()
	if err != nil {
		return err
	}
	total := len(ex.Hints)
	seen := 0
	_, err = store.Update(func(p *progress.Progress) error {
		if p.Curriculum == "" {
			p.Curriculum = c.ID
		}
		if opts.All {
			p.SeeAllHints(ex.ID, total)
			seen = total
		} else {
			seen = p.NextHint(ex.ID, total)
		}
		return nil
	})
	if err != nil {
		return err
	}
	shown := ex.Hints[:seen]
	if opts.JSON {
		return writeJSON(f.IO.Out, map[string]any{"exercise": ex.ID, "shown": shown, "seen": seen, "total": total})
	}
	out, width := f.IO.Out, readingWidth(f.IO.Width())
	st := newStyles()
	fmt.Fprintf(out, "%s\n\n", wrap.Hanging(st.title.Render(ex.ID)+" — ", ex.Title, width))
	for i, h := range shown {
		label := fmt.Sprintf("Hint %d of %d  ", i+1, total)
		if i < seen-1 && !opts.All {
			label = st.faint.Render(label)
		}
		fmt.Fprintln(out, wrap.Hanging(label, h, width))
	}
	if seen < total {
		fmt.Fprintf(out, "\n%s\n", st.faint.Render(fmt.Sprintf("Run it again for hint %d; --all shows every hint.", seen+1)))
	} else if !opts.All {
		fmt.Fprintf(out, "\n%s\n", st.faint.Render("That was the last hint. The prompt (README.md) and `waymark check` say the rest."))
	}
	return nil
}
