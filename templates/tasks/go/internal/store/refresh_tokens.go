package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Refresh token outcomes that are the client's fault.
var (
	// ErrRefreshTokenInvalid covers unknown, expired and revoked tokens.
	ErrRefreshTokenInvalid = errors.New("refresh token is invalid")
	// ErrRefreshTokenReused means a token that was already rotated came
	// back: somebody holds a copy. Its whole family is now revoked.
	ErrRefreshTokenReused = errors.New("refresh token was already used")
)

// RefreshToken is a stored refresh token. Only its SHA-256 hash is kept.
type RefreshToken struct {
	UserID    int64
	FamilyID  string // shared by every token rotated from the same login
	Hash      string
	ExpiresAt time.Time
}

// CreateRefreshToken stores a new token, the first of a family or the next
// one of a rotation.
func (s *Store) CreateRefreshToken(ctx context.Context, t RefreshToken, now time.Time) error {
	return insertRefreshToken(ctx, s.db, s.rebind, t, now)
}

// execer is what *sql.DB and *sql.Tx have in common for writes.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func insertRefreshToken(ctx context.Context, db execer, rebind func(string) string, t RefreshToken, now time.Time) error {
	_, err := db.ExecContext(ctx, rebind(`INSERT INTO refresh_tokens
		(user_id, family_id, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?)`),
		t.UserID, t.FamilyID, t.Hash, formatTime(t.ExpiresAt), formatTime(now))
	if err != nil {
		return fmt.Errorf("store refresh token: %w", err)
	}
	return nil
}

// RotateRefreshToken exchanges the token whose hash is presentedHash for
// next (whose Hash and ExpiresAt the caller sets; user and family are
// copied). It returns the user the token belongs to.
//
// A token that was already rotated is a sign of theft: the whole family is
// revoked, so neither the thief nor the victim can refresh any longer, and
// the error is ErrRefreshTokenReused.
func (s *Store) RotateRefreshToken(ctx context.Context, presentedHash string, next RefreshToken, now time.Time) (int64, error) {
	var (
		userID int64
		reused bool
	)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var (
			id                   int64
			family               string
			expires              time.Time
			rotatedAt, revokedAt sql.NullString // only whether they are NULL matters
		)
		err := tx.QueryRowContext(ctx, s.rebind(`SELECT id, user_id, family_id, expires_at, rotated_at, revoked_at
			FROM refresh_tokens WHERE token_hash = ?`), presentedHash,
		).Scan(&id, &userID, &family, scanTime{&expires}, &rotatedAt, &revokedAt)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrRefreshTokenInvalid
		}
		if err != nil {
			return fmt.Errorf("read refresh token: %w", err)
		}
		switch {
		case revokedAt.Valid:
			return ErrRefreshTokenInvalid
		case rotatedAt.Valid:
			reused = true
			return s.revokeFamily(ctx, tx, family, now)
		case !now.Before(expires):
			return ErrRefreshTokenInvalid
		}
		// The condition on rotated_at makes the rotation atomic: of two
		// concurrent refreshes with the same token only one updates the row.
		res, err := tx.ExecContext(ctx, s.rebind(`UPDATE refresh_tokens SET rotated_at = ?
			WHERE id = ? AND rotated_at IS NULL AND revoked_at IS NULL`), formatTime(now), id)
		if err != nil {
			return fmt.Errorf("rotate refresh token: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			reused = true
			return s.revokeFamily(ctx, tx, family, now)
		}
		next.UserID, next.FamilyID = userID, family
		return insertRefreshToken(ctx, tx, s.rebind, next, now)
	})
	switch {
	case err != nil:
		return 0, err
	case reused:
		return 0, ErrRefreshTokenReused
	}
	return userID, nil
}

// RevokeRefreshFamily revokes the token whose hash is presentedHash and
// every token of its family: logging out ends the whole session. An unknown
// or already revoked token is not an error; logging out twice is harmless.
func (s *Store) RevokeRefreshFamily(ctx context.Context, presentedHash string, now time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var family string
		err := tx.QueryRowContext(ctx, s.rebind(`SELECT family_id FROM refresh_tokens WHERE token_hash = ?`),
			presentedHash).Scan(&family)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read refresh token: %w", err)
		}
		return s.revokeFamily(ctx, tx, family, now)
	})
}

func (s *Store) revokeFamily(ctx context.Context, tx *sql.Tx, family string, now time.Time) error {
	_, err := tx.ExecContext(ctx, s.rebind(`UPDATE refresh_tokens SET revoked_at = ?
		WHERE family_id = ? AND revoked_at IS NULL`), formatTime(now), family)
	if err != nil {
		return fmt.Errorf("revoke refresh token family: %w", err)
	}
	return nil
}
