package check

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// judgeLoad checks the measured figures against e, most basic first: the
// errors, the messages lost, then latency from p50 to max, then throughput.
func judgeLoad(e *LoadExpect, res *LoadResult, sr *StepResult) error {
	rate := Rate{Text: "0"}
	if e.Errors != nil {
		rate = *e.Errors
	}
	if res.Kind == "ws" {
		lost := Count{Min: 0, Max: 0, Text: "0"}
		if e.Lost != nil {
			lost = *e.Lost
		}
		if res.Lost < lost.Min || (lost.Max >= 0 && res.Lost > lost.Max) {
			return failf(sr, "messages lost: "+lost.Text, fmt.Sprintf("%s of %s deliveries lost", number(float64(res.Lost)), number(float64(res.Requests))),
				"%s of %s deliveries never arrived", number(float64(res.Lost)), number(float64(res.Requests)))
		}
	} else {
		if res.Requests == 0 {
			return failf(sr, "requests answered", "none", "no request completed in the measured phase")
		}
		if res.ErrorRate > rate.Max {
			return failf(sr, "an error rate of at most "+rate.Text, fmt.Sprintf("%s of %s requests failed (%s)", number(float64(res.Errors)), number(float64(res.Requests)), percent(res.ErrorRate)),
				"%s of %s requests failed under load", number(float64(res.Errors)), number(float64(res.Requests)))
		}
	}
	for _, pc := range []struct {
		name   string
		limits Limits
		got    func(Latency) time.Duration
	}{
		{"p50", e.P50, func(l Latency) time.Duration { return l.P50 }},
		{"p95", e.P95, func(l Latency) time.Duration { return l.P95 }},
		{"p99", e.P99, func(l Latency) time.Duration { return l.P99 }},
		{"max", e.Max, func(l Latency) time.Duration { return l.Max }},
	} {
		got := pc.got(res.Latency)
		for _, lim := range pc.limits {
			bound, how, err := latencyBound(lim, res.Calibration, pc.got)
			if err != nil {
				return failf(sr, pc.name+" ≤ "+lim.Text, "no calibration", "%s cannot be judged: %v", pc.name, err)
			}
			if got > bound {
				return failf(sr, fmt.Sprintf("%s ≤ %s", pc.name, how), pc.name+" "+FormatLatency(got),
					"%s latency %s is over its limit of %s", pc.name, FormatLatency(got), FormatLatency(bound))
			}
		}
	}
	if t := e.Throughput; t != nil {
		want, how := t.PerSecond, fmt.Sprintf("%s a second", number(t.PerSecond))
		if t.Factor > 0 {
			if res.Calibration == nil {
				return failf(sr, "throughput ≥ "+t.Text, "no calibration", "throughput cannot be judged: there is no calibration")
			}
			want = t.Factor * res.Calibration.Throughput
			how = fmt.Sprintf("%s × the calibration's %s = %s a second", number(t.Factor), number(res.Calibration.Throughput), number(want))
		}
		if res.Throughput < want {
			return failf(sr, "throughput ≥ "+how, number(res.Throughput)+" a second",
				"throughput %s a second is under its limit of %s", number(res.Throughput), number(want))
		}
	}
	return nil
}

// latencyBound is a limit in time: itself, or its factor of the
// calibration's same percentile, never under MinRelativeLatency.
func latencyBound(l Limit, cal *LoadFigures, get func(Latency) time.Duration) (time.Duration, string, error) {
	if l.Factor == 0 {
		return l.Abs, FormatLatency(l.Abs), nil
	}
	if cal == nil || cal.Samples == 0 {
		return 0, "", errors.New("there is no calibration")
	}
	c := get(cal.Latency)
	b := max(time.Duration(l.Factor*float64(c)), MinRelativeLatency)
	return b, fmt.Sprintf("%s × the calibration's %s = %s", number(l.Factor), FormatLatency(c), FormatLatency(b)), nil
}

// loadAdvice says what to look at, from the shape of the figures.
func loadAdvice(res *LoadResult, sr *StepResult) string {
	lat := res.Latency
	var tips []string
	switch {
	case res.Kind == "ws" && res.Broken > 0:
		tips = append(tips, fmt.Sprintf("%s connections broke while the room was busy: the server closed them or stopped answering — a policy that disconnects clients whose send queue fills (under a burst, even waymark's clients fall behind on a busy machine: make the queue longer or the burst smaller), a limit on connections or open files (ulimit -n), or a handler that ends the connection on an error", number(float64(res.Broken))))
	case res.Kind == "ws" && res.Lost > 0:
		tips = append(tips, "a room that drops messages under load usually writes to each client from one loop: a slow client then blocks or overflows everyone's queue — give every connection its own send queue and goroutine (or task), drop or disconnect clients that fall behind, and never hold the room's lock while writing")
	case res.Kind == "ws":
		tips = append(tips, "slow broadcasts come from writing to every client in turn while holding the room's lock, encoding the message once per client, or a lock shared by every room — encode once, copy the list of clients under the lock and write outside it")
	case res.Errors > 0:
		tips = append(tips, "errors that only appear under load come from shared resources running out: a database connection pool smaller than the clients (requests time out waiting for a connection), database locks (SQLite's \"database is locked\": a write transaction held across slow work, or no busy timeout), or a limit on open files — the server log below shows which")
	case lat.P50 > 0 && lat.P99 > 10*lat.P50:
		tips = append(tips, "most requests are fast but a few are very slow: they wait for something shared — a connection pool smaller than the clients (database/sql keeps 2 idle connections unless SetMaxIdleConns says more, so it opens and closes connections all the time), a lock held during I/O, or logging each request synchronously to a slow sink")
	default:
		tips = append(tips, "every request is slow, so each does too much work: N+1 queries (one query per item of a list instead of a join or an IN), a missing index (run EXPLAIN on the list's query), reading more rows or columns than the page shows, or hashing a password on a path that need not")
	}
	if res.Kind != "ws" && strings.Contains(sr.Message, "throughput") {
		tips = append(tips, "low throughput with low CPU use means requests wait on each other: a single worker process or thread, a global lock, or one database connection for everything")
	}
	return "Under load, look at: " + strings.Join(tips, ". ") + "."
}

func percent(f float64) string {
	s := fmt.Sprintf("%.2f", f*100)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + "%"
}

// number is a figure for prose: 1,234 or 12.5 or 0.25.
func number(f float64) string {
	switch {
	case f >= 100:
		n := int64(f + 0.5)
		s := fmt.Sprint(n)
		var b strings.Builder
		for i, c := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(c)
		}
		return b.String()
	case f >= 10:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0")
	}
	s := fmt.Sprintf("%.2f", f)
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}
