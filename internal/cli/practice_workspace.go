package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// exerciseReadme is the workspace's README.md: the prompt, then how to run
// and check the work, for the stack chosen.
func exerciseReadme(ex *curriculum.Exercise, stack string) []byte {
	var b strings.Builder
	b.WriteString(strings.TrimRight(ex.Prompt, "\n"))
	b.WriteString("\n\n---\n\n## Working on it\n\n")
	fmt.Fprintf(&b, "This folder was made by `waymark practice %s --stack %s`. ", ex.ID, stack)
	b.WriteString("The code is yours to change; `.waymark.yaml` tells `waymark check` what it is looking at.\n\n")
	b.WriteString("```sh\n")
	lines := [][2]string{}
	if ex.Setup != nil {
		lines = append(lines, [2]string{"cd " + curriculum.SetupRepo, "the repository to work in (waymark check works there too)"})
	}
	switch st := ex.Stacks[stack]; {
	case st == nil, st.RunsNothing():
		// nothing to run: the checks read the workspace's files
	case st.Server():
		lines = append(lines, [2]string{st.Run, "start your server (it listens on $" + st.PortEnv + ", 8080 if unset)"})
	default:
		lines = append(lines, [2]string{"printf 'one two\\n' | " + st.Run, "run your program on some input"})
	}
	lines = append(lines,
		[2]string{"waymark check", "run the exercise's checks"},
		[2]string{"waymark check --watch", "run them again whenever a file changes"},
		[2]string{"waymark practice hint " + ex.ID, "the next hint, when you are stuck"},
	)
	width := 0
	for _, l := range lines {
		width = max(width, len(l[0]))
	}
	for _, l := range lines {
		fmt.Fprintf(&b, "%-*s  # %s\n", width, l[0], l[1])
	}
	b.WriteString("```\n")
	return []byte(b.String())
}

// exerciseError explains an id that names no exercise: the nearest
// exercise, step or topic id, or where the list is.
func exerciseError(c *curriculum.Curriculum, id string) error {
	ids := c.ExerciseIDs()
	for _, s := range c.Steps {
		ids = append(ids, s.ID)
	}
	for _, t := range c.Topics() {
		ids = append(ids, t.ID)
	}
	if near := curriculum.Closest(id, ids); near != "" {
		return usageErrorf("no exercise, step or topic %q — did you mean %q?", id, near)
	}
	if len(c.Exercises()) == 0 {
		return usageErrorf("no exercise %q: this curriculum has no exercises", id)
	}
	if ids := c.ExerciseIDs(); len(ids) > 8 {
		// A list of dozens of ids would bury the error; the listing groups them.
		return usageErrorf("no exercise %q: `waymark practice` lists all %d, by step", id, len(ids))
	}
	return usageErrorf("no exercise %q: `waymark practice` lists them (%s)", id, joinComma(c.ExerciseIDs()))
}

// exerciseOf finds the exercise id, or explains why there is none.
func exerciseOf(c *curriculum.Curriculum, id string) (*curriculum.Exercise, error) {
	if ex := c.Exercise(id); ex != nil {
		return ex, nil
	}
	return nil, exerciseError(c, id)
}

// completeExercises offers exercise ids (with titles); with steps, also
// the step and topic ids that `waymark practice` lists by.
func completeExercises(f *Factory, steps bool) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveFilterDirs
		}
		c, err := f.Curriculum()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []cobra.Completion
		for _, e := range c.Exercises() {
			out = append(out, cobra.CompletionWithDesc(e.ID, e.Title))
		}
		if steps {
			for _, s := range c.Steps {
				if len(c.StepExercises(s.ID)) > 0 {
					out = append(out, cobra.CompletionWithDesc(s.ID, "step: "+s.Title))
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeExerciseStacks offers the stacks of the exercise named by the
// first argument, or of every exercise.
func completeExerciseStacks(f *Factory) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		c, err := f.Curriculum()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []cobra.Completion
		for _, e := range c.Exercises() {
			if len(args) > 0 && e.ID != args[0] {
				continue
			}
			for _, s := range e.StackNames() {
				if !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
