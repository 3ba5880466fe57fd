// Package ratelimit slows down password guessing and sign-up floods with
// token buckets kept in memory.
//
// The rule is the same in every waymark project:
//
//   - a login is refused with 429 when its (account, client address) pair
//     has used its burst of failures (5, refilled over a minute), or when
//     the client address has failed too often across all accounts (20 a
//     minute);
//   - a successful login gives its token back, so a user who logs in often
//     is never slowed down;
//   - registration takes one token per attempt from a per-address budget
//     (30, refilled over a minute).
//
// Keying the account's budget by address as well means nobody can lock a
// user out from another machine by guessing their password on purpose;
// a guesser spread over many addresses is still held to the per-address
// budget and to bcrypt's cost. The state is per process: several
// instances each count on their own.
package ratelimit

import (
	"math"
	"sync"
	"time"
)

// Bucket is a set of token buckets, one per key: each holds up to burst
// tokens and regains burst tokens every period, continuously.
type Bucket struct {
	burst float64
	rate  float64 // tokens per second
	now   func() time.Time

	mu        sync.Mutex
	keys      map[string]*state
	lastSweep time.Time
}

type state struct {
	tokens float64
	at     time.Time
}

// New returns a Bucket of burst tokens per key, refilled at burst per period.
func New(burst int, period time.Duration, now func() time.Time) *Bucket {
	if burst < 1 || period <= 0 {
		panic("ratelimit: burst and period must be positive")
	}
	return &Bucket{
		burst: float64(burst), rate: float64(burst) / period.Seconds(), now: now,
		keys: map[string]*state{}, lastSweep: now(),
	}
}

// Take takes one token for key. When none is left it takes nothing and
// reports how long until one will be there.
func (b *Bucket) Take(key string) (ok bool, retryAfter time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	b.sweep(now)
	s := b.refilled(key, now)
	if s.tokens < 1 {
		return false, time.Duration((1 - s.tokens) / b.rate * float64(time.Second))
	}
	s.tokens--
	return true, 0
}

// Give returns one token to key, as when the attempt that took it turned
// out to be no reason to slow anyone down.
func (b *Bucket) Give(key string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.refilled(key, b.now())
	s.tokens = math.Min(b.burst, s.tokens+1)
}

func (b *Bucket) refilled(key string, now time.Time) *state {
	s := b.keys[key]
	if s == nil {
		s = &state{tokens: b.burst, at: now}
		b.keys[key] = s
		return s
	}
	if d := now.Sub(s.at).Seconds(); d > 0 {
		s.tokens = math.Min(b.burst, s.tokens+d*b.rate)
	}
	s.at = now
	return s
}

// sweep forgets keys whose bucket has refilled, at most once per refill
// period, so the map does not grow with every address ever seen.
func (b *Bucket) sweep(now time.Time) {
	full := time.Duration(b.burst / b.rate * float64(time.Second))
	if now.Sub(b.lastSweep) < full {
		return
	}
	for k, s := range b.keys {
		if now.Sub(s.at) >= full {
			delete(b.keys, k)
		}
	}
	b.lastSweep = now
}

// The rule's numbers, in one place.
const (
	LoginFailuresPerAccount = 5
	LoginFailuresPerAddress = 20
	RegistrationsPerAddress = 30
	Period                  = time.Minute
)

// Logins guards a login endpoint.
type Logins struct {
	pair, address *Bucket
}

// NewLogins returns the login guard of the rule above.
func NewLogins(now func() time.Time) *Logins {
	return &Logins{
		pair:    New(LoginFailuresPerAccount, Period, now),
		address: New(LoginFailuresPerAddress, Period, now),
	}
}

// Attempt reserves one failure for a login to account from addr. When it
// is refused, answer 429 with Retry-After. Otherwise call the returned
// succeeded once the password proved right, which gives the reservation
// back.
func (l *Logins) Attempt(account, addr string) (succeeded func(), ok bool, retryAfter time.Duration) {
	pairKey := account + "\x00" + addr
	if ok, wait := l.address.Take(addr); !ok {
		return nil, false, wait
	}
	if ok, wait := l.pair.Take(pairKey); !ok {
		l.address.Give(addr)
		return nil, false, wait
	}
	return func() { l.pair.Give(pairKey); l.address.Give(addr) }, true, 0
}

// RetryAfterSeconds is wait as a Retry-After value: whole seconds, at
// least one.
func RetryAfterSeconds(wait time.Duration) int {
	return max(1, int(math.Ceil(wait.Seconds())))
}
