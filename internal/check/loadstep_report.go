package check

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// histogramWidth is the longest bar of a load step's histogram.
const histogramWidth = 30

// writeLoad prints a load step's figures under its line: the totals, the
// percentiles (and the calibration's), and the latency histogram.
func (t *TextReport) writeLoad(w io.Writer, s *StepResult) {
	l := s.Load
	st := t.Styles
	pad := "      "
	if l.Kind == "ws" {
		fmt.Fprintf(w, "%s%s messages to %s clients in %s: %s of %s deliveries, %s lost\n", pad, number(float64(l.Sent)), number(float64(l.Clients)),
			FormatDuration(seconds(l.Seconds)), number(float64(l.Requests-l.Lost)), number(float64(l.Requests)), number(float64(l.Lost)))
	} else {
		fmt.Fprintf(w, "%s%s requests from %d clients in %s: %s a second, %s failed (%s)\n", pad, number(float64(l.Requests)), l.Clients,
			FormatDuration(seconds(l.Seconds)), number(l.Throughput), number(float64(l.Errors)), percent(l.ErrorRate))
	}
	if l.Scaled != "" {
		fmt.Fprintf(w, "%s%s\n", pad, st.Faint.Render(l.Scaled))
	}
	if l.Stopped != "" {
		fmt.Fprintf(w, "%s%s\n", pad, st.Faint.Render(l.Stopped))
	}
	if note := settleNote(l); note != "" {
		fmt.Fprintf(w, "%s%s\n", pad, st.Faint.Render(note))
	}
	if l.Samples == 0 {
		fmt.Fprintf(w, "%s%s %s\n", pad, st.Label.Render(fmt.Sprintf("%-11s", "latency")), "nothing was measured")
	} else {
		fmt.Fprintf(w, "%s%s %s\n", pad, st.Label.Render(fmt.Sprintf("%-11s", "latency")), percentiles(l.Latency))
	}
	if c := l.Calibration; c != nil {
		per := "requests a second"
		if l.Kind == "ws" {
			per = "deliveries a second"
		}
		fmt.Fprintf(w, "%s%s %s · %s %s\n", pad, st.Label.Render(fmt.Sprintf("%-11s", "calibration")), percentiles(c.Latency), number(c.Throughput), per)
	}
	top := 0
	for _, b := range l.Histogram {
		top = max(top, b.Count)
	}
	for _, b := range l.Histogram {
		bar := 0
		if b.Count > 0 {
			bar = max(1, int(math.Round(float64(b.Count)*histogramWidth/float64(top))))
		}
		fmt.Fprintf(w, "%s  %8s %s%s %s\n", pad, bucketLabel(b), strings.Repeat("█", bar), strings.Repeat(" ", histogramWidth-bar), number(float64(b.Count)))
	}
}

// settleNote says how long a room took to fall quiet after its clients
// joined, when that was long enough to tell: the join burst's own cost.
func settleNote(l *LoadResult) string {
	d := seconds(l.Settle)
	switch {
	case l.Kind != "ws" || d < 2*roomSettle:
		return ""
	case d >= roomSettleMax:
		return fmt.Sprintf("the room was still busy %s after the last client joined; the messages were sent then", FormatDuration(d))
	}
	return fmt.Sprintf("the room fell quiet %s after the last client joined (the frames the joins caused); the messages were sent then", FormatDuration(d))
}

func percentiles(l Latency) string {
	return fmt.Sprintf("p50 %s · p95 %s · p99 %s · max %s", FormatLatency(l.P50), FormatLatency(l.P95), FormatLatency(l.P99), FormatLatency(l.Max))
}

func bucketLabel(b Bucket) string {
	if b.UpTo == math.MaxInt64 {
		return "> " + FormatLatency(bucketBounds[len(bucketBounds)-1])
	}
	return "≤ " + FormatBound(b.UpTo)
}

// FormatBound is a histogram bound: 0.1ms, 2ms, 500ms, 5s.
func FormatBound(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%gms", float64(d)/float64(time.Millisecond))
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	}
	return fmt.Sprintf("%gs", d.Seconds())
}

func seconds(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }
