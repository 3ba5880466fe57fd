package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// NewRefreshToken returns a new opaque refresh token for the client and the
// hash the server stores in its place. 32 random bytes cannot be guessed, so
// a fast hash is enough here (unlike passwords, which people choose).
func NewRefreshToken() (token, hash string) {
	token = base64.RawURLEncoding.EncodeToString(randomBytes(32))
	return token, HashRefreshToken(token)
}

// HashRefreshToken returns the stored form of a refresh token: hex SHA-256.
func HashRefreshToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewTokenFamily returns a random id for the family of refresh tokens that
// one login starts.
func NewTokenFamily() string {
	return hex.EncodeToString(randomBytes(16))
}

// randomBytes returns n bytes from the operating system's secure source.
// crypto/rand.Read never fails on supported platforms (Go 1.24+ crashes the
// program instead of returning an error), so there is no error to handle.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}
