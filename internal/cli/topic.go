package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/markdown"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/wrap"
)

// TopicOptions are the inputs of `waymark topic`.
type TopicOptions struct {
	F    *Factory
	ID   string
	JSON bool
}

// NewCmdTopic builds `waymark topic <id>`.
func NewCmdTopic(f *Factory, runF func(*TopicOptions) error) *cobra.Command {
	opts := &TopicOptions{F: f}
	cmd := &cobra.Command{
		Use:               "topic <id>",
		Short:             "Read a topic: its summary, resources and lesson",
		Long:              "Read a topic: its summary, what it requires and unlocks, links to read further,\nand its lesson rendered for the terminal.",
		Example:           "  waymark topic http-messages\n  waymark topic jwt | less -R",
		Args:              needs(1, 1, "a topic id"),
		ValidArgsFunction: completeTopics(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return topicRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the topic as JSON, lesson included")
	return cmd
}

func topicRun(opts *TopicOptions) error {
	c, p, err := loadState(opts.F)
	if err != nil {
		return err
	}
	t := c.Topic(opts.ID)
	if t == nil {
		return topicError(c, opts.ID)
	}
	lesson, err := c.Lesson(t.ID)
	if err != nil {
		return err
	}
	w := opts.F.IO.Out
	if opts.JSON {
		resources := make([]map[string]string, len(t.Resources))
		for i, r := range t.Resources {
			resources[i] = map[string]string{"title": r.Title, "url": r.URL, "kind": r.Kind}
		}
		return writeJSON(w, map[string]any{
			"id": t.ID, "title": t.Title, "step": t.Step, "summary": t.Summary,
			"status": p.TopicStatus(t.ID), "hours": t.Hours, "skills": t.Skills,
			"requires": nonNil(t.Requires), "unlocks": topicIDs(c.Unlocks(t.ID)),
			"resources": resources, "lesson_markdown": lesson,
			"exercises": exerciseIDs(c.TopicExercises(t.ID)),
		})
	}
	st := newStyles()
	width := opts.F.IO.Width()
	status := p.TopicStatus(t.ID)
	fmt.Fprintln(w, wrap.Text(st.mark(status)+" "+st.title.Render(t.Title)+" "+st.faint.Render("("+t.ID+" · "+c.Step(t.Step).Title+")"), width))
	fmt.Fprintln(w, wrap.Text(t.Summary, readingWidth(width)))
	fmt.Fprintf(w, "%s\n", st.faint.Render(fmt.Sprintf("about %gh · skills: %s", t.Hours, strings.Join(t.Skills, ", "))))
	if len(t.Requires) > 0 {
		fmt.Fprintln(w, wrap.Hanging("Requires: ", strings.Join(t.Requires, ", "), width))
	}
	if un := topicIDs(c.Unlocks(t.ID)); len(un) > 0 {
		fmt.Fprintln(w, wrap.Hanging("Unlocks:  ", strings.Join(un, ", "), width))
	}
	if exs := c.TopicExercises(t.ID); len(exs) > 0 {
		fmt.Fprintln(w, "\nPractise it:")
		for _, e := range exs {
			mark := "○"
			if p.ExercisePassed(e.ID) {
				mark = st.ok.Render("✓")
			}
			fmt.Fprintln(w, wrap.Hanging("  "+mark+" ", e.Title+" "+st.faint.Render("(waymark practice "+e.ID+" --stack "+e.StackNames()[0]+")"), width))
		}
	}
	fmt.Fprintln(w, "\nRead further:")
	for _, r := range t.Resources {
		fmt.Fprintln(w, wrap.Hanging("  • ", r.Title+" "+st.faint.Render("("+r.Kind+")"), width))
		fmt.Fprintf(w, "    %s\n", st.accent.Render(r.URL)) // whole, to click or copy
	}
	if lesson != "" {
		fmt.Fprintln(w)
		fmt.Fprint(w, lessonText(lesson, width, opts.F.IO.ColorEnabled()))
	}
	fmt.Fprintln(w)
	for _, l := range strings.Split(topicFooter(c, p, t), "\n") {
		fmt.Fprintln(w, wrap.Text(st.faint.Render(l), width)) // styled a line at a time: a block would be padded
	}
	return nil
}

// topicFooter is what to do next about t, from where the learner is: one
// command a line, so that each copies whole.
func topicFooter(c *curriculum.Curriculum, p *progress.Progress, t *curriculum.Topic) string {
	switch p.TopicStatus(t.ID) {
	case progress.StatusDone:
		if next := progress.NextTopic(c, p); next != nil {
			return "You marked this done. Next: " + next.ID + " — " + next.Title + "\nRead it:   waymark topic " + next.ID
		}
		return "You marked this done."
	case progress.StatusSkipped:
		return "You skipped this. To study it after all: waymark start " + t.ID
	case progress.StatusDoing:
		return "Finish it: waymark done " + t.ID
	}
	return "Start it:  waymark start " + t.ID + "\nFinish it: waymark done " + t.ID
}

// readingWidth is the width prose is wrapped to: the terminal's, but no
// wider than reads comfortably.
func readingWidth(width int) int { return min(width, markdown.MaxWidth) }

// lessonText lays out a lesson at the terminal's width: styled when stdout
// shows colour; otherwise (a pipe, NO_COLOR) as clean Markdown, which reads
// as it is, keeps inline code and links, and pastes into any Markdown tool.
// Stripping the styled form instead would lose the markup that says what
// is code.
func lessonText(md string, width int, color bool) string {
	if color {
		return markdown.Render(md, width, markdown.TerminalStyles())
	}
	return markdown.Reflow(md, width)
}

func exerciseIDs(exs []*curriculum.Exercise) []string {
	ids := make([]string, len(exs))
	for i, e := range exs {
		ids[i] = e.ID
	}
	return ids
}

func topicIDs(ts []*curriculum.Topic) []string {
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = t.ID
	}
	return ids
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
