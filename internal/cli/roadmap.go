package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/wrap"
)

// RoadmapOptions are the inputs of `waymark roadmap`.
type RoadmapOptions struct {
	F    *Factory
	Step string
	JSON bool
}

// NewCmdRoadmap builds `waymark roadmap [step]`.
func NewCmdRoadmap(f *Factory, runF func(*RoadmapOptions) error) *cobra.Command {
	opts := &RoadmapOptions{F: f}
	cmd := &cobra.Command{
		Use:   "roadmap [step]",
		Short: "Show the roadmap as a tree of steps and topics",
		Long: `Show the roadmap as a tree: every step and its topics with your marks.

  ✓ done   ◐ in progress   ○ to do   − skipped

Give a step id to show only that step. Topic ids are what done, start,
skip, reset and topic take.`,
		Example:           "  waymark roadmap\n  waymark roadmap databases\n  waymark roadmap --json",
		Args:              needs(0, 1, "a step id"),
		ValidArgsFunction: completeSteps(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Step = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return roadmapRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the roadmap as JSON")
	return cmd
}

type roadmapStepJSON struct {
	ID     string             `json:"id"`
	Title  string             `json:"title"`
	Topics []roadmapTopicJSON `json:"topics"`
}

type roadmapTopicJSON struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Status   string   `json:"status"`
	Hours    float64  `json:"hours"`
	Optional bool     `json:"optional,omitempty"`
	Requires []string `json:"requires,omitempty"`
}

func roadmapRun(opts *RoadmapOptions) error {
	c, p, err := loadState(opts.F)
	if err != nil {
		return err
	}
	steps := c.Steps
	if opts.Step != "" {
		s := c.Step(opts.Step)
		if s == nil {
			return stepError(c, opts.Step)
		}
		steps = []*curriculum.Step{s}
	}
	w := opts.F.IO.Out
	if opts.JSON {
		out := []roadmapStepJSON{}
		for _, s := range steps {
			js := roadmapStepJSON{ID: s.ID, Title: s.Title}
			for _, t := range s.Topics {
				js.Topics = append(js.Topics, roadmapTopicJSON{t.ID, t.Title, string(p.TopicStatus(t.ID)), t.Hours, t.Optional, t.Requires})
			}
			out = append(out, js)
		}
		return writeJSON(w, out)
	}
	st := newStyles()
	width := opts.F.IO.Width()
	for si, s := range steps {
		if si > 0 {
			fmt.Fprintln(w)
		}
		n := indexOfStep(c, s.ID) + 1
		fmt.Fprintln(w, wrap.Text(st.title.Render(fmt.Sprintf("%d. %s", n, s.Title))+" "+st.faint.Render("("+s.ID+")"), width))
		// Ids first, in a column, since they are what commands take; the
		// titles beside them wrap under themselves.
		idWidth := 0
		for _, t := range s.Topics {
			idWidth = max(idWidth, len(t.ID))
		}
		idWidth = min(idWidth, maxIDColumn)
		for ti, t := range s.Topics {
			branch, cont := "├──", "│  "
			if ti == len(s.Topics)-1 {
				branch, cont = "└──", "   "
			}
			title := t.Title
			if t.Optional {
				title += st.faint.Render(" · alternative")
			}
			id := t.ID + strings.Repeat(" ", max(idWidth-len(t.ID), 0))
			line := wrap.Hanging(st.faint.Render(branch)+" "+st.mark(p.TopicStatus(t.ID))+" "+st.accent.Render(id)+"  ", title, width)
			fmt.Fprintln(w, strings.ReplaceAll(line, "\n    ", "\n"+st.faint.Render(cont)+" "))
		}
	}
	return nil
}

func indexOfStep(c *curriculum.Curriculum, id string) int {
	for i, s := range c.Steps {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// maxIDColumn caps the id column of the tree: a very long id pushes its own
// title along rather than everyone's.
const maxIDColumn = 24
