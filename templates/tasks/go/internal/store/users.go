package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// CreateUser adds a user. email is stored lower-cased; an email that is
// already registered, in any case, is ErrConflict.
func (s *Store) CreateUser(ctx context.Context, email, passwordHash string, now time.Time) (User, error) {
	u := User{Email: strings.ToLower(email), PasswordHash: passwordHash, CreatedAt: now.UTC()}
	err := s.db.QueryRowContext(ctx,
		s.rebind(`INSERT INTO users (email, password_hash, created_at) VALUES (?, ?, ?) RETURNING id`),
		u.Email, u.PasswordHash, formatTime(u.CreatedAt),
	).Scan(&u.ID)
	if isUniqueViolation(err) {
		return User{}, fmt.Errorf("create user: %w", ErrConflict)
	}
	if err != nil {
		return User{}, fmt.Errorf("create user: %w", err)
	}
	return u, nil
}

// UserByEmail finds a user by email, in any case.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	return s.userWhere(ctx, "email = ?", strings.ToLower(email))
}

// UserByID finds a user by id.
func (s *Store) UserByID(ctx context.Context, id int64) (User, error) {
	return s.userWhere(ctx, "id = ?", id)
}

// userWhere reads the one user matching cond, a constant SQL condition with
// one placeholder for arg.
func (s *Store) userWhere(ctx context.Context, cond string, arg any) (User, error) {
	var u User
	err := s.db.QueryRowContext(ctx,
		s.rebind(`SELECT id, email, password_hash, created_at FROM users WHERE `+cond), arg,
	).Scan(&u.ID, &u.Email, &u.PasswordHash, scanTime{&u.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrNotFound
	}
	if err != nil {
		return User{}, fmt.Errorf("read user: %w", err)
	}
	return u, nil
}

// DeleteUser deletes a user; their tasks and refresh tokens go with them
// (ON DELETE CASCADE). An unknown id is ErrNotFound.
func (s *Store) DeleteUser(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, s.rebind(`DELETE FROM users WHERE id = ?`), id)
	if err != nil {
		return fmt.Errorf("delete user: %w", err)
	}
	return oneRow(res, "delete user")
}

// ChangePassword stores a user's new password hash and revokes every one
// of their refresh tokens, in one transaction: whoever knew the old
// password cannot stay signed in with a session it started.
func (s *Store) ChangePassword(ctx context.Context, id int64, passwordHash string, now time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.rebind(`UPDATE users SET password_hash = ? WHERE id = ?`), passwordHash, id)
		if err != nil {
			return fmt.Errorf("change password: %w", err)
		}
		if err := oneRow(res, "change password"); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.rebind(`UPDATE refresh_tokens SET revoked_at = ?
			WHERE user_id = ? AND revoked_at IS NULL`), formatTime(now), id)
		if err != nil {
			return fmt.Errorf("revoke refresh tokens: %w", err)
		}
		return nil
	})
}

// oneRow reports ErrNotFound when a write changed no row.
func oneRow(res sql.Result, what string) error {
	n, err := res.RowsAffected()
	switch {
	case err != nil:
		return fmt.Errorf("%s: %w", what, err)
	case n == 0:
		return ErrNotFound
	}
	return nil
}
