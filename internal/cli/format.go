package cli

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/progress"
)

func joinComma(s []string) string { return strings.Join(s, ", ") }

// verifiedMilestones lists a project's passed milestones, sorted.
func verifiedMilestones(verified map[string]progress.Milestone) []string {
	return slices.Sorted(maps.Keys(verified))
}

func sortedProjectIDs(p *progress.Progress) []string {
	out := make([]string, 0, len(p.Projects))
	for id := range p.Projects {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// plural counts n things: "1 milestone", "3 milestones".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// pluralWord is one or many, for n things.
func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
