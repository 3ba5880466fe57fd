package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/progress"
)

// StatsOptions are the inputs of `waymark stats`.
type StatsOptions struct {
	F    *Factory
	JSON bool
}

// NewCmdStats builds `waymark stats`.
func NewCmdStats(f *Factory, runF func(*StatsOptions) error) *cobra.Command {
	opts := &StatsOptions{F: f}
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Show your streak, hours this week, pace and finishing estimate",
		Long: `Show your study streak, hours this week, your pace (over the last four weeks,
or the days since you started logging if that is fewer), and when you will
finish the roadmap at that pace — beside the suggested pace of 4–5 hours a day.

Study time comes from waymark log; a topic marked done also keeps a streak alive.`,
		Example: "  waymark stats\n  waymark stats --json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return statsRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the stats as JSON")
	return cmd
}

func statsRun(opts *StatsOptions) error {
	c, p, err := loadState(opts.F)
	if err != nil {
		return err
	}
	now := opts.F.Now()
	a := progress.Stats(c, p, now)
	sum := progress.Summarize(c, p)
	w := opts.F.IO.Out
	if opts.JSON {
		out := map[string]any{
			"streak_days":       a.Streak,
			"minutes_this_week": a.MinutesThisWeek,
			"minutes_per_day":   round1(a.MinutesPerDay),
			"pace_days":         a.PaceDays,
			"hours_done":        round1(sum.HoursDone),
			"hours_total":       round1(sum.HoursTotal),
			"eta":               nil,
			"suggested_eta":     a.SuggestedETA.Format(time.DateOnly),
			"percent":           round1(sum.Percent),
			"exercises_passed":  p.PassedExercises(c),
			"exercises_total":   len(c.Exercises()),
		}
		if a.ETAKnown {
			out["eta"] = a.ETA.Format(time.DateOnly)
		}
		return writeJSON(w, out)
	}
	st := newStyles()
	fmt.Fprintf(w, "Streak          %s\n", days(a.Streak))
	fmt.Fprintf(w, "This week       %s\n", formatMinutes(a.MinutesThisWeek))
	fmt.Fprintf(w, "Pace            %s\n", paceLine(a))
	fmt.Fprintf(w, "Roadmap         %.0f of about %.0f hours %s\n", sum.HoursDone, sum.HoursTotal, st.bar(sum.Percent/100, 20))
	if n := len(c.Exercises()); n > 0 {
		fmt.Fprintf(w, "Exercises       %d of %d passed\n", p.PassedExercises(c), n)
	}
	if a.ETAKnown {
		fmt.Fprintf(w, "At your pace    done by %s\n", a.ETA.Format("2 January 2006"))
	} else {
		fmt.Fprintf(w, "At your pace    %s\n", st.faint.Render("unknown yet: log study time with waymark log 1h"))
	}
	fmt.Fprintf(w, "Suggested pace  4–5 hours a day: done by %s\n", a.SuggestedETA.Format("2 January 2006"))
	return nil
}

// paceLine says the pace and what it is taken over.
func paceLine(a progress.Activity) string {
	pace := formatMinutes(int(a.MinutesPerDay+0.5)) + " a day"
	switch {
	case a.PaceDays == 0:
		return pace + " (nothing logged yet)"
	case a.PaceDays == 1:
		return pace + " (today, your first day of logging)"
	case a.PaceDays < 28:
		return fmt.Sprintf("%s (over the %d days since you started logging)", pace, a.PaceDays)
	}
	return pace + " (last 4 weeks)"
}
