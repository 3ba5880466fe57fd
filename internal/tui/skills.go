package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// skillsScreen shows, per skill, how much of it the learner has covered:
// the share of the topics tagged with it that are finished, where a
// project's topic ("project-<id>") earns credit by the share of the
// project's milestones that were verified, even before it is marked done.
type skillsScreen struct {
	com           *common
	width, height int
	top           int
}

func newSkills(com *common) *skillsScreen { return &skillsScreen{com: com} }

func (s *skillsScreen) Title() string { return "Skills" }

func (s *skillsScreen) SetSize(w, h int) { s.width, s.height = w, h }

func (s *skillsScreen) ShortHelp() []key.Binding {
	k := s.com.keys
	return []key.Binding{k.Up, k.Down, k.NextTab}
}

// skillCoverage is one skill's line.
type skillCoverage struct {
	skill      *curriculum.Skill
	credit     float64 // finished topics, with partial project credit
	topics     int
	milestones int // verified milestones that counted
}

func (s *skillsScreen) coverage() []skillCoverage {
	com := s.com
	manifests := map[string]*curriculum.Project{}
	for _, p := range com.opts.Projects {
		manifests[p.ID] = p
	}
	index := map[string]int{}
	out := make([]skillCoverage, len(com.c.Skills))
	for i, sk := range com.c.Skills {
		out[i].skill = sk
		index[sk.ID] = i
	}
	for _, t := range com.c.Topics() {
		credit, ms := 0.0, 0
		if com.p.TopicStatus(t.ID).Finished() {
			credit = 1
		} else if id, ok := strings.CutPrefix(t.ID, "project-"); ok {
			if m, done := manifests[id], com.p.Verified(id); m != nil && len(m.Milestones) > 0 {
				for _, x := range m.Milestones {
					if _, ok := done[x.ID]; ok {
						ms++
					}
				}
				credit = float64(ms) / float64(len(m.Milestones))
			}
		}
		if t.Optional && credit == 0 {
			continue // an alternative not taken is no gap
		}
		for _, id := range t.Skills {
			if i, ok := index[id]; ok {
				out[i].topics++
				out[i].credit += credit
				out[i].milestones += ms
			}
		}
	}
	return out
}

func (s *skillsScreen) lines() []string {
	st := s.com.styles
	w := s.width
	cov := s.coverage()
	var lines []string
	for _, group := range []string{"technical", "soft"} {
		lines = append(lines, st.Heading.Render(map[string]string{"technical": "Technical skills", "soft": "Soft skills"}[group]))
		for _, c := range cov {
			if c.skill.Group != group {
				continue
			}
			share := 0.0
			if c.topics > 0 {
				share = c.credit / float64(c.topics)
			}
			counts := plural(c.topics, "topic")
			if c.milestones > 0 {
				counts += " + " + plural(c.milestones, "milestone")
			}
			right := fmt.Sprintf("%s %3.0f%%  %s", st.Bar(share, 12), share*100, st.Muted.Render(fmt.Sprintf("%-24s", counts)))
			lines = append(lines, "  "+padRight(c.skill.Title, "", min(w, 100)-cellWidth(right)-3, st)+" "+right)
		}
		lines = append(lines, "")
	}
	return lines
}

func (s *skillsScreen) Update(msg tea.Msg) tea.Cmd {
	n := len(s.com.c.Skills) + 4
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		s.top = wheel(msg, s.top, max(n-s.height+1, 1))
	case tea.KeyPressMsg:
		s.top, _ = moveCursor(s.com.keys, msg, s.top, max(n-s.height+1, 1), s.height)
	}
	return nil
}

func (s *skillsScreen) View() string {
	lines := s.lines()
	top := min(s.top, max(len(lines)-s.height, 0))
	return strings.Join(lines[top:], "\n")
}
