package auth

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestTokens(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	clock := func() time.Time { return now }
	tokens, err := NewTokens([]byte("secret"), time.Hour, clock)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := tokens.Issue(42)
	if err != nil {
		t.Fatal(err)
	}
	if id, err := tokens.Parse(tok); err != nil || id != 42 {
		t.Fatalf("Parse = %d, %v", id, err)
	}
	other, _ := NewTokens([]byte("other"), time.Hour, clock)
	if _, err := other.Parse(tok); err == nil {
		t.Error("a token signed with another key was accepted")
	}
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.RegisteredClaims{Subject: "42",
		ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour))}).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if _, err := tokens.Parse(none); err == nil {
		t.Error(`an "alg": "none" token was accepted`)
	}
	forever, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{Subject: "42",
		IssuedAt: jwt.NewNumericDate(now)}).SignedString([]byte("secret"))
	if _, err := tokens.Parse(forever); err == nil {
		t.Error("a correctly signed token without exp was accepted")
	}
	now = now.Add(2 * time.Hour)
	if _, err := tokens.Parse(tok); err == nil {
		t.Error("an expired token was accepted")
	}
}

func TestPasswords(t *testing.T) {
	hash, err := HashPassword("correct-horse", 4)
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(hash, "correct-horse") || CheckPassword(hash, "wrong-horse") {
		t.Fatal("CheckPassword disagrees with HashPassword")
	}
}
