package api

import "github.com/waymark-dev/waymark/templates/blog/go/internal/store"

// The role rules live here, in one place, so that no handler can apply
// them differently: every handler that changes content asks one of these.

// mayPublish reports whether u may write new articles.
func mayPublish(u store.User) bool {
	// waymark:begin solution roles
	if u.Role == store.RoleReader {
		return false
	}
	// waymark:stub
	// // TODO(roles): readers may not publish.
	// waymark:end
	return u.ID != 0
}

// mayChangeArticle reports whether u may edit or delete a.
func mayChangeArticle(u store.User, a store.Article) bool {
	// waymark:begin solution roles
	if u.Role == store.RoleEditor || u.Role == store.RoleAdmin {
		return true
	}
	// waymark:stub
	// // TODO(roles): editors and admins may change any article.
	// waymark:end
	return u.ID != 0 && u.ID == a.AuthorID
}

// mayDeleteComment reports whether u may delete c.
func mayDeleteComment(u store.User, c store.Comment) bool {
	// waymark:begin solution roles
	if u.Role == store.RoleEditor || u.Role == store.RoleAdmin {
		return true
	}
	// waymark:stub
	// // TODO(roles): editors and admins may delete any comment.
	// waymark:end
	return u.ID != 0 && u.ID == c.AuthorID
}
