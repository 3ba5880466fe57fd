package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
)

// loadState reads the curriculum in use and the learner's progress.
func loadState(f *Factory) (*curriculum.Curriculum, *progress.Progress, error) {
	c, err := f.Curriculum()
	if err != nil {
		return nil, nil, err
	}
	store, err := f.ProgressStore()
	if err != nil {
		return nil, nil, err
	}
	p, err := store.Load()
	if err != nil {
		return nil, nil, err
	}
	return c, p, nil
}

// writeJSON prints v as indented JSON, the shape scripts rely on.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// topicError explains an unknown topic id, with the nearest known id.
func topicError(c *curriculum.Curriculum, id string) error {
	ids := make([]string, 0, 64)
	for _, t := range c.Topics() {
		ids = append(ids, t.ID)
	}
	if near := curriculum.Closest(id, ids); near != "" {
		return fmt.Errorf("no topic %q — did you mean %q?", id, near)
	}
	return fmt.Errorf("no topic %q: `waymark roadmap` lists every topic id", id)
}

// stepError explains an unknown step id.
func stepError(c *curriculum.Curriculum, id string) error {
	ids := make([]string, len(c.Steps))
	for i, s := range c.Steps {
		ids[i] = s.ID
	}
	if near := curriculum.Closest(id, ids); near != "" {
		return fmt.Errorf("no step %q — did you mean %q?", id, near)
	}
	return fmt.Errorf("no step %q: steps are %v", id, ids)
}

// completeTopics offers topic ids (with titles) for shell completion.
func completeTopics(f *Factory) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		c, err := f.Curriculum()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []cobra.Completion
		for _, t := range c.Topics() {
			if !slices.Contains(args, t.ID) {
				out = append(out, cobra.CompletionWithDesc(t.ID, t.Title))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeSteps offers step ids for the first argument.
func completeSteps(f *Factory) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		c, err := f.Curriculum()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []cobra.Completion
		for _, s := range c.Steps {
			out = append(out, cobra.CompletionWithDesc(s.ID, s.Title))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
