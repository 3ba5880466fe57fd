package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

const userColumns = `id, username, email, password_hash, bio, image, role, token_version, created_at`

func scanUser(row interface{ Scan(...any) error }) (User, error) {
	var u User
	err := row.Scan(&u.ID, &u.Username, &u.Email, &u.PasswordHash, &u.Bio, &u.Image, &u.Role, &u.TokenVersion, timeCol{&u.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrNotFound
	}
	return u, err
}

// CreateUser inserts u (with its role, "author" when empty) and returns it
// with its id. A taken username or email is ErrConflict.
func (s *Store) CreateUser(ctx context.Context, u User) (User, error) {
	if u.Role == "" {
		u.Role = RoleAuthor
	}
	u.CreatedAt = time.Now().UTC()
	err := s.db.QueryRowContext(ctx, s.q(`INSERT INTO users (username, email, password_hash, bio, image, role, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		u.Username, u.Email, u.PasswordHash, u.Bio, u.Image, u.Role, dbTime(u.CreatedAt)).Scan(&u.ID)
	if uniqueViolation(err) {
		return User{}, ErrConflict
	}
	if err != nil {
		return User{}, fmt.Errorf("insert user: %w", err)
	}
	return u, nil
}

// UserByID returns the user with id, or ErrNotFound.
func (s *Store) UserByID(ctx context.Context, id int64) (User, error) {
	return scanUser(s.db.QueryRowContext(ctx, s.q(`SELECT `+userColumns+` FROM users WHERE id = ?`), id))
}

// UserByEmail returns the user with the (lower-cased) email, or ErrNotFound.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	return scanUser(s.db.QueryRowContext(ctx, s.q(`SELECT `+userColumns+` FROM users WHERE email = ?`), email))
}

// UserByUsername returns the user called username, or ErrNotFound.
func (s *Store) UserByUsername(ctx context.Context, username string) (User, error) {
	return scanUser(s.db.QueryRowContext(ctx, s.q(`SELECT `+userColumns+` FROM users WHERE username = ?`), username))
}

// Taken reports which of username and email another user than exceptID
// already has, as a list of "username" and "email".
func (s *Store) Taken(ctx context.Context, username, email string, exceptID int64) ([]string, error) {
	var taken []string
	for _, c := range []struct{ col, val string }{{"username", username}, {"email", email}} {
		var n int
		// c.col is one of two constants above, never input.
		err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM users WHERE `+c.col+` = ? AND id <> ?`), c.val, exceptID).Scan(&n)
		if err != nil {
			return nil, fmt.Errorf("check %s: %w", c.col, err)
		}
		if n > 0 {
			taken = append(taken, c.col)
		}
	}
	return taken, nil
}

// UpdateUser saves u's username, email, password hash, bio and image, and
// returns the user as saved. With newPassword it also ends every session
// of the user: it raises the token version, so that no token issued before
// verifies, and deletes their dashboard sessions.
func (s *Store) UpdateUser(ctx context.Context, u User, newPassword bool) (User, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		query := `UPDATE users SET username = ?, email = ?, password_hash = ?, bio = ?, image = ?`
		if newPassword {
			query += `, token_version = token_version + 1`
		}
		if _, err := tx.ExecContext(ctx, s.q(query+` WHERE id = ?`), u.Username, u.Email, u.PasswordHash, u.Bio, u.Image, u.ID); err != nil {
			return err
		}
		if newPassword {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM admin_sessions WHERE user_id = ?`), u.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if uniqueViolation(err) {
		return User{}, ErrConflict
	}
	if err != nil {
		return User{}, fmt.Errorf("update user: %w", err)
	}
	return s.UserByID(ctx, u.ID)
}

// DeleteUser removes the user with id and, through the foreign keys,
// everything they wrote, followed, favorited, and their sessions.
func (s *Store) DeleteUser(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM users WHERE id = ?`), id)
	if err != nil {
		return fmt.Errorf("delete user: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
