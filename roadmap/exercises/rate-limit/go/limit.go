package main

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// The quota: requests per window, per API key.
const (
	quota  = 5
	period = 60 * time.Second
	// maxKeys is how many windows are kept before the ones that are over
	// are swept.
	maxKeys = 10000
)

// window is one key's current window: when it started and how many
// requests it allowed.
type window struct {
	start time.Time
	used  int
}

// limiter keeps every key's window.
type limiter struct {
	mu      sync.Mutex
	windows map[string]*window
	now     func() time.Time
}

// data answers GET /api/data within the key's quota, 429 beyond it.
func (l *limiter) data(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X-Api-Key")
	if key == "" {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "send your API key in X-Api-Key"})
		return
	}
	// waymark:begin solution solve
	allowed, left, reset := l.take(key)
	w.Header().Set("RateLimit-Policy", fmt.Sprintf(`"default";q=%d;w=%d`, quota, int(period.Seconds())))
	w.Header().Set("RateLimit", fmt.Sprintf(`"default";r=%d;t=%d`, left, reset))
	if !allowed {
		w.Header().Set("Retry-After", strconv.Itoa(reset))
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"error": "this key has used its requests for this minute: retry later"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"data": "the answer is 42"})
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// waymark:begin solution solve

// take counts one request of key, in one step under the lock: whether it
// is allowed, how many are left in the window, and the seconds (rounded up,
// at least 1) until the window ends.
func (l *limiter) take(key string) (allowed bool, left, reset int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.windows) >= maxKeys {
		l.sweep(now)
	}
	win, ok := l.windows[key]
	if !ok || now.Sub(win.start) >= period {
		win = &window{start: now}
		l.windows[key] = win
	}
	if win.used < quota {
		win.used++
		allowed = true
	}
	reset = max(1, int(math.Ceil(win.start.Add(period).Sub(now).Seconds())))
	return allowed, quota - win.used, reset
}

// sweep forgets the windows that are over, so that many keys sent once
// do not fill the memory.
func (l *limiter) sweep(now time.Time) {
	for k, win := range l.windows {
		if now.Sub(win.start) >= period {
			delete(l.windows, k)
		}
	}
}

// waymark:end
