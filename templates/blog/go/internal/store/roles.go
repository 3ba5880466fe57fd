package store

import (
	"context"
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

// EnsureAdmin makes sure the account with email exists and is an admin:
// it creates it (username, passwordHash) when missing, or promotes it. An
// existing password is left alone. It reports whether it created the user.
func (s *Store) EnsureAdmin(ctx context.Context, email, username, passwordHash string) (bool, error) {
	u, err := s.UserByEmail(ctx, email)
	if err == ErrNotFound {
		_, err = s.CreateUser(ctx, User{Username: username, Email: email, PasswordHash: passwordHash, Role: RoleAdmin})
		if err != nil {
			return false, fmt.Errorf("create the admin %s as %q: %w (is ADMIN_USERNAME taken?)", email, username, err)
		}
		return true, nil
	}
	if err != nil {
		return false, err
	}
	_, err = s.SetRole(ctx, u.Username, RoleAdmin)
	return false, err
}
