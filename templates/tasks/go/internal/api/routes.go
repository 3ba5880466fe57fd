package api

import "net/http"

// route is one endpoint. The table below is the single list of endpoints:
// the mux is built from it, and the OpenAPI test holds openapi.yaml to it.
type route struct {
	method  string
	path    string // a net/http pattern path: "/api/tasks/{id}"
	handler http.Handler
}

func (s *Server) routes() []route {
	return []route{
		{"GET", "/healthz", http.HandlerFunc(s.health)},
		{"GET", "/openapi.yaml", http.HandlerFunc(serveOpenAPI)},

		// waymark:begin solution auth
		{"POST", "/api/auth/register", http.HandlerFunc(s.register)},
		{"POST", "/api/auth/login", http.HandlerFunc(s.login)},
		{"GET", "/api/auth/me", s.requireAuth(s.me)},
		{"DELETE", "/api/auth/me", s.requireAuth(s.deleteMe)},
		{"POST", "/api/auth/password", s.requireAuth(s.changePassword)},
		{"POST", "/api/auth/refresh", http.HandlerFunc(s.refresh)},
		{"POST", "/api/auth/logout", http.HandlerFunc(s.logout)},
		// waymark:stub
		// {"POST", "/api/auth/register", notImplementedHandler("auth")},
		// {"POST", "/api/auth/login", notImplementedHandler("auth")},
		// {"GET", "/api/auth/me", notImplementedHandler("auth")},
		// {"DELETE", "/api/auth/me", notImplementedHandler("auth")},
		// {"POST", "/api/auth/password", notImplementedHandler("auth")},
		// {"POST", "/api/auth/refresh", notImplementedHandler("auth")},
		// {"POST", "/api/auth/logout", notImplementedHandler("auth")},
		// waymark:end

		// waymark:begin solution tasks
		{"POST", "/api/tasks", s.requireAuth(s.createTask)},
		{"GET", "/api/tasks", s.requireAuth(s.listTasks)},
		{"GET", "/api/tasks/{id}", s.requireAuth(s.getTask)},
		{"PATCH", "/api/tasks/{id}", s.requireAuth(s.updateTask)},
		{"DELETE", "/api/tasks/{id}", s.requireAuth(s.deleteTask)},
		// waymark:stub
		// {"POST", "/api/tasks", notImplementedHandler("tasks")},
		// {"GET", "/api/tasks", notImplementedHandler("tasks")},
		// {"GET", "/api/tasks/{id}", notImplementedHandler("tasks")},
		// {"PATCH", "/api/tasks/{id}", notImplementedHandler("tasks")},
		// {"DELETE", "/api/tasks/{id}", notImplementedHandler("tasks")},
		// waymark:end
	}
}
