package api

import (
	"errors"
	"net/http"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/auth"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/ratelimit"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
)

type credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// session is what register and login answer; token_type and expires_in
// (seconds) as OAuth 2.0 names them, and as every stack answers.
type session struct {
	User      store.User `json:"user"`
	Token     string     `json:"access_token"`
	TokenType string     `json:"token_type"`
	ExpiresIn int        `json:"expires_in"`
}

// register creates a customer: nobody can make themselves an admin. Every
// attempt, valid or not, takes one token of the client address's budget.
func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	addr := s.clientAddress(r)
	if ok, wait := s.registrations.Take(addr); !ok {
		s.log.WarnContext(r.Context(), "registration refused: too many attempts", "addr", addr)
		tooManyAttempts(w, wait, "registration")
		return
	}
	var in credentials
	if !readJSON(w, r, &in) {
		return
	}
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	fields := map[string]string{}
	if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email || len(in.Email) > 254 {
		fields["email"] = "must be a valid email address"
	}
	if len(in.Password) < 8 || len(in.Password) > 72 {
		fields["password"] = "must be 8 to 72 bytes long"
	}
	if len(fields) > 0 {
		invalid(w, fields)
		return
	}
	hash, err := auth.HashPassword(in.Password, s.cfg.BcryptCost)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, err := s.store.CreateUser(r.Context(), in.Email, hash, store.RoleCustomer)
	if errors.Is(err, store.ErrConflict) {
		writeError(w, http.StatusConflict, "email already registered")
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.answerSession(w, r, http.StatusCreated, u)
}

// login checks a password. Each attempt reserves one failure of the
// (email, client address) pair and of the address; a right password gives
// the reservation back (see package ratelimit for the rule).
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var in credentials
	if !readJSON(w, r, &in) {
		return
	}
	email, addr := strings.ToLower(strings.TrimSpace(in.Email)), s.clientAddress(r)
	succeeded, ok, wait := s.logins.Attempt(email, addr)
	if !ok {
		s.log.WarnContext(r.Context(), "login refused: too many failures", "addr", addr)
		tooManyAttempts(w, wait, "login")
		return
	}
	u, err := s.store.UserByEmail(r.Context(), email)
	switch {
	case errors.Is(err, store.ErrNotFound):
		auth.BurnTime()
		writeError(w, http.StatusUnauthorized, "invalid email or password")
	case err != nil:
		s.fail(w, r, err)
	case !auth.CheckPassword(u.PasswordHash, in.Password):
		writeError(w, http.StatusUnauthorized, "invalid email or password")
	default:
		succeeded()
		s.answerSession(w, r, http.StatusOK, u)
	}
}

// clientAddress is the address the login and registration budgets count
// against: the peer, or with TRUST_PROXY the proxy's X-Forwarded-For hop.
func (s *Server) clientAddress(r *http.Request) string {
	return ratelimit.ClientAddress(r, s.cfg.TrustProxy)
}

// tooManyAttempts answers 429 with Retry-After in whole seconds.
func tooManyAttempts(w http.ResponseWriter, wait time.Duration, what string) {
	w.Header().Set("Retry-After", strconv.Itoa(ratelimit.RetryAfterSeconds(wait)))
	writeError(w, http.StatusTooManyRequests, "too many "+what+" attempts: try again in a minute")
}

func (s *Server) answerSession(w http.ResponseWriter, r *http.Request, status int, u store.User) {
	token, err := s.tokens.Issue(u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, status, session{User: u, Token: token, TokenType: "Bearer", ExpiresIn: int(s.cfg.TokenTTL / time.Second)})
}

func (s *Server) me(w http.ResponseWriter, _ *http.Request, u store.User) {
	writeJSON(w, http.StatusOK, map[string]any{"user": u})
}
