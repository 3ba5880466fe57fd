package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/progress"
)

// LogOptions are the inputs of `waymark log`.
type LogOptions struct {
	F        *Factory
	Duration time.Duration
	Note     string
	Day      string
	JSON     bool
}

// NewCmdLog builds `waymark log <duration> [note]`.
func NewCmdLog(f *Factory, runF func(*LogOptions) error) *cobra.Command {
	opts := &LogOptions{F: f}
	cmd := &cobra.Command{
		Use:   "log <duration> [note]",
		Short: "Record study time",
		Long: `Record time spent studying. The log feeds your streak, hours this week,
your pace and the estimate of when you will finish (waymark stats).

A duration is like 90m, 1h30m or 2h; a bare number means minutes.`,
		Example: "  waymark log 90m \"SQL joins\"\n  waymark log 2h\n  waymark log 45 --day 2026-11-23",
		Args:    needs(1, 2, "a duration and an optional note"),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := parseStudyDuration(args[0])
			if err != nil {
				return &UsageError{Err: err}
			}
			opts.Duration = d
			if len(args) == 2 {
				opts.Note = args[1]
			}
			if runF != nil {
				return runF(opts)
			}
			return logRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Day, "day", "", "the `date` studied (YYYY-MM-DD), default today")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the logged entry as JSON")
	return cmd
}

// parseStudyDuration accepts Go durations (1h30m) and bare minutes (45).
func parseStudyDuration(s string) (time.Duration, error) {
	var d time.Duration
	var err error
	if strings.Trim(s, "0123456789") == "" {
		d, err = time.ParseDuration(s + "m")
	} else {
		d, err = time.ParseDuration(s)
	}
	switch {
	case err != nil:
		return 0, fmt.Errorf("%q is not a duration: write it like 90m, 1h30m or 2h", s)
	case d < time.Minute:
		return 0, fmt.Errorf("%q is less than a minute", s)
	case d > 24*time.Hour:
		return 0, fmt.Errorf("%q is more than a day", s)
	}
	return d, nil
}

func logRun(opts *LogOptions) error {
	day := opts.F.Now()
	if opts.Day != "" {
		d, err := time.ParseInLocation(time.DateOnly, opts.Day, day.Location())
		if err != nil {
			return usageErrorf("--day %q: write the date as YYYY-MM-DD", opts.Day)
		}
		if d.After(day) {
			return usageErrorf("--day %s is in the future", opts.Day)
		}
		day = d
	}
	c, err := opts.F.Curriculum()
	if err != nil {
		return err
	}
	store, err := opts.F.ProgressStore()
	if err != nil {
		return err
	}
	minutes := int(opts.Duration / time.Minute)
	p, err := store.Update(func(p *progress.Progress) error {
		if p.Curriculum == "" {
			p.Curriculum = c.ID
		}
		date := day.Format(time.DateOnly)
		if already := p.MinutesOn(date); already+minutes > progress.MinutesPerDay {
			return usageErrorf("%s already has %s logged; %s more would be more than the 24 hours of a day (waymark stats reads the log as your pace)",
				date, formatMinutes(already), formatMinutes(minutes))
		}
		p.AddLog(day, minutes, opts.Note)
		return nil
	})
	if err != nil {
		return err
	}
	if opts.JSON {
		return writeJSON(opts.F.IO.Out, map[string]any{"day": day.Format(time.DateOnly), "minutes": minutes, "note": opts.Note})
	}
	a := progress.Stats(c, p, opts.F.Now())
	st := newStyles()
	fmt.Fprintf(opts.F.IO.Out, "%s logged %s on %s", st.ok.Render("✓"), formatMinutes(minutes), day.Format(time.DateOnly))
	if opts.Note != "" {
		fmt.Fprintf(opts.F.IO.Out, " — %s", opts.Note)
	}
	fmt.Fprintf(opts.F.IO.Out, "\nThis week: %s · streak: %s\n", formatMinutes(a.MinutesThisWeek), days(a.Streak))
	return nil
}

func formatMinutes(m int) string {
	switch {
	case m < 60:
		return fmt.Sprintf("%dm", m)
	case m%60 == 0:
		return fmt.Sprintf("%dh", m/60)
	}
	return fmt.Sprintf("%dh%02dm", m/60, m%60)
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}
