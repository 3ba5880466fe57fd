package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/waymark-dev/waymark/templates/blog/go/internal/store"
)

// page is what every dashboard template receives.
type page struct {
	Title     string
	Session   *adminSession
	LoginCSRF string
	Message   string
	Email     string
	Stats     store.Stats
	Users     []store.User
	Articles  []store.Article
	Comments  []store.CommentWithArticle
	Roles     []store.Role
}

// pageError logs err and answers a bare 500 page.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.ErrorContext(r.Context(), "dashboard request failed", "path", r.URL.Path, "err", err)
	s.render(w, http.StatusInternalServerError, "message.html", page{Title: "Something went wrong", Message: "The server could not finish this request; the details are in its log."})
}

// overviewPage is GET /admin.
func (s *Server) overviewPage(w http.ResponseWriter, r *http.Request, sess adminSession) {
	stats, err := s.store.Stats(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "overview.html", page{Title: "Overview", Session: &sess, Stats: stats,
		Roles: []store.Role{store.RoleReader, store.RoleAuthor, store.RoleEditor, store.RoleAdmin}})
}

// usersPage is GET /admin/users.
func (s *Server) usersPage(w http.ResponseWriter, r *http.Request, sess adminSession) {
	users, err := s.store.Users(r.Context(), 500)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "users.html", page{Title: "Users", Session: &sess, Users: users,
		Roles: []store.Role{store.RoleReader, store.RoleAuthor, store.RoleEditor, store.RoleAdmin}})
}

// roleForm is POST /admin/users/{username}/role.
func (s *Server) roleForm(w http.ResponseWriter, r *http.Request, sess adminSession) {
	role := store.Role(r.PostFormValue("role"))
	name := r.PathValue("username")
	switch {
	case !role.Valid():
		s.render(w, http.StatusUnprocessableEntity, "message.html", page{Title: "Not changed", Session: &sess, Message: "Pick one of the four roles."})
		return
	case name == sess.User.Username && role != store.RoleAdmin:
		s.render(w, http.StatusUnprocessableEntity, "message.html", page{Title: "Not changed", Session: &sess, Message: "You cannot demote yourself; ask another admin."})
		return
	}
	if _, err := s.store.SetRole(r.Context(), name, role); errors.Is(err, store.ErrNotFound) {
		http.NotFound(w, r)
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.log.InfoContext(r.Context(), "role changed", "by", sess.User.Username, "user", name, "role", role)
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

// articlesPage is GET /admin/articles: every article, hidden ones too.
func (s *Server) articlesPage(w http.ResponseWriter, r *http.Request, sess adminSession) {
	list, _, err := s.store.Articles(r.Context(), store.ArticleFilter{Hidden: true, Limit: 500})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "articles.html", page{Title: "Articles", Session: &sess, Articles: list})
}

// publishForm answers POST /admin/articles/{slug}/publish (true) and
// /unpublish (false).
func (s *Server) publishForm(published bool) adminHandler {
	return func(w http.ResponseWriter, r *http.Request, sess adminSession) {
		if err := s.store.SetPublished(r.Context(), r.PathValue("slug"), published); errors.Is(err, store.ErrNotFound) {
			http.NotFound(w, r)
			return
		} else if err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, "/admin/articles", http.StatusSeeOther)
	}
}

// deleteArticleForm is POST /admin/articles/{slug}/delete.
func (s *Server) deleteArticleForm(w http.ResponseWriter, r *http.Request, sess adminSession) {
	a, err := s.store.ArticleBySlug(r.Context(), r.PathValue("slug"), 0, true)
	if errors.Is(err, store.ErrNotFound) {
		http.NotFound(w, r)
		return
	}
	if err == nil {
		err = s.store.DeleteArticle(r.Context(), a.ID)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/articles", http.StatusSeeOther)
}

// commentsPage is GET /admin/comments: the newest comments.
func (s *Server) commentsPage(w http.ResponseWriter, r *http.Request, sess adminSession) {
	list, err := s.store.RecentComments(r.Context(), 500)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "comments.html", page{Title: "Comments", Session: &sess, Comments: list})
}

// deleteCommentForm is POST /admin/comments/{id}/delete.
func (s *Server) deleteCommentForm(w http.ResponseWriter, r *http.Request, sess adminSession) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if err := s.store.DeleteComment(r.Context(), id); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/comments", http.StatusSeeOther)
}
