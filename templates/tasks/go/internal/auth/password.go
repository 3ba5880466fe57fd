package auth

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// Password length rules. bcrypt only reads the first 72 bytes of a
// password, so a longer one would be silently cut: refuse it instead.
const (
	MinPasswordChars = 8
	MaxPasswordBytes = 72
)

// ValidatePassword checks the password rules and returns a message for the
// user, or nil.
func ValidatePassword(password string) error {
	switch {
	case utf8.RuneCountInString(password) < MinPasswordChars:
		return fmt.Errorf("must be at least %d characters", MinPasswordChars)
	case len(password) > MaxPasswordBytes:
		return fmt.Errorf("must be at most %d bytes", MaxPasswordBytes)
	}
	return nil
}

// Passwords hashes and verifies passwords with bcrypt.
type Passwords struct {
	// Cost is bcrypt's work factor; 0 means bcrypt.DefaultCost. Each step
	// doubles the time a hash takes, for us and for an attacker.
	Cost int
	// dummy is a hash to compare against when the user does not exist, so
	// that a login for an unknown email takes as long as a wrong password
	// and does not reveal which emails are registered.
	dummy []byte
}

// NewPasswords returns a hasher with the given bcrypt cost (0: the default).
func NewPasswords(cost int) (*Passwords, error) {
	if cost == 0 {
		cost = bcrypt.DefaultCost
	}
	if cost < bcrypt.MinCost || cost > bcrypt.MaxCost {
		return nil, fmt.Errorf("bcrypt cost %d: want %d to %d", cost, bcrypt.MinCost, bcrypt.MaxCost)
	}
	dummy, err := bcrypt.GenerateFromPassword([]byte("timing-equalizer"), cost)
	if err != nil {
		return nil, fmt.Errorf("prepare password hasher: %w", err)
	}
	return &Passwords{Cost: cost, dummy: dummy}, nil
}

// Hash returns the bcrypt hash of password, salt included.
func (p *Passwords) Hash(password string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(password), p.Cost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// Verify reports whether password matches hash. An empty hash (no such
// user) still costs one bcrypt comparison and never matches.
func (p *Passwords) Verify(hash, password string) (bool, error) {
	if hash == "" {
		_ = bcrypt.CompareHashAndPassword(p.dummy, []byte(password))
		return false, nil
	}
	err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(password))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, bcrypt.ErrMismatchedHashAndPassword):
		return false, nil
	default:
		return false, fmt.Errorf("verify password: %w", err)
	}
}
