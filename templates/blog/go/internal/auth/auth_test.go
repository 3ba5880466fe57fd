package auth

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestTokensRoundTripAndExpire(t *testing.T) {
	now := time.Now()
	tok, _ := NewTokens([]byte("k"), time.Minute, func() time.Time { return now })
	s, err := tok.Issue(42, 3)
	if err != nil {
		t.Fatal(err)
	}
	if who, err := tok.Verify(s); err != nil || who != (Identity{UserID: 42, Version: 3}) {
		t.Fatalf("Verify = %+v, %v", who, err)
	}
	now = now.Add(2 * time.Minute)
	if _, err := tok.Verify(s); err == nil {
		t.Fatal("an expired token verified")
	}
	other, _ := NewTokens([]byte("other"), time.Minute, time.Now)
	if _, err := other.Verify(s); err == nil {
		t.Fatal("a token signed with another key verified")
	}
}

func TestTokensNeedExpiryAndVersion(t *testing.T) {
	tok, _ := NewTokens([]byte("k"), time.Minute, time.Now)
	sign := func(c jwt.MapClaims) string {
		s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString([]byte("k"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	exp := time.Now().Add(time.Minute).Unix()
	if _, err := tok.Verify(sign(jwt.MapClaims{"sub": "1", "ver": 0, "exp": exp})); err != nil {
		t.Fatalf("a complete token: %v", err)
	}
	for name, c := range map[string]jwt.MapClaims{
		"no exp": {"sub": "1", "ver": 0},
		"no ver": {"sub": "1", "exp": exp},
		"no sub": {"ver": 0, "exp": exp},
	} {
		if _, err := tok.Verify(sign(c)); err == nil {
			t.Errorf("a token with %s verified", name)
		}
	}
	if _, err := NewTokens([]byte("k"), 0, time.Now); err == nil {
		t.Error("a zero lifetime was accepted")
	}
}

func TestPasswords(t *testing.T) {
	p, err := NewPasswords(4)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := p.Hash("correct horse")
	if p.Check(h, "correct horse") != nil || p.Check(h, "wrong") == nil || p.CheckMissing("x") == nil {
		t.Fatal("password checks disagree")
	}
}
