package auth

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/crypto/bcrypt"
)

func TestPasswordsHashAndVerify(t *testing.T) {
	p, err := NewPasswords(bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := p.Hash("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$2") || strings.Contains(hash, "correct horse") {
		t.Fatalf("hash %q is not a bcrypt hash", hash)
	}
	for _, tt := range []struct {
		hash, password string
		want           bool
	}{
		{hash, "correct horse", true},
		{hash, "correct horsE", false},
		{"", "correct horse", false}, // unknown user
	} {
		if got, err := p.Verify(tt.hash, tt.password); err != nil || got != tt.want {
			t.Errorf("Verify(%q) = %v, %v; want %v", tt.password, got, err, tt.want)
		}
	}
}

func TestAccessTokens(t *testing.T) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	tokens, err := NewAccessTokens([]byte("secret"), 15*time.Minute, clock)
	if err != nil {
		t.Fatal(err)
	}
	good, _, err := tokens.Issue(42)
	if err != nil {
		t.Fatal(err)
	}
	if id, err := tokens.Verify(good); err != nil || id != 42 {
		t.Fatalf("Verify(good) = %d, %v", id, err)
	}

	sign := func(method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
		s, err := jwt.NewWithClaims(method, claims).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	valid := jwt.MapClaims{"sub": "42", "iat": now.Unix(), "exp": now.Add(time.Minute).Unix()}
	expired := jwt.MapClaims{"sub": "42", "iat": now.Add(-2 * time.Hour).Unix(), "exp": now.Add(-time.Hour).Unix()}
	noExp := jwt.MapClaims{"sub": "42", "iat": now.Unix()}
	badSub := jwt.MapClaims{"sub": "alice", "iat": now.Unix(), "exp": now.Add(time.Minute).Unix()}
	tests := map[string]string{
		"expired":        sign(jwt.SigningMethodHS256, []byte("secret"), expired),
		"wrong secret":   sign(jwt.SigningMethodHS256, []byte("other"), valid),
		"alg none":       sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, valid),
		"other HMAC alg": sign(jwt.SigningMethodHS512, []byte("secret"), valid),
		"no expiry":      sign(jwt.SigningMethodHS256, []byte("secret"), noExp),
		"subject not id": sign(jwt.SigningMethodHS256, []byte("secret"), badSub),
		"garbage":        "a.b.c",
		"tampered":       good[:len(good)-2] + "xx",
	}
	for name, token := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := tokens.Verify(token); !errors.Is(err, ErrInvalidToken) {
				t.Errorf("Verify = %v, want ErrInvalidToken", err)
			}
		})
	}
}

func TestRefreshTokensAreRandomAndHashed(t *testing.T) {
	a, hashA := NewRefreshToken()
	b, _ := NewRefreshToken()
	if a == b || len(a) < 40 {
		t.Fatalf("refresh tokens %q and %q are not random enough", a, b)
	}
	if hashA == a || hashA != HashRefreshToken(a) || len(hashA) != 64 {
		t.Errorf("hash %q is not the hex SHA-256 of the token", hashA)
	}
}
