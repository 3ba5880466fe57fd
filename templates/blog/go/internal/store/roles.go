package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
)

// SetRole gives the user called username role, and returns the user.
func (s *Store) SetRole(ctx context.Context, username string, role Role) (User, error) {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE users SET role = ? WHERE username = ?`), role, username)
	if err != nil {
		return User{}, fmt.Errorf("set role: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return User{}, ErrNotFound
	}
	return s.UserByUsername(ctx, username)
}

// AdminResult is what EnsureAdmin did.
type AdminResult string

// What EnsureAdmin may do.
const (
	AdminCreated AdminResult = "created" // there was no account with the email
	AdminExists  AdminResult = "exists"  // the account is an admin already
	// AdminRefused: an account with the email exists and is no admin. It
	// is left alone, because whoever registered it chose its password:
	// promoting it would hand the dashboard to a stranger who signed up
	// with the operator's address first.
	AdminRefused AdminResult = "refused"
)

// EnsureAdmin makes sure the first admin exists: it creates the account
// with email (named username, or username-xxxxxx when that name is taken)
// and passwordHash when there is none. An existing account is never
// changed. It returns what it did and the account.
func (s *Store) EnsureAdmin(ctx context.Context, email, username, passwordHash string) (AdminResult, User, error) {
	u, err := s.UserByEmail(ctx, email)
	switch {
	case err == nil && u.Role == RoleAdmin:
		return AdminExists, u, nil
	case err == nil:
		return AdminRefused, u, nil
	case !errors.Is(err, ErrNotFound):
		return "", User{}, err
	}
	name := username
	for range 3 {
		u, err = s.CreateUser(ctx, User{Username: name, Email: email, PasswordHash: passwordHash, Role: RoleAdmin})
		if !errors.Is(err, ErrConflict) {
			break
		}
		// Someone has the name (or, in a race, the email): try a fresh
		// suffix; a second start finds the account by its email.
		b := make([]byte, 3)
		rand.Read(b)
		name = username + "-" + hex.EncodeToString(b)
	}
	if err != nil {
		return "", User{}, fmt.Errorf("create the admin %s: %w", email, err)
	}
	return AdminCreated, u, nil
}
