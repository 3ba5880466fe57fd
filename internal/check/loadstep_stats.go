package check

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// LoadResult is what a load step measured, for the report and --json.
type LoadResult struct {
	Kind    string `json:"kind"` // http or ws
	Clients int    `json:"clients"`
	LoadFigures
	// Statuses counts the measured responses by status ("no response" for
	// transport errors).
	Statuses    map[string]int `json:"statuses,omitempty"`
	Histogram   []Bucket       `json:"histogram"`
	Calibration *LoadFigures   `json:"calibration,omitempty"`
	// Stopped says why the measured phase ended before its request count,
	// or (ws) how many connections broke.
	Stopped string `json:"stopped,omitempty"`
	// Scaled says how ci_scale reduced the step under CI=true.
	Scaled string `json:"scaled,omitempty"`
	// Broken counts ws connections that broke during the run.
	Broken int `json:"broken,omitempty"`
	// Settle is, for ws, the seconds from the last client's upgrade until
	// the room was quiet and the first message was sent.
	Settle float64 `json:"settle_seconds,omitempty"`
}

// LoadFigures are one run's totals and percentiles (the step's or the
// calibration's). Latencies are in microseconds in --json.
type LoadFigures struct {
	Requests   int     `json:"requests"`       // measured requests, or ws deliveries expected
	Errors     int     `json:"errors"`         // failed requests, or ws messages lost
	ErrorRate  float64 `json:"error_rate"`     // errors / requests
	Seconds    float64 `json:"seconds"`        // the measured phase
	Throughput float64 `json:"throughput"`     // per second
	Latency    Latency `json:"latency"`        // of the successful ones
	Lost       int     `json:"lost,omitempty"` // ws: deliveries that never came
	Sent       int     `json:"sent,omitempty"` // ws: messages sent
	Samples    int     `json:"samples"`        // latencies measured
}

// Latency holds the percentiles of a run.
type Latency struct {
	P50 time.Duration `json:"p50_us"`
	P95 time.Duration `json:"p95_us"`
	P99 time.Duration `json:"p99_us"`
	Max time.Duration `json:"max_us"`
}

// MarshalJSON writes latencies in whole microseconds.
func (l Latency) MarshalJSON() ([]byte, error) {
	us := func(d time.Duration) int64 { return d.Microseconds() }
	return fmt.Appendf(nil, `{"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d}`, us(l.P50), us(l.P95), us(l.P99), us(l.Max)), nil
}

// Bucket is one bar of the latency histogram: the samples above the
// previous bucket's bound and at most UpTo.
type Bucket struct {
	UpTo  time.Duration `json:"-"`
	UpToU int64         `json:"le_us"`
	Count int           `json:"count"`
}

// Percentile is the nearest-rank percentile of sorted samples: the
// smallest sample such that at least p% of all samples are at most it. It
// is always a latency that was measured, never an interpolation.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = min(max(rank, 1), len(sorted))
	return sorted[rank-1]
}

// summarize sorts samples in place and returns their percentiles.
func summarize(samples []time.Duration) Latency {
	slices.Sort(samples)
	if len(samples) == 0 {
		return Latency{}
	}
	return Latency{
		P50: Percentile(samples, 50),
		P95: Percentile(samples, 95),
		P99: Percentile(samples, 99),
		Max: samples[len(samples)-1],
	}
}

// bucketBounds are the histogram's upper bounds: 1-2-5 steps from 100µs
// to 60s, the span between a loopback answer and the longest step.
var bucketBounds = func() []time.Duration {
	var out []time.Duration
	for d := 100 * time.Microsecond; d <= MaxLoadDuration; d *= 10 {
		out = append(out, d, 2*d, 5*d)
	}
	return out
}()

// Histogram counts sorted samples into 1-2-5 buckets, from the first
// bucket that holds any to the last.
func Histogram(sorted []time.Duration) []Bucket {
	if len(sorted) == 0 {
		return nil
	}
	counts := make([]int, len(bucketBounds)+1)
	i := 0
	for _, s := range sorted {
		for i < len(bucketBounds) && s > bucketBounds[i] {
			i++
		}
		counts[i]++
	}
	first, last := -1, 0
	for k, c := range counts {
		if c > 0 {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	var out []Bucket
	for k := first; k <= last; k++ {
		up := time.Duration(math.MaxInt64)
		if k < len(bucketBounds) {
			up = bucketBounds[k]
		}
		out = append(out, Bucket{UpTo: up, UpToU: up.Microseconds(), Count: counts[k]})
	}
	return out
}

// FormatLatency is a latency short enough for a table: 0.42ms, 4.2ms,
// 42ms, 1.2s.
func FormatLatency(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1fs", d.Seconds())
}
