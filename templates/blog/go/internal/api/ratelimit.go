package api

import (
	"sync"
	"time"
)

// loginAttempts is how many logins one email may try per minute.
const loginAttempts = 10

// limiter counts events per key in fixed windows. Logins are limited per
// email rather than per address, so that one attacker cannot lock out
// everybody behind the same proxy, nor try many passwords on one account.
type limiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	now    func() time.Time
	seen   map[string]*window
}

type window struct {
	start time.Time
	n     int
}

func newLimiter(max int, per time.Duration, now func() time.Time) *limiter {
	return &limiter{max: max, window: per, now: now, seen: map[string]*window{}}
}

// allow records one event for key and reports whether it is within the
// limit; when it is not, it also returns how long until the window ends.
func (l *limiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.seen) > 10_000 { // forget finished windows now and then
		for k, w := range l.seen {
			if now.Sub(w.start) >= l.window {
				delete(l.seen, k)
			}
		}
	}
	w := l.seen[key]
	if w == nil || now.Sub(w.start) >= l.window {
		w = &window{start: now}
		l.seen[key] = w
	}
	w.n++
	if w.n > l.max {
		return false, l.window - now.Sub(w.start)
	}
	return true, 0
}
