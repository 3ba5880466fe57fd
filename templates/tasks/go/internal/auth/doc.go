// Package auth holds the credentials of the tasks API: password hashing and
// rules, signed access tokens (JWT) and opaque refresh tokens.
package auth
