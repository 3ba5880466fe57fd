// Package auth hashes passwords and issues and checks access tokens.
package auth

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/crypto/bcrypt"
)

// HashPassword returns the bcrypt hash of password at cost.
func HashPassword(password string, cost int) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	return string(h), err
}

// CheckPassword reports whether password matches hash.
func CheckPassword(hash, password string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// dummyHash is compared against when an email is unknown, so that a login
// takes as long for a missing account as for a wrong password.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("no such user"), bcrypt.MinCost)

// BurnTime spends about as long as CheckPassword does.
func BurnTime() { _ = bcrypt.CompareHashAndPassword(dummyHash, []byte("x")) }

// Tokens signs and verifies HS256 access tokens.
type Tokens struct {
	secret []byte
	ttl    time.Duration
	now    func() time.Time
	parser *jwt.Parser
}

// NewTokens returns a Tokens signing with secret for ttl. A token without
// an expiry is refused, whoever signed it: it would never stop working.
func NewTokens(secret []byte, ttl time.Duration, now func() time.Time) (*Tokens, error) {
	if len(secret) == 0 {
		return nil, errors.New("empty JWT secret")
	}
	return &Tokens{secret: secret, ttl: ttl, now: now, parser: jwt.NewParser(
		// Pinning the method refuses "alg": "none" and key-confusion tricks.
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(now),
	)}, nil
}

// Issue returns a token for user id. It names the user and nothing else:
// the role is read from the database on every request, so a token issued
// before a demotion carries no rights the user has lost.
func (t *Tokens) Issue(id int64) (string, error) {
	now := t.now()
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{
		Subject:   strconv.FormatInt(id, 10),
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(t.ttl)),
	}).SignedString(t.secret)
}

// Parse verifies token and returns the user id it names.
func (t *Tokens) Parse(token string) (int64, error) {
	var c jwt.RegisteredClaims
	if _, err := t.parser.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return t.secret, nil }); err != nil {
		return 0, fmt.Errorf("invalid token: %w", err)
	}
	return strconv.ParseInt(c.Subject, 10, 64)
}
