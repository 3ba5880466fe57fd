package api

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/waymark-dev/waymark/templates/tasks/go/internal/config"
	"github.com/waymark-dev/waymark/templates/tasks/go/internal/ratelimit"
)

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	h := newTestServer(t)
	for _, req := range []request{{method: "GET", path: "/healthz"}, {method: "GET", path: "/nope"}} {
		w := do(t, h, req)
		if w.Header().Get("X-Content-Type-Options") != "nosniff" || w.Header().Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s %s: headers %v", req.method, req.path, w.Header())
		}
	}
}

func TestPasswordRules(t *testing.T) {
	h := newTestServer(t)
	for name, password := range map[string]string{
		"too short":         "short",
		"over 72 bytes":     strings.Repeat("é", 37),
		"seven runes, long": "ééééééé",
	} {
		t.Run(name, func(t *testing.T) {
			body := expect(t, do(t, h, request{method: "POST", path: "/api/auth/register",
				body: map[string]string{"email": uniqueEmail("rules"), "password": password}}), http.StatusUnprocessableEntity)
			if _, ok := body["fields"].(map[string]any)["password"]; !ok {
				t.Errorf("body = %v, want fields.password", body)
			}
		})
	}
}

func TestLoginRateLimitPerAccountAndAddress(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "limited")
	login := func(email, password, remote string) *http.Response {
		return do(t, h, request{method: "POST", path: "/api/auth/login", remote: remote,
			body: map[string]string{"email": email, "password": password}}).Result()
	}
	const here, elsewhere = "198.51.100.1:4000", "198.51.100.2:4000"
	for i := range ratelimit.LoginFailuresPerAccount {
		if res := login(a.email, "wrong password", here); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d: status %d, want 401", i+1, res.StatusCode)
		}
	}
	res := login(strings.ToUpper(a.email), a.password, here)
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("attempt %d: status %d, want 429", ratelimit.LoginFailuresPerAccount+1, res.StatusCode)
	}
	if secs, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || secs < 1 || secs > 60 {
		t.Errorf("Retry-After = %q, want whole seconds up to 60", res.Header.Get("Retry-After"))
	}
	if res := login(uniqueEmail("other"), "wrong password", here); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("another email: status %d, want 401 (the limit is per account)", res.StatusCode)
	}
	// Guessing a's password from here must not lock a out everywhere.
	if res := login(a.email, a.password, elsewhere); res.StatusCode != http.StatusOK {
		t.Errorf("the right password from another address: status %d, want 200", res.StatusCode)
	}
}

func TestSuccessfulLoginsAreNotLimited(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "frequent")
	for i := range 3 * ratelimit.LoginFailuresPerAccount {
		w := do(t, h, request{method: "POST", path: "/api/auth/login",
			body: map[string]string{"email": a.email, "password": a.password}})
		if w.Code != http.StatusOK {
			t.Fatalf("login %d: status %d, want 200", i+1, w.Code)
		}
	}
}

func TestLoginRateLimitPerAddressAcrossAccounts(t *testing.T) {
	h := newTestServer(t)
	for i := range ratelimit.LoginFailuresPerAddress {
		w := do(t, h, request{method: "POST", path: "/api/auth/login",
			body: map[string]string{"email": uniqueEmail("spray"), "password": "wrong password"}})
		if w.Code != http.StatusUnauthorized {
			t.Fatalf("attempt %d: status %d, want 401", i+1, w.Code)
		}
	}
	w := do(t, h, request{method: "POST", path: "/api/auth/login",
		body: map[string]string{"email": uniqueEmail("spray"), "password": "wrong password"}})
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
		t.Errorf("attempt %d: status %d, Retry-After %q; want 429 with Retry-After",
			ratelimit.LoginFailuresPerAddress+1, w.Code, w.Header().Get("Retry-After"))
	}
}

func TestRegistrationRateLimitPerAddress(t *testing.T) {
	h := newTestServer(t)
	register := func(remote string) *httptest.ResponseRecorder {
		// A refused password costs no bcrypt: every attempt counts anyway.
		return do(t, h, request{method: "POST", path: "/api/auth/register", remote: remote,
			body: map[string]string{"email": uniqueEmail("flood"), "password": "short"}})
	}
	for i := range ratelimit.RegistrationsPerAddress {
		if w := register("203.0.113.5:1000"); w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("attempt %d: status %d, want 422", i+1, w.Code)
		}
	}
	w := register("203.0.113.5:1001")
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
		t.Errorf("attempt %d: status %d, Retry-After %q; want 429 with Retry-After",
			ratelimit.RegistrationsPerAddress+1, w.Code, w.Header().Get("Retry-After"))
	}
	if w := register("203.0.113.6:1000"); w.Code != http.StatusUnprocessableEntity {
		t.Errorf("another address: status %d, want 422", w.Code)
	}
}

// The client address behind a reverse proxy is the last X-Forwarded-For
// hop, and only when TRUST_PROXY says a proxy is there: otherwise anyone
// could send a new X-Forwarded-For with every guess.
func TestTrustProxyDecidesTheClientAddress(t *testing.T) {
	for _, trust := range []bool{false, true} {
		t.Run(fmt.Sprintf("trust=%v", trust), func(t *testing.T) {
			h := newTestServerWith(t, func(c *config.Config) { c.TrustProxy = trust })
			a := registerUser(t, h, "proxied")
			login := func(xff string) int {
				return do(t, h, request{method: "POST", path: "/api/auth/login",
					header: http.Header{"X-Forwarded-For": {xff}},
					body:   map[string]string{"email": a.email, "password": "wrong password"}}).Code
			}
			for i := range ratelimit.LoginFailuresPerAccount {
				login(fmt.Sprintf("192.0.2.200, 203.0.113.%d", i+1))
			}
			got := login("192.0.2.200, 203.0.113.99")
			want := http.StatusTooManyRequests // every guess came from the same peer
			if trust {
				want = http.StatusUnauthorized // a new client behind the proxy
			}
			if got != want {
				t.Errorf("status %d, want %d", got, want)
			}
		})
	}
}

// Checking the current password is a login in disguise: a stolen access
// token must not turn into unlimited password guesses.
func TestCurrentPasswordChecksAreRateLimited(t *testing.T) {
	for _, method := range []string{"POST /api/auth/password", "DELETE /api/auth/me"} {
		t.Run(method, func(t *testing.T) {
			h := newTestServer(t)
			a := registerUser(t, h, "guessed")
			verb, path, _ := strings.Cut(method, " ")
			try := func(password string) *httptest.ResponseRecorder {
				return do(t, h, request{method: verb, path: path, token: a.access,
					body: map[string]string{"current_password": password, "new_password": "another passphrase"}})
			}
			for i := range ratelimit.LoginFailuresPerAccount {
				if w := try("wrong password"); w.Code != http.StatusUnprocessableEntity {
					t.Fatalf("attempt %d: status %d, want 422", i+1, w.Code)
				}
			}
			w := try(a.password)
			if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
				t.Errorf("status %d, Retry-After %q; want 429 with Retry-After", w.Code, w.Header().Get("Retry-After"))
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	h := newTestServer(t)
	big := `{"email": "` + strings.Repeat("a", maxBodyBytes) + `@example.com", "password": "long enough"}`
	body := expect(t, do(t, h, request{method: "POST", path: "/api/auth/register", body: big}), http.StatusRequestEntityTooLarge)
	if _, ok := body["error"].(string); !ok {
		t.Errorf("body = %v", body)
	}
}

// Tokens the server never issues are refused: unsigned ("alg": "none"),
// and correctly signed but valid forever, since a stolen token must stop
// working by itself. (Expiry itself is TestAccessTokensExpire's: the test
// moves the server's clock rather than forging an old token.)
func TestForgedTokensAre401(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "forged")
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(a.access, claims); err != nil {
		t.Fatal(err)
	}
	none, err := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}
	delete(claims, "exp")
	noExpiry, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(testSecret))
	if err != nil {
		t.Fatal(err)
	}
	for name, token := range map[string]string{"alg none": none, "no exp": noExpiry} {
		t.Run(name, func(t *testing.T) {
			body := expect(t, do(t, h, request{method: "GET", path: "/api/tasks", token: token}), http.StatusUnauthorized)
			if strings.Contains(strings.ToLower(body["error"].(string)), "goroutine") {
				t.Errorf("body = %v", body)
			}
		})
	}
}

// A limit refills with time: once its period has passed, the account's
// owner is let in again from the address that was locked out.
func TestLoginLimitRefillsWithTime(t *testing.T) {
	clock := newTestClock()
	h := newTestServerAt(t, clock)
	a := registerUser(t, h, "refill")
	login := func(password string) int {
		return do(t, h, request{method: "POST", path: "/api/auth/login", remote: "198.51.100.7:4000",
			body: map[string]string{"email": a.email, "password": password}}).Code
	}
	for range ratelimit.LoginFailuresPerAccount {
		login("wrong password")
	}
	if code := login(a.password); code != http.StatusTooManyRequests {
		t.Fatalf("after %d failures: status %d, want 429", ratelimit.LoginFailuresPerAccount, code)
	}
	clock.Advance(ratelimit.Period)
	if code := login(a.password); code != http.StatusOK {
		t.Errorf("a period later: status %d, want 200", code)
	}
}
