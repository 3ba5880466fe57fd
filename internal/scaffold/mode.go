package scaffold

import (
	"fmt"
	"strings"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// Mode says which solution blocks a generated project keeps. The zero Mode
// is Starter.
type Mode struct {
	solution bool
	through  string
}

// Starter strips every solution: the learner builds each milestone.
func Starter() Mode { return Mode{} }

// Solution keeps every solution: the reference implementation.
func Solution() Mode { return Mode{solution: true} }

// Through keeps the solutions of the milestones up to and including
// milestone, stripping the later ones: a catch-up starter.
func Through(milestone string) Mode { return Mode{through: milestone} }

// ParseMode reads a mode written by String: "starter", "solution" or
// "through:<milestone>".
func ParseMode(s string) (Mode, error) {
	switch {
	case s == "starter":
		return Starter(), nil
	case s == "solution":
		return Solution(), nil
	case strings.HasPrefix(s, "through:") && len(s) > len("through:"):
		return Through(strings.TrimPrefix(s, "through:")), nil
	}
	return Mode{}, fmt.Errorf("unknown mode %q: want starter, solution or through:<milestone>", s)
}

// String is the mode as recorded in .waymark.yaml and progress.
func (m Mode) String() string {
	switch {
	case m.solution:
		return "solution"
	case m.through != "":
		return "through:" + m.through
	}
	return "starter"
}

// Label is the mode in prose, as in the first commit's message: "starter",
// "solution" or "through auth".
func (m Mode) Label() string { return strings.Replace(m.String(), ":", " ", 1) }

// IsSolution reports whether m keeps every solution.
func (m Mode) IsSolution() bool { return m.solution }

// ThroughMilestone is the last kept milestone of a Through mode, else "".
func (m Mode) ThroughMilestone() string { return m.through }

// Provided reports whether the solution of p's milestone came with a project
// made in mode m: passing its checks then proves the reference, not the
// learner, so it is never recorded as their work.
func (m Mode) Provided(p *curriculum.Project, milestone string) bool {
	keep, err := m.keep(p)
	return err == nil && keep(milestone)
}

// keep returns the predicate Strip needs: whether a milestone's solution is
// kept. It fails when a Through milestone is not one of p's.
func (m Mode) keep(p *curriculum.Project) (func(string) bool, error) {
	switch {
	case m.solution:
		return func(string) bool { return true }, nil
	case m.through == "":
		return func(string) bool { return false }, nil
	}
	last := p.MilestoneIndex(m.through)
	if last < 0 {
		return nil, fmt.Errorf("project %s has no milestone %q (milestones: %s)", p.ID, m.through, strings.Join(milestoneIDs(p), ", "))
	}
	return func(id string) bool {
		i := p.MilestoneIndex(id)
		return i >= 0 && i <= last
	}, nil
}

func milestoneIDs(p *curriculum.Project) []string {
	ids := make([]string, len(p.Milestones))
	for i, m := range p.Milestones {
		ids[i] = m.ID
	}
	return ids
}
