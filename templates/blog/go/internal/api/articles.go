package api

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/waymark-dev/waymark/templates/blog/go/internal/store"
)

type profileJSON struct {
	Username  string `json:"username"`
	Bio       string `json:"bio"`
	Image     string `json:"image"`
	Following bool   `json:"following"`
}

func toProfile(p store.Profile) profileJSON {
	return profileJSON{Username: p.Username, Bio: p.Bio, Image: p.Image, Following: p.Following}
}

// articleJSON is the RealWorld Article. Lists leave the body out, as the
// specification's list item does.
type articleJSON struct {
	Slug           string      `json:"slug"`
	Title          string      `json:"title"`
	Description    string      `json:"description"`
	Body           *string     `json:"body,omitempty"`
	TagList        []string    `json:"tagList"`
	CreatedAt      jsonTime    `json:"createdAt"`
	UpdatedAt      jsonTime    `json:"updatedAt"`
	Favorited      bool        `json:"favorited"`
	FavoritesCount int         `json:"favoritesCount"`
	Author         profileJSON `json:"author"`
}

func toArticle(a store.Article, withBody bool) articleJSON {
	out := articleJSON{
		Slug: a.Slug, Title: a.Title, Description: a.Description, TagList: a.Tags,
		CreatedAt: jsonTime(a.CreatedAt), UpdatedAt: jsonTime(a.UpdatedAt),
		Favorited: a.Favorited, FavoritesCount: a.FavoritesCount, Author: toProfile(a.Author),
	}
	if withBody {
		out.Body = &a.Body
	}
	return out
}

// writeArticle reads the article with slug as viewer sees it and answers it.
func (s *Server) writeArticle(w http.ResponseWriter, r *http.Request, status int, slug string, viewer store.User) {
	a, err := s.store.ArticleBySlug(r.Context(), slug, viewer.ID, false)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, status, map[string]articleJSON{"article": toArticle(a, true)})
}

// findArticle loads the article named by the path's {slug}, or answers 404.
func (s *Server) findArticle(w http.ResponseWriter, r *http.Request, viewer store.User) (store.Article, bool) {
	a, err := s.store.ArticleBySlug(r.Context(), r.PathValue("slug"), viewer.ID, false)
	if errors.Is(err, store.ErrNotFound) {
		writeErrors(w, http.StatusNotFound, fieldErrors{"article": {"not found"}})
		return a, false
	}
	if err != nil {
		s.internalError(w, r, err)
		return a, false
	}
	return a, true
}

// maxOffset bounds offset: no reader pages that far, and a bound keeps
// every value the database sees an ordinary number.
const maxOffset = 1_000_000

// paging reads limit (default 20, 1 to 100) and offset (default 0, 0 to
// maxOffset) from the query; anything else is a 422.
func paging(w http.ResponseWriter, r *http.Request) (limit, offset int, ok bool) {
	limit, offset = 20, 0
	errs := fieldErrors{}
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			errs["limit"] = []string{"must be a number from 1 to 100"}
		}
		limit = n
	}
	if v := r.URL.Query().Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxOffset {
			errs["offset"] = []string{"must be a number from 0 to " + strconv.Itoa(maxOffset)}
		}
		offset = n
	}
	if len(errs) > 0 {
		writeErrors(w, http.StatusUnprocessableEntity, errs)
		return 0, 0, false
	}
	return limit, offset, true
}

func (s *Server) writeArticles(w http.ResponseWriter, r *http.Request, f store.ArticleFilter) {
	list, total, err := s.store.Articles(r.Context(), f)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	out := make([]articleJSON, len(list))
	for i, a := range list {
		out[i] = toArticle(a, false)
	}
	writeJSON(w, http.StatusOK, map[string]any{"articles": out, "articlesCount": total})
}

// listArticles is GET /api/articles?tag=&author=&favorited=&limit=&offset=.
func (s *Server) listArticles(w http.ResponseWriter, r *http.Request, viewer store.User) {
	limit, offset, ok := paging(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	s.writeArticles(w, r, store.ArticleFilter{
		Tag: q.Get("tag"), Author: q.Get("author"), FavoritedBy: q.Get("favorited"),
		Viewer: viewer.ID, Limit: limit, Offset: offset,
	})
}

// getArticle is GET /api/articles/{slug}.
func (s *Server) getArticle(w http.ResponseWriter, r *http.Request, viewer store.User) {
	if a, ok := s.findArticle(w, r, viewer); ok {
		writeJSON(w, http.StatusOK, map[string]articleJSON{"article": toArticle(a, true)})
	}
}

// articleInput is the body of a create or an update; nil means not given.
type articleInput struct {
	Article struct {
		Title, Description, Body *string
		TagList                  []string `json:"tagList"`
	} `json:"article"`
}

// check adds a message per invalid field to errs; on create every text
// field is required.
func (in *articleInput) check(errs fieldErrors, create bool) {
	a := &in.Article
	for name, v := range map[string]*string{"title": a.Title, "description": a.Description, "body": a.Body} {
		switch {
		case v == nil && create, v != nil && strings.TrimSpace(*v) == "":
			errs[name] = []string{"can't be blank"}
		case v != nil && name != "body" && len(*v) > 500:
			errs[name] = []string{"is too long (at most 500 bytes)"}
		}
	}
	if len(a.TagList) > 20 {
		errs["tagList"] = []string{"has more than 20 tags"}
	}
	for _, t := range a.TagList {
		if t = strings.TrimSpace(t); t == "" || len(t) > 50 {
			errs["tagList"] = []string{"tags must be 1 to 50 bytes"}
		}
	}
}

// createArticle is POST /api/articles.
func (s *Server) createArticle(w http.ResponseWriter, r *http.Request, u store.User) {
	if !mayPublish(u) {
		fail(w, http.StatusForbidden, "your role ("+string(u.Role)+") may not publish articles")
		return
	}
	var in articleInput
	if !decode(w, r, &in) {
		return
	}
	errs := fieldErrors{}
	if in.check(errs, true); len(errs) > 0 {
		writeErrors(w, http.StatusUnprocessableEntity, errs)
		return
	}
	a := store.Article{
		Title: strings.TrimSpace(*in.Article.Title), Description: *in.Article.Description, Body: *in.Article.Body,
		Tags: uniqueTags(in.Article.TagList), AuthorID: u.ID,
	}
	var err error
	for range 3 { // a fresh suffix makes a second collision very unlikely
		if a.Slug, err = s.freeSlug(r, a.Title); err != nil {
			break
		}
		if _, err = s.store.CreateArticle(r.Context(), a); !errors.Is(err, store.ErrConflict) {
			break
		}
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.writeArticle(w, r, http.StatusCreated, a.Slug, u)
}

// updateArticle is PUT /api/articles/{slug}. A new title makes a new slug.
func (s *Server) updateArticle(w http.ResponseWriter, r *http.Request, u store.User) {
	a, ok := s.findArticle(w, r, u)
	if !ok {
		return
	}
	if !mayChangeArticle(u, a) {
		fail(w, http.StatusForbidden, "you may only edit your own articles")
		return
	}
	var in articleInput
	if !decode(w, r, &in) {
		return
	}
	errs := fieldErrors{}
	if in.check(errs, false); len(errs) > 0 {
		writeErrors(w, http.StatusUnprocessableEntity, errs)
		return
	}
	if t := in.Article.Title; t != nil && strings.TrimSpace(*t) != a.Title {
		a.Title = strings.TrimSpace(*t)
		slug, err := s.freeSlug(r, a.Title)
		if err != nil {
			s.internalError(w, r, err)
			return
		}
		a.Slug = slug
	}
	if in.Article.Description != nil {
		a.Description = *in.Article.Description
	}
	if in.Article.Body != nil {
		a.Body = *in.Article.Body
	}
	a.Tags = nil // kept, unless the update names a tagList
	if in.Article.TagList != nil {
		a.Tags = uniqueTags(in.Article.TagList)
	}
	if err := s.store.UpdateArticle(r.Context(), a); err != nil {
		s.internalError(w, r, err)
		return
	}
	s.writeArticle(w, r, http.StatusOK, a.Slug, u)
}

// deleteArticle is DELETE /api/articles/{slug}: 204, no body.
func (s *Server) deleteArticle(w http.ResponseWriter, r *http.Request, u store.User) {
	a, ok := s.findArticle(w, r, u)
	if !ok {
		return
	}
	if !mayChangeArticle(u, a) {
		fail(w, http.StatusForbidden, "you may only delete your own articles")
		return
	}
	if err := s.store.DeleteArticle(r.Context(), a.ID); err != nil {
		s.internalError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// slugify turns a title into lower-case words joined by "-".
func slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(title) {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
		if b.Len() >= 80 {
			break
		}
	}
	if b.Len() == 0 {
		return "article"
	}
	return b.String()
}

// freeSlug returns the title's slug, with a random suffix when an article
// already has it.
func (s *Server) freeSlug(r *http.Request, title string) (string, error) {
	slug := slugify(title)
	taken, err := s.store.SlugTaken(r.Context(), slug)
	if err != nil || !taken {
		return slug, err
	}
	b := make([]byte, 3)
	rand.Read(b)
	return slug + "-" + hex.EncodeToString(b), nil
}

// uniqueTags trims tags and drops repeats, keeping the first order.
func uniqueTags(tags []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, t := range tags {
		if t = strings.TrimSpace(t); !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
