package api

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
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

func TestLoginRateLimitPerEmail(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "limited")
	login := func(email string) *http.Response {
		return do(t, h, request{method: "POST", path: "/api/auth/login",
			body: map[string]string{"email": email, "password": "wrong password"}}).Result()
	}
	for i := range loginAttemptsPerWindow {
		if res := login(a.email); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d: status %d, want 401", i+1, res.StatusCode)
		}
	}
	res := login(strings.ToUpper(a.email))
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("attempt %d: status %d, want 429", loginAttemptsPerWindow+1, res.StatusCode)
	}
	if secs, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || secs < 1 || secs > 60 {
		t.Errorf("Retry-After = %q, want whole seconds up to 60", res.Header.Get("Retry-After"))
	}
	if res := login(uniqueEmail("other")); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("another email: status %d, want 401 (the limit is per email)", res.StatusCode)
	}
}

func TestRateLimiterWindowResets(t *testing.T) {
	now := time.Unix(0, 0)
	l := newRateLimiter(2, time.Minute, func() time.Time { return now })
	l.allow("k")
	l.allow("k")
	if ok, retry := l.allow("k"); ok || retry != 60 {
		t.Fatalf("third call: ok=%v retry=%d, want refused with 60s", ok, retry)
	}
	now = now.Add(time.Minute)
	if ok, _ := l.allow("k"); !ok {
		t.Error("a new window should allow again")
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

func TestExpiredAndForgedTokensAre401(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "expiry")
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(a.access, claims); err != nil {
		t.Fatal(err)
	}
	claims["exp"] = time.Now().Add(-time.Hour).Unix()
	expired, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(testSecret))
	if err != nil {
		t.Fatal(err)
	}
	claims["exp"] = time.Now().Add(time.Hour).Unix()
	none, err := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}
	for name, token := range map[string]string{"expired": expired, "alg none": none} {
		t.Run(name, func(t *testing.T) {
			body := expect(t, do(t, h, request{method: "GET", path: "/api/tasks", token: token}), http.StatusUnauthorized)
			if strings.Contains(strings.ToLower(body["error"].(string)), "goroutine") {
				t.Errorf("body = %v", body)
			}
		})
	}
}
