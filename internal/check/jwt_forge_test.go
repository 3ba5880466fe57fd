package check

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// signedHS256 is a token with claims signed with key, as a server issues.
func signedHS256(t *testing.T, claims map[string]any, key string) string {
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

// claimsAndSignature decodes a token's claims and reports whether key
// signed it.
func claimsAndSignature(t *testing.T, tok, key string) (map[string]any, bool) {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("%q is not a JWT", tok)
	}
	payload, err := b64.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatal(err)
	}
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(parts[0] + "." + parts[1]))
	return claims, b64.EncodeToString(mac.Sum(nil)) == parts[2]
}

func TestForgeNoExpiry(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	real := signedHS256(t, map[string]any{"sub": "7", "iat": now.Unix(), "exp": now.Add(15 * time.Minute).Unix()}, "k")

	forged, err := forgeJWT(real, "no-exp", "k", "JWT_SECRET", now)
	if err != nil {
		t.Fatal(err)
	}
	claims, signed := claimsAndSignature(t, forged, "k")
	if _, ok := claims["exp"]; ok || claims["sub"] != "7" || !signed {
		t.Errorf("forged claims %v (signed with the key: %v), want the same claims without exp, signed", claims, signed)
	}

	if _, err := forgeJWT(real, "no-exp", "", "JWT_SECRET", now); err == nil || !strings.Contains(err.Error(), "JWT_SECRET") {
		t.Errorf("without the key: err = %v, want one naming JWT_SECRET", err)
	}
}

func TestForgeNoExpiryDecodes(t *testing.T) {
	src := `format: 1
milestone: m
steps:
  - name: a token
    http:
      request: { path: /t }
      capture: { forever: { json: .access_token, jwt: { forge: no-exp } } }
`
	if _, err := Decode("s.yaml", []byte(src)); err != nil {
		t.Fatalf("no-exp refused: %v", err)
	}
}
