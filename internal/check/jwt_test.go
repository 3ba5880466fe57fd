package check

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// testJWT signs claims with HS256 and key, as a server would.
func testJWT(t *testing.T, claims map[string]any, key string) string {
	t.Helper()
	body, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	msg := b64.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + b64.EncodeToString(body)
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(msg))
	return msg + "." + b64.EncodeToString(mac.Sum(nil))
}

// verifyJWT returns the claims of tok if its HS256 signature is key's.
func verifyJWT(t *testing.T, tok, key string) map[string]any {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("%q is not a JWT", tok)
	}
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(parts[0] + "." + parts[1]))
	if got := b64.EncodeToString(mac.Sum(nil)); got != parts[2] {
		t.Fatalf("the forged token is not signed with the server's key")
	}
	payload, err := b64.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatal(err)
	}
	return claims
}

func TestForgeNoExpKeepsEveryOtherClaim(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	real := testJWT(t, map[string]any{"sub": "7", "ver": 2, "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}, "k")
	forged, err := forgeJWT(real, "no-exp", "k", "JWT_SECRET", now)
	if err != nil {
		t.Fatal(err)
	}
	claims := verifyJWT(t, forged, "k")
	if _, ok := claims["exp"]; ok {
		t.Errorf("claims = %v, want no exp", claims)
	}
	if claims["sub"] != "7" || claims["ver"] != 2.0 || claims["iat"] != float64(now.Unix()) {
		t.Errorf("claims = %v, want sub, ver and iat kept", claims)
	}
	if _, err := forgeJWT(real, "no-exp", "", "JWT_SECRET", now); err == nil || !strings.Contains(err.Error(), "JWT_SECRET") {
		t.Errorf("without the key: %v, want an error naming JWT_SECRET", err)
	}
}

func TestDecodeAcceptsTheNoExpForge(t *testing.T) {
	src := `format: 1
milestone: m
steps:
  - name: log in
    http:
      request: { method: POST, path: /login }
      capture: { forever: { json: .token, jwt: { forge: no-exp } } }
  - name: use it
    http:
      request: { path: /me, bearer: "${forever}" }
      expect: { status: 401 }
`
	if _, err := Decode("m.yaml", []byte(src)); err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if _, err := Decode("m.yaml", []byte(strings.Replace(src, "no-exp", "no-sig", 1))); err == nil || !strings.Contains(err.Error(), "no-exp") {
		t.Fatalf("an unknown forge: %v, want the list of forges", err)
	}
}
