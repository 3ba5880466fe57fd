package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"sync"
)

// sessions is the server's table from session id to user.
type sessions struct {
	mu    sync.Mutex
	users map[string]string
}

// login answers POST /login: a new session for the user, in a cookie.
func (s *sessions) login(w http.ResponseWriter, r *http.Request) {
	var in struct {
		User string `json:"user"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&in); err != nil || in.User == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": `send {"user": "<name>"}`})
		return
	}
	// waymark:begin solution solve
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand panics rather)
	id := hex.EncodeToString(b[:])
	s.mu.Lock()
	s.users[id] = in.User
	s.mu.Unlock()
	http.SetCookie(w, sessionCookie(id, 3600))
	w.WriteHeader(http.StatusNoContent)
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// me answers GET /me: the user of the request's session, or 401.
func (s *sessions) me(w http.ResponseWriter, r *http.Request) {
	// waymark:begin solution solve
	user := ""
	if c, err := r.Cookie("session"); err == nil {
		s.mu.Lock()
		user = s.users[c.Value]
		s.mu.Unlock()
	}
	if user == "" {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "log in first"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"user": user})
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// logout answers POST /logout: the session forgotten on the server, and
// the browser told to drop its cookie.
func (s *sessions) logout(w http.ResponseWriter, r *http.Request) {
	// waymark:begin solution solve
	if c, err := r.Cookie("session"); err == nil {
		s.mu.Lock()
		delete(s.users, c.Value)
		s.mu.Unlock()
	}
	http.SetCookie(w, sessionCookie("", -1))
	w.WriteHeader(http.StatusNoContent)
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// waymark:begin solution solve

// sessionCookie is the session cookie holding id for maxAge seconds (a
// negative maxAge deletes it: Max-Age=0).
func sessionCookie(id string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name: "session", Value: id, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: true, SameSite: http.SameSiteLaxMode,
	}
}

// waymark:end
