package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/templates/blog/go/internal/store"
)

// findUser loads the user named by the path's {username}, or answers 404.
func (s *Server) findUser(w http.ResponseWriter, r *http.Request) (store.User, bool) {
	u, err := s.store.UserByUsername(r.Context(), r.PathValue("username"))
	if errors.Is(err, store.ErrNotFound) {
		writeErrors(w, http.StatusNotFound, fieldErrors{"profile": {"not found"}})
		return u, false
	}
	if err != nil {
		s.internalError(w, r, err)
		return u, false
	}
	return u, true
}

func (s *Server) writeProfile(w http.ResponseWriter, r *http.Request, u, viewer store.User) {
	following := false
	if viewer.ID != 0 {
		var err error
		if following, err = s.store.Follows(r.Context(), viewer.ID, u.ID); err != nil {
			s.internalError(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]profileJSON{"profile": {
		Username: u.Username, Bio: u.Bio, Image: u.Image, Following: following,
	}})
}

// getProfile is GET /api/profiles/{username}.
func (s *Server) getProfile(w http.ResponseWriter, r *http.Request, viewer store.User) {
	if u, ok := s.findUser(w, r); ok {
		s.writeProfile(w, r, u, viewer)
	}
}

// follow is POST /api/profiles/{username}/follow.
func (s *Server) follow(w http.ResponseWriter, r *http.Request, viewer store.User) {
	u, ok := s.findUser(w, r)
	if !ok {
		return
	}
	if u.ID == viewer.ID {
		writeErrors(w, http.StatusUnprocessableEntity, fieldErrors{"profile": {"you cannot follow yourself"}})
		return
	}
	if err := s.store.Follow(r.Context(), viewer.ID, u.ID); err != nil {
		s.internalError(w, r, err)
		return
	}
	s.writeProfile(w, r, u, viewer)
}

// unfollow is DELETE /api/profiles/{username}/follow.
func (s *Server) unfollow(w http.ResponseWriter, r *http.Request, viewer store.User) {
	u, ok := s.findUser(w, r)
	if !ok {
		return
	}
	if err := s.store.Unfollow(r.Context(), viewer.ID, u.ID); err != nil {
		s.internalError(w, r, err)
		return
	}
	s.writeProfile(w, r, u, viewer)
}

// feed is GET /api/articles/feed: articles by the authors the caller follows.
func (s *Server) feed(w http.ResponseWriter, r *http.Request, viewer store.User) {
	limit, offset, ok := paging(w, r)
	if ok {
		s.writeArticles(w, r, store.ArticleFilter{FeedOf: viewer.ID, Viewer: viewer.ID, Limit: limit, Offset: offset})
	}
}

// favorite is POST /api/articles/{slug}/favorite.
func (s *Server) favorite(w http.ResponseWriter, r *http.Request, viewer store.User) {
	if a, ok := s.findArticle(w, r, viewer); ok {
		if err := s.store.Favorite(r.Context(), viewer.ID, a.ID); err != nil {
			s.internalError(w, r, err)
			return
		}
		s.writeArticle(w, r, http.StatusOK, a.Slug, viewer)
	}
}

// unfavorite is DELETE /api/articles/{slug}/favorite.
func (s *Server) unfavorite(w http.ResponseWriter, r *http.Request, viewer store.User) {
	if a, ok := s.findArticle(w, r, viewer); ok {
		if err := s.store.Unfavorite(r.Context(), viewer.ID, a.ID); err != nil {
			s.internalError(w, r, err)
			return
		}
		s.writeArticle(w, r, http.StatusOK, a.Slug, viewer)
	}
}

type commentJSON struct {
	ID        int64       `json:"id"`
	CreatedAt jsonTime    `json:"createdAt"`
	UpdatedAt jsonTime    `json:"updatedAt"`
	Body      string      `json:"body"`
	Author    profileJSON `json:"author"`
}

func toComment(c store.Comment) commentJSON {
	return commentJSON{ID: c.ID, CreatedAt: jsonTime(c.CreatedAt), UpdatedAt: jsonTime(c.UpdatedAt), Body: c.Body, Author: toProfile(c.Author)}
}

// listComments is GET /api/articles/{slug}/comments.
func (s *Server) listComments(w http.ResponseWriter, r *http.Request, viewer store.User) {
	a, ok := s.findArticle(w, r, viewer)
	if !ok {
		return
	}
	list, err := s.store.Comments(r.Context(), a.ID, viewer.ID)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	out := make([]commentJSON, len(list))
	for i, c := range list {
		out[i] = toComment(c)
	}
	writeJSON(w, http.StatusOK, map[string][]commentJSON{"comments": out})
}

// addComment is POST /api/articles/{slug}/comments. Every role may comment.
func (s *Server) addComment(w http.ResponseWriter, r *http.Request, viewer store.User) {
	a, ok := s.findArticle(w, r, viewer)
	if !ok {
		return
	}
	var in struct {
		Comment struct{ Body string } `json:"comment"`
	}
	if !decode(w, r, &in) {
		return
	}
	switch body := strings.TrimSpace(in.Comment.Body); {
	case body == "":
		writeErrors(w, http.StatusUnprocessableEntity, fieldErrors{"body": {"can't be blank"}})
		return
	case len(body) > 10_000:
		writeErrors(w, http.StatusUnprocessableEntity, fieldErrors{"body": {"is too long"}})
		return
	}
	id, err := s.store.CreateComment(r.Context(), store.Comment{ArticleID: a.ID, AuthorID: viewer.ID, Body: strings.TrimSpace(in.Comment.Body)})
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	c, err := s.store.Comment(r.Context(), id, viewer.ID)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]commentJSON{"comment": toComment(c)})
}

// deleteComment is DELETE /api/articles/{slug}/comments/{id}: 204.
func (s *Server) deleteComment(w http.ResponseWriter, r *http.Request, viewer store.User) {
	a, ok := s.findArticle(w, r, viewer)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var c store.Comment
	if err == nil {
		c, err = s.store.Comment(r.Context(), id, viewer.ID)
	}
	if err != nil && !errors.Is(err, store.ErrNotFound) && !errors.Is(err, strconv.ErrSyntax) && !errors.Is(err, strconv.ErrRange) {
		s.internalError(w, r, err)
		return
	}
	if err != nil || c.ArticleID != a.ID {
		writeErrors(w, http.StatusNotFound, fieldErrors{"comment": {"not found"}})
		return
	}
	if !mayDeleteComment(viewer, c) {
		fail(w, http.StatusForbidden, "you may only delete your own comments")
		return
	}
	if err := s.store.DeleteComment(r.Context(), c.ID); err != nil {
		s.internalError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// tags is GET /api/tags.
func (s *Server) tags(w http.ResponseWriter, r *http.Request) {
	tags, err := s.store.Tags(r.Context())
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string][]string{"tags": tags})
}
