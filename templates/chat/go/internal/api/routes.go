package api

import "net/http"

// route is one endpoint; this table is the only list of them.
type route struct {
	pattern string // a net/http pattern: "GET /api/rooms/{id}"
	handler http.Handler
}

func (s *Server) routes() []route {
	return []route{
		{"GET /healthz", http.HandlerFunc(s.health)},
		{"GET /{$}", webFiles()},
		{"GET /app.js", webFiles()},
		{"GET /style.css", webFiles()},

		// waymark:begin solution accounts
		{"POST /api/auth/register", http.HandlerFunc(s.register)},
		{"POST /api/auth/login", http.HandlerFunc(s.login)},
		{"POST /api/auth/logout", s.requireUser(s.logout)},
		{"GET /api/auth/me", s.requireUser(s.me)},
		// waymark:stub
		// {"POST /api/auth/register", notImplemented("accounts")},
		// {"POST /api/auth/login", notImplemented("accounts")},
		// {"POST /api/auth/logout", notImplemented("accounts")},
		// {"GET /api/auth/me", notImplemented("accounts")},
		// waymark:end

		// waymark:begin solution rooms
		{"GET /api/rooms", s.requireUser(s.listRooms)},
		{"POST /api/rooms", s.requireUser(s.createRoom)},
		{"GET /api/rooms/{id}", s.requireUser(s.getRoom)},
		{"GET /api/rooms/{id}/messages", s.requireUser(s.history)},
		// waymark:stub
		// {"GET /api/rooms", notImplemented("rooms")},
		// {"POST /api/rooms", notImplemented("rooms")},
		// {"GET /api/rooms/{id}", notImplemented("rooms")},
		// {"GET /api/rooms/{id}/messages", notImplemented("rooms")},
		// waymark:end

		// waymark:begin solution realtime
		{"GET /ws", http.HandlerFunc(s.serveWS)},
		// waymark:stub
		// {"GET /ws", notImplemented("realtime")},
		// waymark:end

		// waymark:begin solution presence
		{"GET /api/rooms/{id}/presence", s.requireUser(s.presence)},
		// waymark:stub
		// {"GET /api/rooms/{id}/presence", notImplemented("presence")},
		// waymark:end
	}
}
