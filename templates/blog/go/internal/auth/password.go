// Package auth hashes passwords and issues and verifies the API's JWTs.
package auth

import (
	"errors"
	"fmt"

	"golang.org/x/crypto/bcrypt"
)

// ErrWrongPassword means that a password does not match its hash.
var ErrWrongPassword = errors.New("wrong password")

// Passwords hashes and checks passwords with bcrypt.
type Passwords struct{ cost int }

// NewPasswords returns a hasher with the bcrypt cost (4 to 31).
func NewPasswords(cost int) (*Passwords, error) {
	if cost < bcrypt.MinCost || cost > bcrypt.MaxCost {
		return nil, fmt.Errorf("bcrypt cost %d: want %d to %d", cost, bcrypt.MinCost, bcrypt.MaxCost)
	}
	return &Passwords{cost: cost}, nil
}

// Hash returns the bcrypt hash of password (at most 72 bytes).
func (p *Passwords) Hash(password string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(password), p.cost)
	return string(h), err
}

// Check returns ErrWrongPassword unless password matches hash.
func (p *Passwords) Check(hash, password string) error {
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) != nil {
		return ErrWrongPassword
	}
	return nil
}

// dummyHash is compared against when a login names no known user, so that
// both failures take as long and do not reveal which emails exist.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("no such user"), bcrypt.MinCost)

// CheckMissing spends about as long as Check, then fails.
func (p *Passwords) CheckMissing(password string) error {
	_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
	return ErrWrongPassword
}
