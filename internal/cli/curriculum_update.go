package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/library"
)

// CurriculumUpdateOptions are the inputs of `waymark curriculum update`.
type CurriculumUpdateOptions struct {
	F    *Factory
	Name string
	JSON bool
}

// NewCmdCurriculumUpdate builds `waymark curriculum update [name]`.
func NewCmdCurriculumUpdate(f *Factory, runF func(context.Context, *CurriculumUpdateOptions) error) *cobra.Command {
	opts := &CurriculumUpdateOptions{F: f}
	cmd := &cobra.Command{
		Use:   "update [name]",
		Short: "Fast-forward installed curricula to their Git remote and show what changed",
		Long: `Fast-forward an installed curriculum (every one, without a name) to its Git
remote, validate it, and print what changed: steps, topics and projects
added or removed. An update that does not validate is undone. Progress on
removed topics is kept in your progress file and listed.`,
		Example: "  waymark curriculum update\n  waymark curriculum update backend-course",
		Args:    needs(0, 1, "a curriculum name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Name = args[0]
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return curriculumUpdateRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the changes as JSON")
	return cmd
}

// curriculumChange is what one update did.
type curriculumChange struct {
	Name    string `json:"name"`
	Updated bool   `json:"updated"`
	// Repaired says the install did not validate before the update.
	Repaired        bool     `json:"repaired,omitempty"`
	StepsAdded      []string `json:"steps_added"`
	StepsRemoved    []string `json:"steps_removed"`
	TopicsAdded     []string `json:"topics_added"`
	TopicsRemoved   []string `json:"topics_removed"`
	ProjectsAdded   []string `json:"projects_added"`
	ProjectsRemoved []string `json:"projects_removed"`
	// KeptProgress lists removed topics that have an entry in the learner's
	// progress: the entries stay in the file.
	KeptProgress []string `json:"kept_progress"`
	Error        string   `json:"error,omitempty"`
}

func curriculumUpdateRun(ctx context.Context, opts *CurriculumUpdateOptions) error {
	lib, err := opts.F.Library()
	if err != nil {
		return err
	}
	names := []string{opts.Name}
	if opts.Name == "" {
		entries, err := lib.List(nil)
		if err != nil {
			return err
		}
		names = names[:0]
		for _, e := range entries {
			if e.Source != "" {
				names = append(names, e.Name)
			}
		}
		if len(names) == 0 {
			return usageErrorf("no curriculum installed from Git to update (add one with: waymark curriculum add <git URL>)")
		}
	}
	var changes []curriculumChange
	failed := false
	for _, name := range names {
		ch := curriculumChange{Name: name}
		res, err := lib.Update(ctx, name, libraryValidator(ctx))
		if err != nil {
			failed = true
			ch.Error = refusal(fmt.Sprintf("%s was not updated", name), err).Error()
		} else {
			diffCurricula(&ch, res)
			ch.KeptProgress = keptProgress(opts.F, ch.TopicsRemoved)
		}
		changes = append(changes, ch)
	}
	if opts.JSON {
		if err := writeJSON(opts.F.IO.Out, changes); err != nil {
			return err
		}
	} else {
		for _, ch := range changes {
			printChange(opts.F.IO.Out, opts.F.IO.ErrOut, ch)
		}
	}
	if failed {
		return &SilentError{Code: ExitFailed}
	}
	return nil
}

func diffCurricula(ch *curriculumChange, res *library.UpdateResult) {
	ids := func(c *curriculum.Curriculum) (steps, topics, projects []string) {
		if c == nil {
			return // a broken install: everything after it is new
		}
		for _, s := range c.Steps {
			steps = append(steps, s.ID)
			projects = append(projects, s.Projects...)
			for _, t := range s.Topics {
				topics = append(topics, t.ID)
			}
		}
		return
	}
	bs, bt, bp := ids(res.Before)
	as, at, ap := ids(res.After)
	ch.StepsAdded, ch.StepsRemoved = minus(as, bs), minus(bs, as)
	ch.TopicsAdded, ch.TopicsRemoved = minus(at, bt), minus(bt, at)
	ch.ProjectsAdded, ch.ProjectsRemoved = minus(ap, bp), minus(bp, ap)
	ch.Updated = res.Changed
	ch.Repaired = res.Changed && res.Before == nil
}

// minus returns the elements of a not in b, sorted and without repeats.
func minus(a, b []string) []string {
	out := []string{}
	for _, x := range a {
		if !slices.Contains(b, x) && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return out
}

// keptProgress returns the removed topics the learner has progress on.
func keptProgress(f *Factory, removed []string) []string {
	out := []string{}
	if len(removed) == 0 {
		return out
	}
	store, err := f.ProgressStore()
	if err != nil {
		return out
	}
	p, err := store.Load()
	if err != nil {
		return out
	}
	for _, id := range removed {
		if st, ok := p.Topics[id]; ok {
			out = append(out, fmt.Sprintf("%s (%s)", id, st.Status))
		}
	}
	return out
}

func printChange(out, errOut io.Writer, ch curriculumChange) {
	if ch.Error != "" {
		fmt.Fprintf(errOut, "error: %s\n", ch.Error)
		return
	}
	if !ch.Updated {
		fmt.Fprintf(out, "%s is up to date\n", ch.Name)
		return
	}
	if ch.Repaired {
		fmt.Fprintf(out, "Updated %s (it did not validate before; now it does)\n", ch.Name)
	} else {
		fmt.Fprintf(out, "Updated %s\n", ch.Name)
	}
	line := func(label string, ids []string) {
		if len(ids) > 0 {
			fmt.Fprintf(out, "  %s: %s\n", label, strings.Join(ids, ", "))
		}
	}
	line("steps added", ch.StepsAdded)
	line("steps removed", ch.StepsRemoved)
	line("topics added", ch.TopicsAdded)
	line("topics removed", ch.TopicsRemoved)
	line("projects added", ch.ProjectsAdded)
	line("projects removed", ch.ProjectsRemoved)
	if len(ch.KeptProgress) > 0 {
		fmt.Fprintf(out, "  your progress on removed topics is kept in your progress file: %s\n", strings.Join(ch.KeptProgress, ", "))
	}
}
