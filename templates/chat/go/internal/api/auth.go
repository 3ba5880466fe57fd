package api

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/ratelimit"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/store"
)

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
	// Every attempt counts, valid or not: a flood of sign-ups from one
	// address is slowed down before it costs a bcrypt hash each.
	if ok, wait := s.signups.Take(ratelimit.ClientAddress(r, s.trustProxy)); !ok {
		tooManyRequests(w, wait, "too many sign-ups from this address; try again later")
		return
	}
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
	username := strings.ToLower(strings.TrimSpace(in.Username))
	// Failures are counted per username and client address, and per
	// address: a guesser is slowed down, but cannot lock the user out of
	// their own machine.
	succeeded, ok, wait := s.logins.Attempt(username, ratelimit.ClientAddress(r, s.trustProxy))
	if !ok {
		tooManyRequests(w, wait, "too many failed logins; try again later")
		return
	}
	u, hash, err := s.store.UserByUsername(r.Context(), username)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	if errors.Is(err, store.ErrNotFound) {
		// Spend the same time as a real comparison, so the answer's timing
		// does not tell which usernames exist.
		hash = string(s.dummyHash())
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(in.Password)) != nil || err != nil {
		writeError(w, http.StatusUnauthorized, "invalid username or password")
		return
	}
	succeeded()
	s.startSession(w, r, http.StatusOK, u)
}

// tooManyRequests answers 429 with the whole seconds to wait.
func tooManyRequests(w http.ResponseWriter, wait time.Duration, msg string) {
	w.Header().Set("Retry-After", strconv.Itoa(ratelimit.RetryAfterSeconds(wait)))
	writeError(w, http.StatusTooManyRequests, msg)
}

// startSession makes a random token, stores its hash and answers it.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, status int, u store.User) {
	token := rand.Text()
	now := s.now()
	if err := s.store.CreateSession(r.Context(), u.ID, hashToken(token), now, now.Add(s.sessionTTL)); err != nil {
		s.serverError(w, r, err)
		return
	}
	writeJSON(w, status, session{Token: token, User: u})
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	session := hashToken(bearerToken(r))
	if err := s.store.DeleteSession(r.Context(), session); err != nil {
		s.serverError(w, r, err)
		return
	}
	// waymark:begin solution realtime
	// The session's open WebSockets end too (1008), on every instance: a
	// logged-out socket must not keep posting. Deleted first, so that no
	// new upgrade can start after this.
	if err := s.hub.EndSession(r.Context(), session); err != nil {
		// The other instances notice at their next ping.
		s.log.WarnContext(r.Context(), "logout: tell the other instances", "err", err)
	}
	// waymark:stub
	// waymark:end
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
	u, err := s.store.UserBySession(ctx, hashToken(token), s.now())
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
