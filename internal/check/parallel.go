package check

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
)

func (r *Runner) runParallel(ctx context.Context, p *Plan, ps *ParallelStep, sc *scope, sr *StepResult) error {
	exs := make([]*exchange, ps.Copies)
	for i := range exs {
		sc.index = i
		ex, err := r.build(&ps.Request, sc)
		sc.index = -1
		if err != nil {
			return err
		}
		exs[i] = ex
	}
	sr.Curl = curlLine(exs[0]) + fmt.Sprintf("   # ×%d at once", ps.Copies)
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for _, ex := range exs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			r.send(ctx, ex, true)
		}()
	}
	close(gate)
	wg.Wait()
	counts := map[int]int{}
	errs := 0
	var firstErr *exchange
	for _, ex := range exs {
		if ex.err != nil {
			errs++
			if firstErr == nil {
				firstErr = ex
			}
			continue
		}
		counts[ex.status]++
	}
	got := describeCounts(counts, errs)
	want := describeExpectedCounts(ps.Expect.Counts)
	if errs > 0 {
		sr.Diagnosis = r.diagnose(firstErr)
		return failf(sr, want, got, "%d of %d requests got no response", errs, ps.Copies)
	}
	covered := map[int]bool{}
	for _, key := range sortedKeys(ps.Expect.Counts) {
		c := ps.Expect.Counts[key]
		n := 0
		for status, k := range counts {
			if statusMatches(key, status) {
				n += k
				covered[status] = true
			}
		}
		if n < c.Min || (c.Max >= 0 && n > c.Max) {
			for status, k := range counts {
				if status == http.StatusNotImplemented {
					sr.Diagnosis = statusDiagnosis(p, exampleOf(exs, status), nil)
				}
				_ = k
			}
			return failf(sr, want, got, "%d responses matched %s; expected %s", n, key, c.Text)
		}
	}
	for status, k := range counts {
		if !covered[status] {
			return failf(sr, want, got, "%d unexpected %d responses", k, status)
		}
	}
	for _, key := range sortedKeys(ps.Expect.Each) {
		for i, ex := range exs {
			if !statusMatches(key, ex.status) {
				continue
			}
			e := *ps.Expect.Each[key]
			e.Status = StatusSet{ex.status}
			sc.index = i
			err := r.expect(p, &e, ex, sc, sr)
			sc.index = -1
			if err != nil {
				sr.Message = fmt.Sprintf("copy %d's %d response: %s", i, ex.status, sr.Message)
				return errors.New(sr.Message)
			}
		}
	}
	return nil
}

func exampleOf(exs []*exchange, status int) *exchange {
	for _, ex := range exs {
		if ex.status == status {
			return ex
		}
	}
	return exs[0]
}

func statusMatches(key string, status int) bool {
	switch {
	case key == "any":
		return true
	case strings.HasSuffix(key, "xx"):
		return strconv.Itoa(status/100) == key[:1]
	}
	return key == strconv.Itoa(status)
}

func describeCounts(counts map[int]int, errs int) string {
	keys := make([]int, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d: %d", k, counts[k]))
	}
	if errs > 0 {
		parts = append(parts, fmt.Sprintf("no response: %d", errs))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func describeExpectedCounts(c map[string]Count) string {
	var parts []string
	for _, k := range sortedKeys(c) {
		parts = append(parts, k+": "+c[k].Text)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
