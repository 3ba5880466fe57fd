package ratelimit

import (
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// clock is a test clock moved by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock               { return &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }

func TestBucketBurstThenRefill(t *testing.T) {
	c := newClock()
	b := New(5, time.Minute, c.now)
	for i := range 5 {
		if ok, _ := b.Take("k"); !ok {
			t.Fatalf("take %d refused within the burst", i+1)
		}
	}
	ok, wait := b.Take("k")
	if ok {
		t.Fatal("the 6th take was allowed")
	}
	if wait != 12*time.Second {
		t.Errorf("retry after %v, want 12s (one token of 5 per minute)", wait)
	}
	if ok, _ := b.Take("other"); !ok {
		t.Error("another key shares the first key's bucket")
	}
	c.add(11 * time.Second)
	if ok, _ := b.Take("k"); ok {
		t.Error("a token came back before its time")
	}
	c.add(time.Second)
	if ok, _ := b.Take("k"); !ok {
		t.Error("no token after 12 s")
	}
}

func TestBucketGiveNeverExceedsBurst(t *testing.T) {
	c := newClock()
	b := New(2, time.Minute, c.now)
	for range 5 {
		b.Give("k")
	}
	n := 0
	for range 10 {
		if ok, _ := b.Take("k"); ok {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d takes allowed after gives on a full bucket, want 2", n)
	}
}

func TestBucketIsSafeUnderConcurrency(t *testing.T) {
	b := New(50, time.Hour, newClock().now)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for range 200 {
		wg.Go(func() {
			if ok, _ := b.Take("k"); ok {
				mu.Lock()
				allowed++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if allowed != 50 {
		t.Errorf("%d of 200 concurrent takes allowed, want exactly the burst of 50", allowed)
	}
}

func TestBucketSweepForgetsRefilledKeys(t *testing.T) {
	c := newClock()
	b := New(1, time.Minute, c.now)
	for _, k := range []string{"a", "b", "c"} {
		b.Take(k)
	}
	c.add(2 * time.Minute)
	b.Take("d")
	if len(b.keys) != 1 {
		t.Errorf("%d keys kept after every bucket refilled, want 1", len(b.keys))
	}
}

func TestLoginsFailuresLimitThePairNotTheAccount(t *testing.T) {
	c := newClock()
	l := NewLogins(c.now)
	for i := range LoginFailuresPerAccount {
		if _, ok, _ := l.Attempt("ann", "10.0.0.1"); !ok {
			t.Fatalf("failure %d refused", i+1)
		}
	}
	if _, ok, wait := l.Attempt("ann", "10.0.0.1"); ok || wait <= 0 {
		t.Fatalf("attempt after %d failures: ok=%v wait=%v, want refused with a wait", LoginFailuresPerAccount, ok, wait)
	}
	// The guesser at 10.0.0.1 cannot lock ann out of her own machine.
	done, ok, _ := l.Attempt("ann", "10.0.0.2")
	if !ok {
		t.Fatal("ann is locked out from another address by someone else's failures")
	}
	done()
}

func TestLoginsSuccessGivesTheTokenBack(t *testing.T) {
	l := NewLogins(newClock().now)
	for i := range 3 * LoginFailuresPerAccount {
		done, ok, _ := l.Attempt("ann", "10.0.0.1")
		if !ok {
			t.Fatalf("successful login %d refused", i+1)
		}
		done()
	}
}

func TestLoginsPerAddressBudget(t *testing.T) {
	l := NewLogins(newClock().now)
	for i := range LoginFailuresPerAddress {
		// A different account each time: only the address budget counts.
		if _, ok, _ := l.Attempt(string(rune('a'+i)), "10.0.0.9"); !ok {
			t.Fatalf("failure %d refused before the address budget is spent", i+1)
		}
	}
	if _, ok, _ := l.Attempt("zed", "10.0.0.9"); ok {
		t.Error("the address budget of failures across accounts is not enforced")
	}
	if _, ok, _ := l.Attempt("zed", "10.0.0.10"); !ok {
		t.Error("another address shares the spent budget")
	}
}

func TestRetryAfterSeconds(t *testing.T) {
	for wait, want := range map[time.Duration]int{0: 1, 300 * time.Millisecond: 1, 12 * time.Second: 12, 12100 * time.Millisecond: 13} {
		if got := RetryAfterSeconds(wait); got != want {
			t.Errorf("RetryAfterSeconds(%v) = %d, want %d", wait, got, want)
		}
	}
}

func TestClientAddress(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "127.0.0.1:5555"
	r.Header.Add("X-Forwarded-For", "6.6.6.6, 203.0.113.7")
	if got := ClientAddress(r, false); got != "127.0.0.1" {
		t.Errorf("untrusted proxy: %q, want the peer 127.0.0.1", got)
	}
	if got := ClientAddress(r, true); got != "203.0.113.7" {
		t.Errorf("trusted proxy: %q, want the last hop 203.0.113.7", got)
	}
	r.Header.Del("X-Forwarded-For")
	if got := ClientAddress(r, true); got != "127.0.0.1" {
		t.Errorf("trusted proxy, no header: %q, want the peer", got)
	}
}
