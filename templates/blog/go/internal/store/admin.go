package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CreateSession records a dashboard session: the SHA-256 of its cookie
// value, its user, its CSRF token and when it ends.
func (s *Store) CreateSession(ctx context.Context, tokenHash string, user int64, csrf string, expires time.Time) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO admin_sessions (token_hash, user_id, csrf_token, expires_at, created_at) VALUES (?, ?, ?, ?, ?)`),
		tokenHash, user, csrf, dbTime(expires), dbTime(time.Now()))
	return err
}

// Session returns the user and CSRF token of the unexpired session whose
// cookie hashes to tokenHash, or ErrNotFound.
func (s *Store) Session(ctx context.Context, tokenHash string, now time.Time) (User, string, error) {
	var csrf string
	var id int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT user_id, csrf_token FROM admin_sessions WHERE token_hash = ? AND expires_at > ?`),
		tokenHash, dbTime(now)).Scan(&id, &csrf)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, "", ErrNotFound
	}
	if err != nil {
		return User{}, "", err
	}
	u, err := s.UserByID(ctx, id)
	return u, csrf, err
}

// DeleteSession ends a session (and, while at it, every expired one).
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.db.ExecContext(ctx, s.q(`DELETE FROM admin_sessions WHERE token_hash = ? OR expires_at < ?`), tokenHash, dbTime(time.Now()))
	return err
}

// Stats counts what the dashboard's overview shows.
type Stats struct {
	Users, Articles, Hidden, Comments int
	Roles                             map[Role]int
}

// Stats returns the overview's counts.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	st := Stats{Roles: map[Role]int{}}
	err := s.db.QueryRowContext(ctx, s.q(`SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM articles),
		(SELECT COUNT(*) FROM articles WHERE published = ?), (SELECT COUNT(*) FROM comments)`), false).
		Scan(&st.Users, &st.Articles, &st.Hidden, &st.Comments)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT role, COUNT(*) FROM users GROUP BY role`)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r Role
		var n int
		if err := rows.Scan(&r, &n); err != nil {
			return st, err
		}
		st.Roles[r] = n
	}
	return st, rows.Err()
}

// Users returns every user, oldest first (at most limit).
func (s *Store) Users(ctx context.Context, limit int) ([]User, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+userColumns+` FROM users ORDER BY id LIMIT ?`), limit)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var users []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

// SetPublished shows (true) or hides (false) the article with slug.
func (s *Store) SetPublished(ctx context.Context, slug string, published bool) error {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE articles SET published = ? WHERE slug = ?`), published, slug)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// CommentWithArticle is a comment with the slug and title of its article.
type CommentWithArticle struct {
	Comment
	ArticleSlug, ArticleTitle string
}

// RecentComments returns the newest comments on any article.
func (s *Store) RecentComments(ctx context.Context, limit int) ([]CommentWithArticle, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT c.id, c.body, c.created_at, u.username, a.slug, a.title
		FROM comments c JOIN users u ON u.id = c.author_id JOIN articles a ON a.id = c.article_id
		ORDER BY c.id DESC LIMIT ?`), limit)
	if err != nil {
		return nil, fmt.Errorf("list comments: %w", err)
	}
	defer rows.Close()
	var list []CommentWithArticle
	for rows.Next() {
		var c CommentWithArticle
		if err := rows.Scan(&c.ID, &c.Body, timeCol{&c.CreatedAt}, &c.Author.Username, &c.ArticleSlug, &c.ArticleTitle); err != nil {
			return nil, err
		}
		list = append(list, c)
	}
	return list, rows.Err()
}
