package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ArticleFilter selects articles for a list. Zero fields do not filter.
type ArticleFilter struct {
	Tag         string // has this tag
	Author      string // written by this username
	FavoritedBy string // favorited by this username
	FeedOf      int64  // written by someone this user follows
	Viewer      int64  // who is looking (0: nobody), for favorited and following
	Limit       int
	Offset      int
	Hidden      bool // include unpublished articles (the dashboard)
}

// articleSelect reads an article with its author and the viewer's view of
// both; the two "?" take the viewer's id twice.
const articleSelect = `SELECT a.id, a.slug, a.title, a.description, a.body, a.published, a.author_id,
	a.created_at, a.updated_at, u.username, u.bio, u.image,
	(SELECT COUNT(*) FROM favorites f WHERE f.article_id = a.id),
	CASE WHEN EXISTS (SELECT 1 FROM favorites f WHERE f.article_id = a.id AND f.user_id = ?) THEN 1 ELSE 0 END,
	CASE WHEN EXISTS (SELECT 1 FROM follows fo WHERE fo.followee_id = a.author_id AND fo.follower_id = ?) THEN 1 ELSE 0 END
	FROM articles a JOIN users u ON u.id = a.author_id`

func scanArticle(row interface{ Scan(...any) error }) (Article, error) {
	var a Article
	var fav, following int
	err := row.Scan(&a.ID, &a.Slug, &a.Title, &a.Description, &a.Body, &a.Published, &a.AuthorID,
		timeCol{&a.CreatedAt}, timeCol{&a.UpdatedAt}, &a.Author.Username, &a.Author.Bio, &a.Author.Image,
		&a.FavoritesCount, &fav, &following)
	if errors.Is(err, sql.ErrNoRows) {
		return Article{}, ErrNotFound
	}
	a.Favorited, a.Author.Following = fav == 1, following == 1
	a.Tags = []string{}
	return a, err
}

// ArticleBySlug returns the article as viewer sees it. Unpublished articles
// are ErrNotFound unless hidden is true.
func (s *Store) ArticleBySlug(ctx context.Context, slug string, viewer int64, hidden bool) (Article, error) {
	query := articleSelect + ` WHERE a.slug = ?`
	if !hidden {
		query += ` AND a.published = ?`
	}
	args := []any{viewer, viewer, slug}
	if !hidden {
		args = append(args, true)
	}
	a, err := scanArticle(s.db.QueryRowContext(ctx, s.q(query), args...))
	if err != nil {
		return Article{}, err
	}
	list := []Article{a}
	if err := s.loadTags(ctx, list); err != nil {
		return Article{}, err
	}
	return list[0], nil
}

// Articles returns the page of articles f selects, newest first, and how
// many there are in all.
func (s *Store) Articles(ctx context.Context, f ArticleFilter) ([]Article, int, error) {
	var where []string
	var args []any
	if !f.Hidden {
		where, args = append(where, `a.published = ?`), append(args, true)
	}
	if f.Tag != "" {
		where = append(where, `EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag = ?)`)
		args = append(args, f.Tag)
	}
	if f.Author != "" {
		where, args = append(where, `u.username = ?`), append(args, f.Author)
	}
	if f.FavoritedBy != "" {
		where = append(where, `EXISTS (SELECT 1 FROM favorites f2 JOIN users fu ON fu.id = f2.user_id WHERE f2.article_id = a.id AND fu.username = ?)`)
		args = append(args, f.FavoritedBy)
	}
	if f.FeedOf != 0 {
		// From the caller's follows to their authors' articles: SQLite reads
		// only those (articles_author_idx), where an EXISTS per article would
		// walk every article newest first until the page is full.
		where = append(where, `a.author_id IN (SELECT followee_id FROM follows WHERE follower_id = ?)`)
		args = append(args, f.FeedOf)
	}
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, ` AND `)
	}
	var total int
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM articles a JOIN users u ON u.id = a.author_id`+cond), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count articles: %w", err)
	}
	all := append([]any{f.Viewer, f.Viewer}, args...)
	all = append(all, f.Limit, f.Offset)
	rows, err := s.db.QueryContext(ctx, s.q(articleSelect+cond+` ORDER BY a.created_at DESC, a.id DESC LIMIT ? OFFSET ?`), all...)
	if err != nil {
		return nil, 0, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	list := []Article{}
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list articles: %w", err)
		}
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	return list, total, s.loadTags(ctx, list)
}

// loadTags fills the tag lists of articles in one query.
func (s *Store) loadTags(ctx context.Context, articles []Article) error {
	if len(articles) == 0 {
		return nil
	}
	index := map[int64]int{}
	args := make([]any, len(articles))
	for i, a := range articles {
		index[a.ID], args[i] = i, a.ID
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT article_id, tag FROM article_tags WHERE article_id IN (`+marks+`) ORDER BY article_id, tag`), args...)
	if err != nil {
		return fmt.Errorf("load tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return err
		}
		articles[index[id]].Tags = append(articles[index[id]].Tags, tag)
	}
	return rows.Err()
}

// CreateArticle inserts a (slug, title, description, body, tags, author)
// and returns its id. A taken slug is ErrConflict.
func (s *Store) CreateArticle(ctx context.Context, a Article) (int64, error) {
	now := dbTime(time.Now())
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO articles (slug, author_id, title, description, body, published, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), a.Slug, a.AuthorID, a.Title, a.Description, a.Body, true, now, now).Scan(&id)
		if err != nil {
			return err
		}
		for i, tag := range a.Tags {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO article_tags (article_id, tag, position) VALUES (?, ?, ?)`), id, tag, i); err != nil {
				return err
			}
		}
		return nil
	})
	if uniqueViolation(err) {
		return 0, ErrConflict
	}
	if err != nil {
		return 0, fmt.Errorf("insert article: %w", err)
	}
	return id, nil
}

// SlugTaken reports whether an article has slug.
func (s *Store) SlugTaken(ctx context.Context, slug string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM articles WHERE slug = ?`), slug).Scan(&n)
	return n > 0, err
}

// UpdateArticle saves a's slug, title, description, body and tags.
//
// A nil a.Tags keeps the article's tags; any other list replaces them.
func (s *Store) UpdateArticle(ctx context.Context, a Article) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE articles SET slug = ?, title = ?, description = ?, body = ?, updated_at = ? WHERE id = ?`),
			a.Slug, a.Title, a.Description, a.Body, dbTime(time.Now()), a.ID); err != nil {
			return err
		}
		if a.Tags == nil {
			return nil
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM article_tags WHERE article_id = ?`), a.ID); err != nil {
			return err
		}
		for i, tag := range a.Tags {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO article_tags (article_id, tag, position) VALUES (?, ?, ?)`), a.ID, tag, i); err != nil {
				return err
			}
		}
		return nil
	})
	if uniqueViolation(err) {
		return ErrConflict
	}
	return err
}

// DeleteArticle removes the article with id, with its tags, favorites and
// comments.
func (s *Store) DeleteArticle(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, s.q(`DELETE FROM articles WHERE id = ?`), id)
	return err
}
