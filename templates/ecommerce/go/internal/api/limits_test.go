package api

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/ratelimit"
)

// login is one login attempt of email with password from the address addr.
func login(t *testing.T, a app, email, password, addr string, header map[string]string) int {
	t.Helper()
	return a.do(t, call{method: "POST", path: "/api/auth/login", remote: addr + ":40000", header: header,
		body: map[string]string{"email": email, "password": password}}).Code
}

func TestLoginIsLimitedAfterFiveFailures(t *testing.T) {
	a := newApp(t)
	customer(t, a, "ann@example.com")
	for i := range ratelimit.LoginFailuresPerAccount {
		if code := login(t, a, "ann@example.com", "wrong-password", "198.51.100.1", nil); code != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d, want 401", i+1, code)
		}
	}
	// Even the right password waits: otherwise the limit would tell a
	// guesser when a guess was right.
	w := a.do(t, call{method: "POST", path: "/api/auth/login", remote: "198.51.100.1:40000",
		body: map[string]string{"email": "ANN@example.com ", "password": "correct-horse-1"}})
	want(t, w, http.StatusTooManyRequests)
	if secs, err := strconv.Atoi(w.Header().Get("Retry-After")); err != nil || secs < 1 || secs > 60 {
		t.Errorf("Retry-After = %q, want whole seconds from 1 to 60", w.Header().Get("Retry-After"))
	}
	// Nobody locks ann out from elsewhere, and other accounts are not held
	// to ann's budget.
	if code := login(t, a, "ann@example.com", "correct-horse-1", "198.51.100.2", nil); code != http.StatusOK {
		t.Errorf("ann from another address: status %d, want 200", code)
	}
	if code := login(t, a, "bob@example.com", "wrong-password", "198.51.100.1", nil); code != http.StatusUnauthorized {
		t.Errorf("another account from the same address: status %d, want 401", code)
	}
}

func TestSuccessfulLoginsAreNeverLimited(t *testing.T) {
	a := newApp(t)
	customer(t, a, "ann@example.com")
	for i := range 3 * ratelimit.LoginFailuresPerAccount {
		if code := login(t, a, "ann@example.com", "correct-horse-1", "198.51.100.1", nil); code != http.StatusOK {
			t.Fatalf("login %d: status %d, want 200", i+1, code)
		}
	}
}

func TestLoginLimitCountsTheProxysHopOnlyWhenTrusted(t *testing.T) {
	fail5 := func(a app, xff string) {
		for range ratelimit.LoginFailuresPerAccount {
			login(t, a, "ann@example.com", "wrong-password", "127.0.0.1", map[string]string{"X-Forwarded-For": xff})
		}
	}
	cfg := testConfig()
	cfg.TrustProxy = true
	proxied := newAppWith(t, cfg)
	fail5(proxied, "203.0.113.7")
	if code := login(t, proxied, "ann@example.com", "wrong-password", "127.0.0.1", map[string]string{"X-Forwarded-For": "203.0.113.7"}); code != http.StatusTooManyRequests {
		t.Errorf("same forwarded client: status %d, want 429", code)
	}
	if code := login(t, proxied, "ann@example.com", "wrong-password", "127.0.0.1", map[string]string{"X-Forwarded-For": "203.0.113.8"}); code != http.StatusUnauthorized {
		t.Errorf("another forwarded client: status %d, want 401", code)
	}

	direct := newApp(t) // TRUST_PROXY unset: a client cannot pick its address
	fail5(direct, "203.0.113.7")
	if code := login(t, direct, "ann@example.com", "wrong-password", "127.0.0.1", map[string]string{"X-Forwarded-For": "203.0.113.8"}); code != http.StatusTooManyRequests {
		t.Errorf("a forged X-Forwarded-For escaped the limit: status %d, want 429", code)
	}
}

func TestRegistrationIsLimitedPerAddress(t *testing.T) {
	a := newApp(t)
	bad := map[string]string{"email": "nope", "password": "short"}
	for i := range ratelimit.RegistrationsPerAddress {
		if w := a.do(t, call{method: "POST", path: "/api/auth/register", remote: "198.51.100.9:1", body: bad}); w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("attempt %d: status %d, want 422", i+1, w.Code)
		}
	}
	w := a.do(t, call{method: "POST", path: "/api/auth/register", remote: "198.51.100.9:1",
		body: map[string]string{"email": "late@example.com", "password": "correct-horse-1"}})
	want(t, w, http.StatusTooManyRequests)
	if w.Header().Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	want(t, a.do(t, call{method: "POST", path: "/api/auth/register", remote: "198.51.100.10:1",
		body: map[string]string{"email": "late@example.com", "password": "correct-horse-1"}}), http.StatusCreated)
}
