package cli

import (
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/progress"
)

func joinComma(s []string) string { return strings.Join(s, ", ") }

// verifiedMilestones lists a project's passed milestones, sorted.
func verifiedMilestones(p *progress.Project) []string {
	if p == nil {
		return nil
	}
	out := make([]string, 0, len(p.Milestones))
	for id := range p.Milestones {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

func sortedProjectIDs(p *progress.Progress) []string {
	out := make([]string, 0, len(p.Projects))
	for id := range p.Projects {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}
