package cli

import (
	"fmt"
	"strings"

	"charm.land/glamour/v2"
	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
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
		Args:              cobra.ExactArgs(1),
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
			"resources": resources, "lesson_markdown": c.Lessons[t.ID],
		})
	}
	st := newStyles()
	width := opts.F.IO.Width()
	fmt.Fprintf(w, "%s %s %s\n", st.mark(p.TopicStatus(t.ID)), st.title.Render(t.Title), st.faint.Render("("+t.ID+" · "+c.Step(t.Step).Title+")"))
	fmt.Fprintf(w, "%s\n", wrap(t.Summary, width))
	fmt.Fprintf(w, "%s\n", st.faint.Render(fmt.Sprintf("about %gh · skills: %s", t.Hours, strings.Join(t.Skills, ", "))))
	if len(t.Requires) > 0 {
		fmt.Fprintf(w, "Requires: %s\n", strings.Join(t.Requires, ", "))
	}
	if un := topicIDs(c.Unlocks(t.ID)); len(un) > 0 {
		fmt.Fprintf(w, "Unlocks:  %s\n", strings.Join(un, ", "))
	}
	fmt.Fprintln(w, "\nRead further:")
	for _, r := range t.Resources {
		fmt.Fprintf(w, "  • %s %s\n    %s\n", r.Title, st.faint.Render("("+r.Kind+")"), st.accent.Render(r.URL))
	}
	if lesson := c.Lessons[t.ID]; lesson != "" {
		fmt.Fprintln(w)
		fmt.Fprint(w, renderMarkdown(lesson, width, opts.F.IO.ColorEnabled()))
	}
	fmt.Fprintf(w, "\n%s\n", st.faint.Render("When you are done: waymark done "+t.ID))
	return nil
}

// renderMarkdown renders a lesson for the terminal; without colour it keeps
// the Markdown's own plain text, which reads well as it is.
func renderMarkdown(md string, width int, color bool) string {
	style := "notty"
	if color {
		style = "dark"
	}
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(min(width, 100)-2))
	if err != nil {
		return md
	}
	out, err := r.Render(md)
	if err != nil {
		return md
	}
	return out
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

// wrap breaks text into lines of at most width columns at spaces.
func wrap(text string, width int) string {
	width = min(max(width, 40), 100)
	var b strings.Builder
	col := 0
	for _, word := range strings.Fields(text) {
		if col > 0 && col+1+len([]rune(word)) > width {
			b.WriteByte('\n')
			col = 0
		} else if col > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += len([]rune(word))
	}
	return b.String()
}
