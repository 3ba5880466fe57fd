package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/wrap"
)

// MarkOptions are the inputs of `waymark done|start|skip|reset`.
type MarkOptions struct {
	F      *Factory
	Status progress.Status
	Topics []string
	JSON   bool
}

var markVerbs = map[string]struct {
	status       progress.Status
	short, past  string
	allowUnknown bool
}{
	"done":  {progress.StatusDone, "Mark topics as done", "done", false},
	"start": {progress.StatusDoing, "Mark topics as in progress", "in progress", false},
	"skip":  {progress.StatusSkipped, "Skip topics you already know or do not need", "skipped", false},
	// reset also accepts ids the curriculum no longer has, to clear them.
	"reset": {progress.StatusTodo, "Set topics back to to-do", "reset to to-do", true},
}

// NewCmdMark builds one of `waymark done|start|skip|reset <topic>…`.
func NewCmdMark(f *Factory, verb string, runF func(*MarkOptions) error) *cobra.Command {
	v := markVerbs[verb]
	opts := &MarkOptions{F: f, Status: v.status}
	cmd := &cobra.Command{
		Use:   verb + " <topic>...",
		Short: v.short,
		Long: v.short + `.

Topic ids are shown by waymark roadmap; tab completion offers them. The change
is saved at once to your progress file (see waymark status).`,
		Example:           fmt.Sprintf("  waymark %s http-messages\n  waymark %s sql-basics indexes", verb, verb),
		Args:              needs(1, -1, "a topic id"),
		ValidArgsFunction: completeTopics(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Topics = args
			if runF != nil {
				return runF(opts)
			}
			return markRun(opts, v.past, v.allowUnknown)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the changed topics as JSON")
	return cmd
}

func markRun(opts *MarkOptions, past string, allowUnknown bool) error {
	c, err := opts.F.Curriculum()
	if err != nil {
		return err
	}
	for _, id := range opts.Topics {
		if c.Topic(id) == nil && !allowUnknown {
			return topicError(c, id)
		}
	}
	store, err := opts.F.ProgressStore()
	if err != nil {
		return err
	}
	now := opts.F.Now()
	before := make(map[string]progress.Status, len(opts.Topics))
	p, err := store.Update(func(p *progress.Progress) error {
		if p.Curriculum == "" {
			p.Curriculum = c.ID
		}
		for _, id := range opts.Topics {
			before[id] = p.TopicStatus(id)
			p.SetTopic(id, opts.Status, now)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if opts.JSON {
		out := map[string]string{}
		for _, id := range opts.Topics {
			out[id] = string(p.TopicStatus(id))
		}
		return writeJSON(opts.F.IO.Out, out)
	}
	st := newStyles()
	w := opts.F.IO.Out
	for _, id := range opts.Topics {
		title := id
		if t := c.Topic(id); t != nil {
			title = t.Title
		}
		fmt.Fprintln(w, wrap.Hanging(st.mark(opts.Status)+" ", title+" "+st.faint.Render(changeNote(before[id], opts.Status, past)), opts.F.IO.Width()))
	}
	if opts.Status == progress.StatusDone {
		sum := progress.Summarize(c, p)
		fmt.Fprintf(w, "%s %s overall\n", st.bar(sum.Percent/100, 20), percent(sum.Percent/100))
		if next := progress.NextTopic(c, p); next != nil {
			fmt.Fprintln(w, wrap.Text("Next: "+st.accent.Render(next.ID)+" — "+next.Title, opts.F.IO.Width()))
		}
	}
	return nil
}

// changeNote says what marking a topic did, from its status before.
func changeNote(before, after progress.Status, past string) string {
	switch {
	case before == after:
		return "was already " + statusWords[after]
	case before == progress.StatusDone && after == progress.StatusDoing:
		return "was done; in progress again"
	case before == progress.StatusDone && after == progress.StatusTodo:
		return "was done; " + past
	}
	return past
}

// statusWords are the statuses as a sentence says them.
var statusWords = map[progress.Status]string{
	progress.StatusTodo: "to do", progress.StatusDoing: "in progress",
	progress.StatusDone: "done", progress.StatusSkipped: "skipped",
}
