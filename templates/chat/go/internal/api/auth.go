package api

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/store"
)

// dummyHash is compared against when the username is unknown.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("not a real password"), bcrypt.DefaultCost)
	return h
})

// validUsername: 3 to 32 lower-case letters, digits, '_' or '-'.
var validUsername = regexp.MustCompile(`^[a-z0-9_-]{3,32}$`)

type credentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// session is what register and login answer.
type session struct {
	Token string     `json:"token"`
	User  store.User `json:"user"`
}

func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	var in credentials
	if !readJSON(w, r, &in) {
		return
	}
	in.Username = strings.ToLower(strings.TrimSpace(in.Username))
	switch {
	case !validUsername.MatchString(in.Username):
		writeError(w, http.StatusUnprocessableEntity, "username: 3 to 32 characters among a-z, 0-9, _ and -")
		return
	case utf8.RuneCountInString(in.Password) < 8 || len(in.Password) > 72:
		writeError(w, http.StatusUnprocessableEntity, "password: 8 characters to 72 bytes")
		return
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(in.Password), s.bcryptCost)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	u, err := s.store.CreateUser(r.Context(), in.Username, string(hash))
	if errors.Is(err, store.ErrConflict) {
		writeError(w, http.StatusConflict, "username is taken")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.startSession(w, r, http.StatusCreated, u)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var in credentials
	if !readJSON(w, r, &in) {
		return
	}
	u, hash, err := s.store.UserByUsername(r.Context(), strings.ToLower(strings.TrimSpace(in.Username)))
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	if errors.Is(err, store.ErrNotFound) {
		// Spend the same time as a real comparison, so the answer's timing
		// does not tell which usernames exist.
		hash = string(dummyHash())
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(in.Password)) != nil || err != nil {
		writeError(w, http.StatusUnauthorized, "invalid username or password")
		return
	}
	s.startSession(w, r, http.StatusOK, u)
}

// startSession makes a random token, stores its hash and answers it.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, status int, u store.User) {
	token := rand.Text()
	expires := time.Now().Add(s.sessionTTL)
	if err := s.store.CreateSession(r.Context(), u.ID, hashToken(token), expires); err != nil {
		s.serverError(w, r, err)
		return
	}
	writeJSON(w, status, session{Token: token, User: u})
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if err := s.store.DeleteSession(r.Context(), hashToken(bearerToken(r))); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) me(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, currentUser(r))
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// bearerToken is the token of "Authorization: Bearer <token>", or "".
func bearerToken(r *http.Request) string {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// userFor finds the user of a token; ok is false for a missing, unknown or
// expired one.
func (s *Server) userFor(ctx context.Context, token string) (store.User, bool, error) {
	if token == "" {
		return store.User{}, false, nil
	}
	u, err := s.store.UserBySession(ctx, hashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return store.User{}, false, nil
	}
	return u, err == nil, err
}

type userKey struct{}

// requireUser answers 401 unless the request carries a valid bearer token,
// and hands the user to next through the request's context.
func (s *Server) requireUser(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, ok, err := s.userFor(r.Context(), bearerToken(r))
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="chat"`)
			writeError(w, http.StatusUnauthorized, "missing or invalid token")
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), userKey{}, u)))
	})
}

// currentUser is the user requireUser found.
func currentUser(r *http.Request) store.User {
	u, _ := r.Context().Value(userKey{}).(store.User)
	return u
}
