package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CreateUser adds an account; ErrConflict when the username is taken.
func (s *Store) CreateUser(ctx context.Context, username, passwordHash string) (User, error) {
	u := User{Username: username, CreatedAt: s.now().UTC().Truncate(time.Microsecond)}
	err := s.db.QueryRowContext(ctx,
		s.q(`INSERT INTO users (username, password_hash, created_at) VALUES (?, ?, ?) RETURNING id`),
		username, passwordHash, formatTime(u.CreatedAt)).Scan(&u.ID)
	if isUniqueViolation(err) {
		return User{}, ErrConflict
	}
	if err != nil {
		return User{}, fmt.Errorf("create user: %w", err)
	}
	return u, nil
}

// UserByUsername returns the account and its password hash.
func (s *Store) UserByUsername(ctx context.Context, username string) (User, string, error) {
	var u User
	var hash string
	err := s.db.QueryRowContext(ctx,
		s.q(`SELECT id, username, password_hash, created_at FROM users WHERE username = ?`), username).
		Scan(&u.ID, &u.Username, &hash, timeCol{&u.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, "", ErrNotFound
	}
	if err != nil {
		return User{}, "", fmt.Errorf("find user: %w", err)
	}
	return u, hash, nil
}

// CreateSession stores the hash of a new session token, started at now and
// valid until expires (the server's clock decides both, see UserBySession).
func (s *Store) CreateSession(ctx context.Context, userID int64, tokenHash string, now, expires time.Time) error {
	_, err := s.db.ExecContext(ctx,
		s.q(`INSERT INTO sessions (token_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)`),
		tokenHash, userID, formatTime(expires), formatTime(now))
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// UserBySession returns the owner of a session that has not expired at
// now; ErrNotFound for an unknown or expired token.
func (s *Store) UserBySession(ctx context.Context, tokenHash string, now time.Time) (User, error) {
	var u User
	err := s.db.QueryRowContext(ctx, s.q(`
		SELECT u.id, u.username, u.created_at
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = ? AND s.expires_at > ?`), tokenHash, formatTime(now)).
		Scan(&u.ID, &u.Username, timeCol{&u.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrNotFound
	}
	if err != nil {
		return User{}, fmt.Errorf("find session: %w", err)
	}
	return u, nil
}

// DeleteSession ends a session (logout). Deleting nothing is not an error.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE token_hash = ?`), tokenHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}
