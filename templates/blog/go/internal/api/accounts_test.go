package api

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// register creates name (email name@example.com) and returns its token.
func register(t testing.TB, h http.Handler, name string) string {
	t.Helper()
	body := want(t, send(t, h, call{method: "POST", path: "/api/users", body: map[string]any{
		"user": map[string]string{"username": name, "email": name + "@example.com", "password": "correct-horse"},
	}}), http.StatusCreated)
	return obj(body, "user")["token"].(string)
}

func TestRegisterAndLogin(t *testing.T) {
	h := newServer(t).Handler()
	register(t, h, "ann")

	user := obj(want(t, send(t, h, call{method: "POST", path: "/api/users/login", body: map[string]any{
		"user": map[string]string{"email": "ANN@example.com", "password": "correct-horse"},
	}}), http.StatusOK), "user")
	if user["username"] != "ann" || user["role"] != "author" || user["bio"] != "" || user["token"] == "" {
		t.Fatalf("user = %v", user)
	}
	me := obj(want(t, send(t, h, call{method: "GET", path: "/api/user", token: user["token"].(string)}), http.StatusOK), "user")
	if me["email"] != "ann@example.com" {
		t.Errorf("GET /api/user = %v", me)
	}
}

func TestRegistrationErrors(t *testing.T) {
	h := newServer(t).Handler()
	register(t, h, "ann")
	tests := []struct {
		name  string
		user  map[string]string
		field string
	}{
		{"taken email", map[string]string{"username": "bob", "email": "ann@example.com", "password": "correct-horse"}, "email"},
		{"taken username", map[string]string{"username": "ann", "email": "bob@example.com", "password": "correct-horse"}, "username"},
		{"short password", map[string]string{"username": "bob", "email": "bob@example.com", "password": "short"}, "password"},
		{"missing email", map[string]string{"username": "bob", "password": "correct-horse"}, "email"},
		{"bad username", map[string]string{"username": "b o b", "email": "bob@example.com", "password": "correct-horse"}, "username"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := want(t, send(t, h, call{method: "POST", path: "/api/users", body: map[string]any{"user": tt.user}}), http.StatusUnprocessableEntity)
			if !errorAbout(body, tt.field) {
				t.Errorf("errors = %v, want an entry for %s", body, tt.field)
			}
		})
	}
}

func TestLoginFailuresLookAlike(t *testing.T) {
	h := newServer(t).Handler()
	register(t, h, "ann")
	wrong := send(t, h, call{method: "POST", path: "/api/users/login", body: `{"user":{"email":"ann@example.com","password":"nope-nope"}}`})
	unknown := send(t, h, call{method: "POST", path: "/api/users/login", body: `{"user":{"email":"who@example.com","password":"nope-nope"}}`})
	want(t, wrong, http.StatusUnauthorized)
	want(t, unknown, http.StatusUnauthorized)
	if wrong.Body.String() != unknown.Body.String() {
		t.Errorf("the answers differ: %s vs %s", wrong.Body, unknown.Body)
	}
}

func TestTokens(t *testing.T) {
	h := newServer(t).Handler()
	token := register(t, h, "ann")
	for name, header := range map[string]string{
		"none":      "",
		"malformed": "Token not-a-jwt",
		"scheme":    "Basic " + token,
		"tampered":  "Token " + token[:len(token)-2] + "xx",
	} {
		t.Run(name, func(t *testing.T) {
			w := send(t, h, call{method: "GET", path: "/api/user", header: http.Header{"Authorization": {header}}})
			want(t, w, http.StatusUnauthorized)
		})
	}
	want(t, send(t, h, call{method: "GET", path: "/api/user", header: http.Header{"Authorization": {"Bearer " + token}}}), http.StatusOK)
}

func TestUpdateUser(t *testing.T) {
	h := newServer(t).Handler()
	token := register(t, h, "ann")
	register(t, h, "bob")
	user := obj(want(t, send(t, h, call{method: "PUT", path: "/api/user", token: token,
		body: `{"user":{"bio":"hello","image":"https://example.com/a.png","password":"new-password","currentPassword":"correct-horse"}}`}), http.StatusOK), "user")
	token = user["token"].(string) // a password change ends every earlier token
	if user["bio"] != "hello" || user["username"] != "ann" {
		t.Fatalf("user = %v", user)
	}
	want(t, send(t, h, call{method: "POST", path: "/api/users/login", body: `{"user":{"email":"ann@example.com","password":"new-password"}}`}), http.StatusOK)
	body := want(t, send(t, h, call{method: "PUT", path: "/api/user", token: token, body: `{"user":{"username":"bob"}}`}), http.StatusUnprocessableEntity)
	if !strings.Contains(strings.ToLower(send(t, h, call{method: "GET", path: "/api/user", token: token}).Body.String()), `"username":"ann"`) {
		t.Errorf("a refused update changed the user: %v", body)
	}
}

// loginCall is a login of email with password from the client address remote.
func loginCall(email, password, remote string) call {
	return call{method: "POST", path: "/api/users/login", remote: remote,
		body: map[string]any{"user": map[string]string{"email": email, "password": password}}}
}

// wantRetryAfter fails unless w is a 429 with a Retry-After of whole seconds.
func wantRetryAfter(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	want(t, w, http.StatusTooManyRequests)
	if n, err := strconv.Atoi(w.Header().Get("Retry-After")); err != nil || n < 1 {
		t.Fatalf("Retry-After = %q, want whole seconds", w.Header().Get("Retry-After"))
	}
}

// The limits are those of internal/ratelimit: 5 failures per account and
// address, 20 per address, 30 registrations per address, each a minute.
func TestLoginFailuresAreLimitedPerAccountAndAddress(t *testing.T) {
	h := newServer(t).Handler()
	register(t, h, "ann")
	register(t, h, "bob")
	const attacker, elsewhere = "198.51.100.7:4000", "203.0.113.9:5000"
	for i := range 5 {
		want(t, send(t, h, loginCall("ann@example.com", "guess-"+strconv.Itoa(i), attacker)), http.StatusUnauthorized)
	}
	wantRetryAfter(t, send(t, h, loginCall("ann@example.com", "guess-6", attacker)))
	// Limited means limited: the right password waits too.
	wantRetryAfter(t, send(t, h, loginCall("ann@example.com", "correct-horse", attacker)))
	// Nobody can lock ann out from another machine, nor bob from this one.
	want(t, send(t, h, loginCall("ann@example.com", "correct-horse", elsewhere)), http.StatusOK)
	want(t, send(t, h, loginCall("bob@example.com", "correct-horse", attacker)), http.StatusOK)
}

func TestLoginFailuresAreLimitedPerAddressAcrossAccounts(t *testing.T) {
	h := newServer(t).Handler()
	const sprayer = "198.51.100.8:4000"
	for i := range 20 {
		want(t, send(t, h, loginCall("user"+strconv.Itoa(i)+"@example.com", "guess-guess", sprayer)), http.StatusUnauthorized)
	}
	wantRetryAfter(t, send(t, h, loginCall("user99@example.com", "guess-guess", sprayer)))
	want(t, send(t, h, loginCall("user99@example.com", "guess-guess", "203.0.113.9:5000")), http.StatusUnauthorized)
}

func TestFrequentLoginsAreNeverLimited(t *testing.T) {
	h := newServer(t).Handler()
	register(t, h, "ann")
	for range 12 {
		want(t, send(t, h, loginCall("ann@example.com", "correct-horse", "198.51.100.9:4000")), http.StatusOK)
	}
}

func TestRegistrationsAreLimitedPerAddress(t *testing.T) {
	h := newServer(t).Handler()
	signUp := func(name, remote string) *httptest.ResponseRecorder {
		return send(t, h, call{method: "POST", path: "/api/users", remote: remote, body: map[string]any{
			"user": map[string]string{"username": name, "email": name + "@example.com", "password": "correct-horse"},
		}})
	}
	const flood = "198.51.100.10:4000"
	for i := range 30 {
		want(t, signUp("u"+strconv.Itoa(i), flood), http.StatusCreated)
	}
	wantRetryAfter(t, signUp("one-more", flood))
	want(t, signUp("one-more", "203.0.113.9:5000"), http.StatusCreated)
}

func TestChangingThePasswordNeedsTheCurrentOne(t *testing.T) {
	h := newServer(t).Handler()
	token := register(t, h, "ann")
	other := obj(want(t, send(t, h, loginCall("ann@example.com", "correct-horse", "")), http.StatusOK), "user")["token"].(string)
	change := func(body string) *httptest.ResponseRecorder {
		return send(t, h, call{method: "PUT", path: "/api/user", token: token, body: body})
	}

	body := want(t, change(`{"user":{"password":"new-password"}}`), http.StatusUnprocessableEntity)
	if !errorAbout(body, "currentPassword") {
		t.Fatalf("no current password: %v, want an error under currentPassword", body)
	}
	body = want(t, change(`{"user":{"password":"new-password","currentPassword":"not-it-at-all"}}`), http.StatusUnprocessableEntity)
	if !errorAbout(body, "currentPassword") {
		t.Fatalf("wrong current password: %v, want an error under currentPassword", body)
	}
	want(t, send(t, h, loginCall("ann@example.com", "new-password", "")), http.StatusUnauthorized)
	// Other fields need no current password.
	want(t, change(`{"user":{"bio":"still me"}}`), http.StatusOK)

	user := obj(want(t, change(`{"user":{"password":"new-password","currentPassword":"correct-horse"}}`), http.StatusOK), "user")
	fresh, _ := user["token"].(string)
	if fresh == "" || fresh == token {
		t.Fatalf("the answer carries no new token: %v", user)
	}
	// Every token issued before the change stops working; the new one works.
	want(t, send(t, h, call{method: "GET", path: "/api/user", token: token}), http.StatusUnauthorized)
	want(t, send(t, h, call{method: "GET", path: "/api/user", token: other}), http.StatusUnauthorized)
	want(t, send(t, h, call{method: "GET", path: "/api/user", token: fresh}), http.StatusOK)
	want(t, send(t, h, loginCall("ann@example.com", "new-password", "")), http.StatusOK)
	want(t, send(t, h, loginCall("ann@example.com", "correct-horse", "")), http.StatusUnauthorized)
}

func TestWrongCurrentPasswordsAreLimited(t *testing.T) {
	h := newServer(t).Handler()
	token := register(t, h, "ann")
	for range 5 {
		want(t, send(t, h, call{method: "PUT", path: "/api/user", token: token,
			body: `{"user":{"password":"new-password","currentPassword":"a-guess-at-it"}}`}), http.StatusUnprocessableEntity)
	}
	wantRetryAfter(t, send(t, h, call{method: "PUT", path: "/api/user", token: token,
		body: `{"user":{"password":"new-password","currentPassword":"correct-horse"}}`}))
}

// resign signs token's claims, changed by edit, with the test secret.
func resign(t *testing.T, token string, edit func(jwt.MapClaims)) string {
	t.Helper()
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(token, claims); err != nil {
		t.Fatal(err)
	}
	edit(claims)
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(testConfig.JWTSecret))
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

func TestTokensWithoutExpiryAreRefused(t *testing.T) {
	h := newServer(t).Handler()
	token := register(t, h, "ann")
	want(t, send(t, h, call{method: "GET", path: "/api/user", token: resign(t, token, func(jwt.MapClaims) {})}), http.StatusOK)
	forever := resign(t, token, func(c jwt.MapClaims) { delete(c, "exp") })
	want(t, send(t, h, call{method: "GET", path: "/api/user", token: forever}), http.StatusUnauthorized)
}

// A token works for its whole lifetime (TokenTTL) and not a second longer.
func TestTokensExpire(t *testing.T) {
	clock := newTestClock()
	h := newServer(t, WithClock(clock.Now)).Handler()
	token := register(t, h, "ann")
	clock.Advance(testConfig.TokenTTL - time.Second)
	want(t, send(t, h, call{method: "GET", path: "/api/user", token: token}), http.StatusOK)
	clock.Advance(2 * time.Second)
	want(t, send(t, h, call{method: "GET", path: "/api/user", token: token}), http.StatusUnauthorized)
}

func TestProfileImagesAreHTTPURLs(t *testing.T) {
	h := newServer(t).Handler()
	token := register(t, h, "ann")
	image := func(v string) *httptest.ResponseRecorder {
		return send(t, h, call{method: "PUT", path: "/api/user", token: token, body: map[string]any{"user": map[string]string{"image": v}}})
	}
	for _, bad := range []string{
		"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
		"data:text/html,<script>alert(1)</script>", "data:image/png;base64,iVBORw0KGgo=",
		"http://", "https:///a.png", "ftp://example.com/a.png", "//example.com/a.png", "/a.png",
		"https://exa mple.com/a.png", "https://example.com/a.png\n", "https://" + strings.Repeat("x", 2048) + ".com",
	} {
		body := want(t, image(bad), http.StatusUnprocessableEntity)
		if !errorAbout(body, "image") {
			t.Errorf("image %q: %v, want an error under image", bad, body)
		}
	}
	for _, good := range []string{"https://example.com/a.png", "http://127.0.0.1:8080/me.jpg?size=2", "HTTPS://EXAMPLE.COM/A.PNG", ""} {
		if user := obj(want(t, image(good), http.StatusOK), "user"); user["image"] != good {
			t.Errorf("image %q saved as %v", good, user["image"])
		}
	}
}

// Behind a proxy the operator trusts (TRUST_PROXY=1) the budgets follow the
// last X-Forwarded-For hop; without it the header changes nothing, so a
// client cannot pick a fresh address per guess.
func TestTheClientAddressBehindAProxy(t *testing.T) {
	for _, trust := range []bool{false, true} {
		s := newServer(t)
		s.cfg.TrustProxy = trust
		h := s.Handler()
		guess := func(forwarded string) int {
			c := loginCall("ann@example.com", "a-wrong-guess", "127.0.0.1:3000")
			c.header = http.Header{"X-Forwarded-For": {forwarded}}
			return send(t, h, c).Code
		}
		for i := range 5 {
			guess("198.51.100." + strconv.Itoa(i) + ", 203.0.113.1")
		}
		// All five came through the proxy from 203.0.113.1.
		if got := guess("203.0.113.1"); got != http.StatusTooManyRequests {
			t.Errorf("trust %v: sixth guess from the same client = %d, want 429", trust, got)
		}
		wantOther := http.StatusTooManyRequests // without trust, all are the proxy's
		if trust {
			wantOther = http.StatusUnauthorized
		}
		if got := guess("203.0.113.2"); got != wantOther {
			t.Errorf("trust %v: a guess from another client = %d, want %d", trust, got, wantOther)
		}
	}
}
