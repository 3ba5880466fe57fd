package auth

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// ErrInvalidToken covers every access token the server refuses: malformed,
// badly signed, of another algorithm, expired.
var ErrInvalidToken = errors.New("invalid or expired access token")

// AccessTokens issues and verifies short-lived access tokens: JWTs signed
// with HS256, carrying the user id in "sub".
type AccessTokens struct {
	secret []byte
	ttl    time.Duration
	now    func() time.Time
	parser *jwt.Parser
}

// NewAccessTokens returns an issuer signing with secret; tokens live for
// ttl. now is the clock (time.Now outside tests).
func NewAccessTokens(secret []byte, ttl time.Duration, now func() time.Time) (*AccessTokens, error) {
	if len(secret) == 0 {
		return nil, errors.New("access tokens need a secret: set JWT_SECRET")
	}
	return &AccessTokens{
		secret: secret,
		ttl:    ttl,
		now:    now,
		// Pinning the method is what refuses "alg: none" and the classic
		// trick of an RS256 public key reused as an HS256 secret.
		parser: jwt.NewParser(
			jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
			jwt.WithExpirationRequired(),
			jwt.WithIssuedAt(),
			jwt.WithTimeFunc(now),
		),
	}, nil
}

// Issue returns a signed token for userID and when it expires.
func (a *AccessTokens) Issue(userID int64) (string, time.Time, error) {
	now := a.now()
	exp := now.Add(a.ttl)
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{
		Subject:   strconv.FormatInt(userID, 10),
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(exp),
	})
	signed, err := token.SignedString(a.secret)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("sign access token: %w", err)
	}
	return signed, exp, nil
}

// Verify checks token and returns the user id it was issued for. Every
// failure is ErrInvalidToken, wrapping the reason for the logs.
func (a *AccessTokens) Verify(token string) (int64, error) {
	var claims jwt.RegisteredClaims
	_, err := a.parser.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) {
		return a.secret, nil
	})
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	id, err := strconv.ParseInt(claims.Subject, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%w: subject %q is not a user id", ErrInvalidToken, claims.Subject)
	}
	return id, nil
}
