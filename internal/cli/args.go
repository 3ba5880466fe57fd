package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// needs accepts between min and max arguments (max < 0: no limit), and
// otherwise says what is missing or extra, with the command's first
// example, rather than cobra's "accepts 1 arg(s), received 0".
func needs(min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < min:
			return usageErrorf("%s needs %s%s", cmd.CommandPath(), what, like(cmd))
		case max >= 0 && len(args) > max:
			return usageErrorf("%s takes %s; got %s", cmd.CommandPath(), takes(max, what), strings.Join(args, " "))
		}
		return nil
	}
}

// noArgs refuses arguments. On a command with subcommands, an argument is
// a mistyped command: it suggests the nearest ones.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.HasSubCommands() {
		msg := fmt.Sprintf("unknown command %q", args[0])
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			msg += fmt.Sprintf(": did you mean %s?", strings.Join(s, " or "))
		}
		return usageErrorf("%s", msg)
	}
	return usageErrorf("%s takes no arguments; got %s", cmd.CommandPath(), strings.Join(args, " "))
}

// takes says how many of what a command takes.
func takes(max int, what string) string {
	switch max {
	case 0:
		return "no arguments"
	case 1:
		return "only " + what
	}
	return fmt.Sprintf("at most %d arguments (%s)", max, what)
}

// like is ", like: <first example>" when the command has one.
func like(cmd *cobra.Command) string {
	for _, l := range strings.Split(cmd.Example, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "waymark ") {
			if i := strings.Index(l, "  #"); i > 0 {
				l = strings.TrimSpace(l[:i])
			}
			return ", like: " + l
		}
	}
	return ""
}

// groupHelp is what a command group does on its own: show its commands.
// Being runnable lets noArgs catch a mistyped subcommand.
func groupHelp(cmd *cobra.Command, _ []string) error { return cmd.Help() }
