package check

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

// defaultLogWithin is how long a log step waits for its line.
const defaultLogWithin = 2 * time.Second

// runLog looks for a line of the server's output that matches the step:
// waiting for one, or, with Absent, failing on one already there.
func (r *Runner) runLog(ctx context.Context, lg *LogStep, sc *scope, sr *StepResult) error {
	jsonMatchers := make([]*Matcher, len(lg.JSON))
	for i, m := range lg.JSON {
		x, err := sc.expandMatcher(m)
		if err != nil {
			return err
		}
		jsonMatchers[i] = x
	}
	var text *Matcher
	if lg.Text != nil {
		x, err := sc.expandMatcher(lg.Text)
		if err != nil {
			return err
		}
		text = x
	}
	// closest is the JSON line that failed the fewest matchers' first: shown
	// when none matches, with what was wrong with it.
	var closest, why string
	matches := func(line string) bool {
		if text != nil && text.apply("line", line, true, true) != nil {
			return false
		}
		if len(jsonMatchers) == 0 {
			return true
		}
		var doc map[string]any
		if json.Unmarshal([]byte(line), &doc) != nil {
			return false
		}
		for _, m := range jsonMatchers {
			got, found := lookup(doc, m.Path)
			if mm := m.apply(m.Path, got, found, false); mm != nil {
				if closest == "" {
					closest, why = line, m.Path+" "+mm.Expected+", got "+mm.Got
				}
				return false
			}
		}
		return true
	}
	within := time.Duration(lg.Within)
	if within == 0 {
		within = defaultLogWithin
	}
	deadline := time.Now().Add(within)
	for {
		closest, why = "", ""
		for _, line := range r.Server.InstanceLines(lg.Instance) {
			if !matches(line) {
				continue
			}
			if lg.Absent {
				sr.Diagnosis = "this line should not be in the server's output"
				return failf(sr, "no line "+describeLog(lg), firstLine(line, 200), "the server's output has a line it must not have")
			}
			return nil
		}
		if lg.Absent {
			return nil
		}
		if time.Now().After(deadline) {
			if closest != "" {
				sr.Diagnosis = "the closest line: " + why
				return failf(sr, "a line "+describeLog(lg), firstLine(closest, 200), "no line of the server's output within %s is right", within)
			}
			sr.Diagnosis = "no line of the output is a JSON object like that: write one JSON object per line, on standard output, with nothing else on the line"
			return failf(sr, "a line "+describeLog(lg), "none", "no line of the server's output within %s is right", within)
		}
		select {
		case <-time.After(50 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func describeLog(lg *LogStep) string {
	var parts []string
	if lg.Text != nil {
		parts = append(parts, "that "+lg.Text.describe())
	}
	for _, m := range lg.JSON {
		parts = append(parts, m.Path+" "+m.describe())
	}
	return strings.Join(parts, ", ")
}

// InstanceLines are the output lines of instance i that are still kept
// (the last 200 of all instances, each cut at 300 bytes), without the
// instance prefix.
func (s *Server) InstanceLines(i int) []string {
	p := prefix(i, len(s.procs))
	var out []string
	for _, l := range s.log.last(1 << 30) {
		if rest, ok := strings.CutPrefix(l, p); ok {
			out = append(out, rest)
		}
	}
	return out
}
