package cli

import (
	"github.com/spf13/cobra"
)

// NewCmdRoot builds the waymark command tree.
func NewCmdRoot(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "waymark",
		Short: "Your companion on the way to becoming a backend developer",
		Long: `waymark walks you through a backend developer roadmap: how the web works,
a language, databases, APIs, Git, real projects, deployment, and algorithms.

It keeps your progress in a plain YAML file you can read and commit, scaffolds
runnable starter projects (a blog, a shop API, a chat, a task manager), and
checks your own server against each project's milestones.

Run waymark on a terminal for the interactive view, or use the commands below.`,
		Example: `  waymark status              # how far along you are
  waymark next                # what to study now
  waymark done http-messages  # mark a topic done
  waymark new tasks --stack go
  waymark check               # inside a generated project`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version,
		Args:          noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return homeRun(cmd.Context(), f)
		},
	}
	cmd.SetFlagErrorFunc(flagErrorFunc)
	cmd.SuggestionsMinimumDistance = 2
	cmd.SetVersionTemplate("waymark {{.Version}}\n")
	cmd.PersistentFlags().StringVar(&f.ProgressFlag, "progress", "", "progress `file` (default $WAYMARK_PROGRESS, else $XDG_DATA_HOME/waymark/progress.yaml)")
	cmd.PersistentFlags().StringVar(&f.CurriculumFlag, "curriculum", "", "use the curriculum in `dir` instead of the built-in roadmap")
	_ = cmd.MarkPersistentFlagDirname("curriculum")

	cmd.AddGroup(
		&cobra.Group{ID: "roadmap", Title: "Follow the roadmap:"},
		&cobra.Group{ID: "projects", Title: "Build projects:"},
		&cobra.Group{ID: "content", Title: "Curricula:"},
	)
	add := func(group string, cmds ...*cobra.Command) {
		for _, c := range cmds {
			c.GroupID = group
			cmd.AddCommand(c)
		}
	}
	add("roadmap",
		NewCmdRoadmap(f, nil),
		NewCmdStatus(f, nil),
		NewCmdNext(f, nil),
		NewCmdStats(f, nil),
		NewCmdTopic(f, nil),
		NewCmdMark(f, "done", nil),
		NewCmdMark(f, "start", nil),
		NewCmdMark(f, "skip", nil),
		NewCmdMark(f, "reset", nil),
		NewCmdLog(f, nil),
		NewCmdQuiz(f, nil),
		NewCmdReview(f, nil),
	)
	add("projects", projectCommands(f)...)
	add("content", NewCmdCurriculum(f), NewCmdClass(f))
	add("roadmap", NewCmdProgress(f), NewCmdPortfolio(f, nil))
	cmd.AddCommand(NewCmdVersion(f), newCmdCalibrate(f))
	for _, c := range cmd.Commands() {
		c.SetFlagErrorFunc(flagErrorFunc)
		c.SuggestionsMinimumDistance = 2
	}
	return cmd
}
