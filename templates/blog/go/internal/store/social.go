package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Follow makes follower follow followee; following twice is not an error.
func (s *Store) Follow(ctx context.Context, follower, followee int64) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO follows (follower_id, followee_id) VALUES (?, ?) ON CONFLICT DO NOTHING`), follower, followee)
	return err
}

// Unfollow undoes Follow; unfollowing a stranger is not an error.
func (s *Store) Unfollow(ctx context.Context, follower, followee int64) error {
	_, err := s.db.ExecContext(ctx, s.q(`DELETE FROM follows WHERE follower_id = ? AND followee_id = ?`), follower, followee)
	return err
}

// Follows reports whether follower follows followee.
func (s *Store) Follows(ctx context.Context, follower, followee int64) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM follows WHERE follower_id = ? AND followee_id = ?`), follower, followee).Scan(&n)
	return n > 0, err
}

// Favorite marks the article as a favorite of the user, once.
func (s *Store) Favorite(ctx context.Context, user, article int64) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO favorites (user_id, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING`), user, article)
	return err
}

// Unfavorite undoes Favorite.
func (s *Store) Unfavorite(ctx context.Context, user, article int64) error {
	_, err := s.db.ExecContext(ctx, s.q(`DELETE FROM favorites WHERE user_id = ? AND article_id = ?`), user, article)
	return err
}

const commentSelect = `SELECT c.id, c.article_id, c.author_id, c.body, c.created_at, c.updated_at, u.username, u.bio, u.image,
	CASE WHEN EXISTS (SELECT 1 FROM follows fo WHERE fo.followee_id = c.author_id AND fo.follower_id = ?) THEN 1 ELSE 0 END
	FROM comments c JOIN users u ON u.id = c.author_id`

func scanComment(row interface{ Scan(...any) error }) (Comment, error) {
	var c Comment
	var following int
	err := row.Scan(&c.ID, &c.ArticleID, &c.AuthorID, &c.Body, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt},
		&c.Author.Username, &c.Author.Bio, &c.Author.Image, &following)
	if errors.Is(err, sql.ErrNoRows) {
		return Comment{}, ErrNotFound
	}
	c.Author.Following = following == 1
	return c, err
}

// Comments returns an article's comments, oldest first, as viewer sees them.
func (s *Store) Comments(ctx context.Context, article, viewer int64) ([]Comment, error) {
	rows, err := s.db.QueryContext(ctx, s.q(commentSelect+` WHERE c.article_id = ? ORDER BY c.id`), viewer, article)
	if err != nil {
		return nil, fmt.Errorf("list comments: %w", err)
	}
	defer rows.Close()
	list := []Comment{}
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, c)
	}
	return list, rows.Err()
}

// Comment returns the comment with id, or ErrNotFound.
func (s *Store) Comment(ctx context.Context, id, viewer int64) (Comment, error) {
	return scanComment(s.db.QueryRowContext(ctx, s.q(commentSelect+` WHERE c.id = ?`), viewer, id))
}

// CreateComment adds c and returns its id.
func (s *Store) CreateComment(ctx context.Context, c Comment) (int64, error) {
	now := dbTime(time.Now())
	var id int64
	err := s.db.QueryRowContext(ctx, s.q(`INSERT INTO comments (article_id, author_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id`),
		c.ArticleID, c.AuthorID, c.Body, now, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert comment: %w", err)
	}
	return id, nil
}

// DeleteComment removes the comment with id.
func (s *Store) DeleteComment(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, s.q(`DELETE FROM comments WHERE id = ?`), id)
	return err
}

// Tags returns every tag of a published article, in alphabetical order.
func (s *Store) Tags(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT t.tag FROM article_tags t JOIN articles a ON a.id = t.article_id
		WHERE a.published = ? GROUP BY t.tag ORDER BY t.tag`), true)
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	defer rows.Close()
	tags := []string{}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		tags = append(tags, t)
	}
	return tags, rows.Err()
}
