package cli

import "github.com/spf13/cobra"

// projectCommands are the commands of the "Build projects" group. Each lives
// in its own file.
func projectCommands(f *Factory) []*cobra.Command {
	return []*cobra.Command{
		NewCmdProjects(f, nil),
		NewCmdNew(f, nil),
		NewCmdCheck(f, nil),
		NewCmdPractice(f, nil),
		// NewCmdProjects(f, nil), NewCmdNew(f, nil) and NewCmdCheck(f, nil)
		// are added here by their files' authors.
	}
}
