package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Roles a user can have.
const (
	RoleCustomer = "customer"
	RoleAdmin    = "admin"
)

// User is an account. The password hash never leaves this package's
// callers in a response: it has no JSON name.
type User struct {
	ID           int64     `json:"id"`
	Email        string    `json:"email"`
	Role         string    `json:"role"`
	CreatedAt    time.Time `json:"created_at"`
	PasswordHash string    `json:"-"`
}

// CreateUser adds a user; a taken email is ErrConflict.
func (s *Store) CreateUser(ctx context.Context, email, passwordHash, role string) (User, error) {
	now := time.Now().UTC()
	id, err := s.insertID(ctx, s.db, `INSERT INTO users (email, password_hash, role, created_at) VALUES (?, ?, ?, ?)`,
		email, passwordHash, role, now)
	if isUniqueViolation(err) {
		return User{}, ErrConflict
	}
	if err != nil {
		return User{}, fmt.Errorf("create user: %w", err)
	}
	return User{ID: id, Email: email, Role: role, CreatedAt: now, PasswordHash: passwordHash}, nil
}

// UserByEmail finds a user by (lower-case) email, or ErrNotFound.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	return s.user(ctx, `email = ?`, email)
}

// UserByID finds a user by id, or ErrNotFound.
func (s *Store) UserByID(ctx context.Context, id int64) (User, error) {
	return s.user(ctx, `id = ?`, id)
}

func (s *Store) user(ctx context.Context, where string, arg any) (User, error) {
	var u User
	err := s.db.QueryRowContext(ctx, s.q(`SELECT id, email, role, created_at, password_hash FROM users WHERE `+where), arg).
		Scan(&u.ID, &u.Email, &u.Role, &u.CreatedAt, &u.PasswordHash)
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNotFound
	}
	return u, err
}

// ErrNotAdmin means ADMIN_EMAIL belongs to an existing customer account.
var ErrNotAdmin = errors.New("the email belongs to a customer account")

// EnsureAdmin creates the admin account named by the configuration unless
// it exists already, and reports whether it created it. An existing
// customer with that email is ErrNotAdmin, never promoted: whoever
// registered it first would otherwise become admin with their own password.
func (s *Store) EnsureAdmin(ctx context.Context, email, passwordHash string) (bool, error) {
	_, err := s.CreateUser(ctx, email, passwordHash, RoleAdmin)
	if !errors.Is(err, ErrConflict) {
		return err == nil, err
	}
	u, err := s.UserByEmail(ctx, email)
	if err != nil {
		return false, err
	}
	if u.Role != RoleAdmin {
		return false, ErrNotAdmin
	}
	return false, nil
}

// SetRole gives the user id role, or answers ErrNotFound.
func (s *Store) SetRole(ctx context.Context, id int64, role string) (User, error) {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE users SET role = ? WHERE id = ?`), role, id)
	if err != nil {
		return User{}, fmt.Errorf("set role: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return User{}, ErrNotFound
	}
	return s.UserByID(ctx, id)
}
