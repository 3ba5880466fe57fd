package api

import (
	"errors"
	"net/http"
	"net/mail"
	"strings"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/auth"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
)

type credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type session struct {
	User  store.User `json:"user"`
	Token string     `json:"access_token"`
}

// register creates a customer: nobody can make themselves an admin.
func (s *Server) register(w http.ResponseWriter, r *http.Request) {
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

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var in credentials
	if !readJSON(w, r, &in) {
		return
	}
	u, err := s.store.UserByEmail(r.Context(), strings.ToLower(strings.TrimSpace(in.Email)))
	switch {
	case errors.Is(err, store.ErrNotFound):
		auth.BurnTime()
		writeError(w, http.StatusUnauthorized, "invalid email or password")
	case err != nil:
		s.fail(w, r, err)
	case !auth.CheckPassword(u.PasswordHash, in.Password):
		writeError(w, http.StatusUnauthorized, "invalid email or password")
	default:
		s.answerSession(w, r, http.StatusOK, u)
	}
}

func (s *Server) answerSession(w http.ResponseWriter, r *http.Request, status int, u store.User) {
	token, err := s.tokens.Issue(u.ID, u.Role)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, status, session{User: u, Token: token})
}

func (s *Server) me(w http.ResponseWriter, _ *http.Request, u store.User) {
	writeJSON(w, http.StatusOK, map[string]any{"user": u})
}
