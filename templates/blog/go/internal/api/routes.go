package api

import "net/http"

// route is one endpoint. routes() is the one list of the JSON API's
// endpoints: the mux is built from it and openapi_test.go holds
// openapi.yaml to it.
type route struct {
	method, path string
	handler      http.Handler
}

func (s *Server) routes() []route {
	return []route{
		{"GET", "/healthz", http.HandlerFunc(s.health)},
		{"GET", "/openapi.yaml", http.HandlerFunc(serveOpenAPI)},

		// waymark:begin solution accounts
		{"POST", "/api/users", http.HandlerFunc(s.register)},
		{"POST", "/api/users/login", http.HandlerFunc(s.login)},
		{"GET", "/api/user", s.requireUser(s.currentUser)},
		{"PUT", "/api/user", s.requireUser(s.updateUser)},
		// waymark:stub
		// {"POST", "/api/users", notImplemented("accounts")},
		// {"POST", "/api/users/login", notImplemented("accounts")},
		// {"GET", "/api/user", notImplemented("accounts")},
		// {"PUT", "/api/user", notImplemented("accounts")},
		// waymark:end

		// waymark:begin solution articles
		{"GET", "/api/articles", s.optionalUser(s.listArticles)},
		{"POST", "/api/articles", s.requireUser(s.createArticle)},
		{"GET", "/api/articles/{slug}", s.optionalUser(s.getArticle)},
		{"PUT", "/api/articles/{slug}", s.requireUser(s.updateArticle)},
		{"DELETE", "/api/articles/{slug}", s.requireUser(s.deleteArticle)},
		// waymark:stub
		// {"GET", "/api/articles", notImplemented("articles")},
		// {"POST", "/api/articles", notImplemented("articles")},
		// {"GET", "/api/articles/{slug}", notImplemented("articles")},
		// {"PUT", "/api/articles/{slug}", notImplemented("articles")},
		// {"DELETE", "/api/articles/{slug}", notImplemented("articles")},
		// waymark:end

		// waymark:begin solution social
		{"GET", "/api/profiles/{username}", s.optionalUser(s.getProfile)},
		{"POST", "/api/profiles/{username}/follow", s.requireUser(s.follow)},
		{"DELETE", "/api/profiles/{username}/follow", s.requireUser(s.unfollow)},
		{"GET", "/api/articles/feed", s.requireUser(s.feed)},
		{"POST", "/api/articles/{slug}/favorite", s.requireUser(s.favorite)},
		{"DELETE", "/api/articles/{slug}/favorite", s.requireUser(s.unfavorite)},
		{"GET", "/api/articles/{slug}/comments", s.optionalUser(s.listComments)},
		{"POST", "/api/articles/{slug}/comments", s.requireUser(s.addComment)},
		{"DELETE", "/api/articles/{slug}/comments/{id}", s.requireUser(s.deleteComment)},
		{"GET", "/api/tags", http.HandlerFunc(s.tags)},
		// waymark:stub
		// {"GET", "/api/profiles/{username}", notImplemented("social")},
		// {"POST", "/api/profiles/{username}/follow", notImplemented("social")},
		// {"DELETE", "/api/profiles/{username}/follow", notImplemented("social")},
		// {"GET", "/api/articles/feed", notImplemented("social")},
		// {"POST", "/api/articles/{slug}/favorite", notImplemented("social")},
		// {"DELETE", "/api/articles/{slug}/favorite", notImplemented("social")},
		// {"GET", "/api/articles/{slug}/comments", notImplemented("social")},
		// {"POST", "/api/articles/{slug}/comments", notImplemented("social")},
		// {"DELETE", "/api/articles/{slug}/comments/{id}", notImplemented("social")},
		// {"GET", "/api/tags", notImplemented("social")},
		// waymark:end

		// waymark:begin solution roles
		{"PUT", "/api/admin/users/{username}/role", s.requireUser(s.setRole)},
		// waymark:stub
		// {"PUT", "/api/admin/users/{username}/role", notImplemented("roles")},
		// waymark:end
	}
}

// adminRoutes are the dashboard's HTML pages and forms. They are not part
// of the JSON API, so openapi.yaml does not describe them.
func (s *Server) adminRoutes() []route {
	return []route{
		// waymark:begin solution admin
		{"GET", "/admin", s.requireAdmin(s.overviewPage)},
		{"GET", "/admin/admin.css", http.HandlerFunc(serveStylesheet)},
		{"GET", "/admin/login", http.HandlerFunc(s.loginPage)},
		{"POST", "/admin/login", http.HandlerFunc(s.loginForm)},
		{"POST", "/admin/logout", s.requireAdmin(s.logoutForm)},
		{"GET", "/admin/users", s.requireAdmin(s.usersPage)},
		{"POST", "/admin/users/{username}/role", s.requireAdmin(s.roleForm)},
		{"GET", "/admin/articles", s.requireAdmin(s.articlesPage)},
		{"POST", "/admin/articles/{slug}/publish", s.requireAdmin(s.publishForm(true))},
		{"POST", "/admin/articles/{slug}/unpublish", s.requireAdmin(s.publishForm(false))},
		{"POST", "/admin/articles/{slug}/delete", s.requireAdmin(s.deleteArticleForm)},
		{"GET", "/admin/comments", s.requireAdmin(s.commentsPage)},
		{"POST", "/admin/comments/{id}/delete", s.requireAdmin(s.deleteCommentForm)},
		// waymark:stub
		// // The pages say they are not built yet; the forms answer 501.
		// {"GET", "/admin", s.notBuilt("admin")},
		// {"GET", "/admin/admin.css", http.HandlerFunc(serveStylesheet)},
		// {"GET", "/admin/login", s.notBuilt("admin")},
		// {"POST", "/admin/login", notImplemented("admin")},
		// {"POST", "/admin/logout", notImplemented("admin")},
		// {"GET", "/admin/users", s.notBuilt("admin")},
		// {"POST", "/admin/users/{username}/role", notImplemented("admin")},
		// {"GET", "/admin/articles", s.notBuilt("admin")},
		// {"POST", "/admin/articles/{slug}/publish", notImplemented("admin")},
		// {"POST", "/admin/articles/{slug}/unpublish", notImplemented("admin")},
		// {"POST", "/admin/articles/{slug}/delete", notImplemented("admin")},
		// {"GET", "/admin/comments", s.notBuilt("admin")},
		// {"POST", "/admin/comments/{id}/delete", notImplemented("admin")},
		// waymark:end
	}
}
