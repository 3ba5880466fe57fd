package api

import (
	"math"
	"sync"
	"time"
)

// rateLimiter allows a number of events per key in a fixed window of time:
// simple, and enough to make password guessing slow. State is in memory, so
// each server instance counts on its own.
type rateLimiter struct {
	limit  int
	window time.Duration
	now    func() time.Time

	mu        sync.Mutex
	windows   map[string]*window
	lastSweep time.Time
}

type window struct {
	start time.Time
	count int
}

func newRateLimiter(limit int, per time.Duration, now func() time.Time) *rateLimiter {
	return &rateLimiter{limit: limit, window: per, now: now, windows: map[string]*window{}, lastSweep: now()}
}

// allow counts one event for key and reports whether it is within the
// limit; when it is not, retryAfter is the whole seconds until it will be.
func (l *rateLimiter) allow(key string) (ok bool, retryAfter int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)

	w := l.windows[key]
	if w == nil || now.Sub(w.start) >= l.window {
		w = &window{start: now}
		l.windows[key] = w
	}
	if w.count >= l.limit {
		wait := w.start.Add(l.window).Sub(now)
		return false, max(1, int(math.Ceil(wait.Seconds())))
	}
	w.count++
	return true, 0
}

// sweep forgets finished windows, at most once per window, so that the map
// does not grow with every email ever tried.
func (l *rateLimiter) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < l.window {
		return
	}
	for k, w := range l.windows {
		if now.Sub(w.start) >= l.window {
			delete(l.windows, k)
		}
	}
	l.lastSweep = now
}
