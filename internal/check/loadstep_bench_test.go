package check

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// benchServer answers every request at once with a small JSON body.
func benchServer(b *testing.B) *httptest.Server {
	b.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"items": [{"id": 1, "title": "a"}, {"id": 2, "title": "b"}]}`)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// BenchmarkLoadOverhead compares the load step with the least a load
// generator does (a loop of requests on kept-alive connections, reading
// each body) against the same server with the same clients: the
// difference is what building, checking and recording each request costs.
// The goal is at most 20% more time a request than the bare loop.
func BenchmarkLoadOverhead(b *testing.B) {
	for _, clients := range []int{1, 8} {
		b.Run(fmt.Sprintf("bare/clients=%d", clients), func(b *testing.B) {
			srv := benchServer(b)
			client := (&Runner{Timeout: DefaultTimeout}).newClientFor(clients)
			var left atomic.Int64
			left.Store(int64(b.N))
			var wg sync.WaitGroup
			b.ResetTimer()
			for range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for left.Add(-1) >= 0 {
						resp, err := client.Get(srv.URL + "/items")
						if err != nil {
							b.Error(err)
							return
						}
						_, _ = io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
					}
				}()
			}
			wg.Wait()
		})
		b.Run(fmt.Sprintf("step/clients=%d", clients), func(b *testing.B) {
			srv := benchServer(b)
			s, err := Decode("b.yaml", []byte(fmt.Sprintf("format: 1\nmilestone: a\nsteps:\n  - name: l\n    load: {clients: %d, requests: %d, "+
				"sequence: [{request: {path: /items}, expect: {status: 200, json: [{path: .items, len: 2}]}}]}\n", clients, max(b.N, 1))))
			if err != nil {
				b.Fatal(err)
			}
			r := &Runner{URLs: []string{srv.URL}, Timeout: DefaultTimeout}
			r.init()
			l := s.Steps[0].Load
			sc := newScope(1, "a", r.URLs)
			workers := make([]*loadWorker, clients)
			for i := range workers {
				workers[i] = &loadWorker{sc: sc.fork(i)}
			}
			ph := &loadPhase{until: time.Now().Add(time.Hour), limit: b.N, measure: true, client: r.newClientFor(clients),
				payloads: make([]atomic.Pointer[recorded], 1), fail: &loadFailure{}}
			b.ResetTimer()
			res := r.drive(context.Background(), nil, l, workers, ph)
			b.StopTimer()
			if res.Errors > 0 || res.Requests != b.N {
				b.Fatalf("%d requests, %d errors: %s", res.Requests, res.Errors, ph.fail.sr.Message)
			}
			b.ReportMetric(float64(res.Latency.P99.Microseconds()), "p99-µs")
		})
	}
}

// BenchmarkPercentiles measures summarising a run's latencies: sorting
// 100,000 samples and bucketing them.
func BenchmarkPercentiles(b *testing.B) {
	samples := make([]time.Duration, 100_000)
	for b.Loop() {
		for i := range samples {
			samples[i] = time.Duration((i*7919)%100_000) * time.Microsecond
		}
		l := summarize(samples)
		_ = Histogram(samples)
		if l.Max == 0 {
			b.Fatal("no max")
		}
	}
}
