package auth

import (
	"errors"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Tokens issues and verifies HS256 JWTs whose subject is a user id.
type Tokens struct {
	secret []byte
	ttl    time.Duration
	now    func() time.Time
}

// NewTokens returns tokens signed with secret, valid for ttl.
func NewTokens(secret []byte, ttl time.Duration, now func() time.Time) (*Tokens, error) {
	if len(secret) == 0 {
		return nil, errors.New("empty JWT secret")
	}
	if ttl <= 0 {
		return nil, errors.New("the token lifetime must be positive")
	}
	return &Tokens{secret: secret, ttl: ttl, now: now}, nil
}

// claims are a token's: who (sub), when (iat, exp), and the version of the
// user's credentials it was issued for (ver). No role: roles are read from
// the database on every request.
type claims struct {
	jwt.RegisteredClaims
	Version *int64 `json:"ver"`
}

// Identity is what a verified token says.
type Identity struct {
	UserID int64
	// Version is the user's token version when the token was issued; the
	// token is void once the user's version has moved on.
	Version int64
}

// Issue returns a signed token for the user with id whose token version is
// version. It always carries exp.
func (t *Tokens) Issue(id, version int64) (string, error) {
	now := t.now()
	c := claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   strconv.FormatInt(id, 10),
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(t.ttl)),
		},
		Version: &version,
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(t.secret)
}

// Verify checks token's signature (HS256 only) and expiry, which it must
// have, and returns who it names.
func (t *Tokens) Verify(token string) (Identity, error) {
	var c claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return t.secret, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired(), jwt.WithTimeFunc(t.now))
	if err != nil {
		return Identity{}, err
	}
	if c.Version == nil {
		return Identity{}, errors.New("token has no ver claim")
	}
	id, err := strconv.ParseInt(c.Subject, 10, 64)
	if err != nil {
		return Identity{}, err
	}
	return Identity{UserID: id, Version: *c.Version}, nil
}
