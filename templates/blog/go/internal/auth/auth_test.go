package auth

import (
	"testing"
	"time"
)

func TestTokensRoundTripAndExpire(t *testing.T) {
	now := time.Now()
	tok, _ := NewTokens([]byte("k"), time.Minute, func() time.Time { return now })
	s, err := tok.Issue(42)
	if err != nil {
		t.Fatal(err)
	}
	if id, err := tok.Verify(s); err != nil || id != 42 {
		t.Fatalf("Verify = %d, %v", id, err)
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
