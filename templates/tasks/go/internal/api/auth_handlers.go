package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/templates/tasks/go/internal/auth"
	"github.com/waymark-dev/waymark/templates/tasks/go/internal/store"
)

// credentials is the body of register and login.
type credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// userJSON is a user as clients see it: never the password hash.
type userJSON struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
}

// session is the answer to register, login and refresh.
type session struct {
	User         *userJSON `json:"user,omitempty"` // not on refresh
	AccessToken  string    `json:"access_token"`
	RefreshToken string    `json:"refresh_token"`
	TokenType    string    `json:"token_type"`
	ExpiresIn    int       `json:"expires_in"` // seconds until the access token expires
}

func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	var in credentials
	if !decodeJSON(w, r, &in) {
		return
	}
	email := strings.ToLower(strings.TrimSpace(in.Email))
	fields := map[string]string{}
	if !strings.Contains(email, "@") || len(email) > 254 {
		fields["email"] = "must be an email address"
	}
	// waymark:begin solution hardening
	if err := auth.ValidatePassword(in.Password); err != nil {
		fields["password"] = err.Error()
	}
	// waymark:stub
	// if in.Password == "" {
	// 	fields["password"] = "is required"
	// }
	// waymark:end
	if len(fields) > 0 {
		validationFailed(w, fields)
		return
	}

	hash, err := s.passwords.Hash(in.Password)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	u, err := s.store.CreateUser(r.Context(), email, hash, s.now())
	if errors.Is(err, store.ErrConflict) {
		writeError(w, http.StatusConflict, "this email is already registered")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.startSession(w, r, http.StatusCreated, u)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var in credentials
	if !decodeJSON(w, r, &in) {
		return
	}
	email := strings.ToLower(strings.TrimSpace(in.Email))
	// waymark:begin solution hardening
	// Keyed by email: guessing one account's password is slowed down no
	// matter how many addresses the guesses come from.
	if ok, retryAfter := s.logins.allow(email); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		writeError(w, http.StatusTooManyRequests, "too many login attempts; try again later")
		return
	}
	// waymark:stub
	// waymark:end

	u, err := s.store.UserByEmail(r.Context(), email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.internalError(w, r, err)
		return
	}
	// For an unknown email u.PasswordHash is empty: Verify still spends
	// the time of a real check, so timing does not tell which emails exist.
	ok, err := s.passwords.Verify(u.PasswordHash, in.Password)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if !ok {
		writeError(w, http.StatusUnauthorized, "invalid email or password")
		return
	}
	s.startSession(w, r, http.StatusOK, u)
}

// startSession answers status with the user, a new access token and the
// first refresh token of a new family.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, status int, u store.User) {
	refresh, hash := auth.NewRefreshToken()
	err := s.store.CreateRefreshToken(r.Context(), store.RefreshToken{
		UserID:    u.ID,
		FamilyID:  auth.NewTokenFamily(),
		Hash:      hash,
		ExpiresAt: s.now().Add(s.refreshTTL),
	}, s.now())
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.writeSession(w, r, status, &userJSON{ID: u.ID, Email: u.Email}, u.ID, refresh)
}

// writeSession issues an access token for userID and answers it with the
// refresh token.
func (s *Server) writeSession(w http.ResponseWriter, r *http.Request, status int, user *userJSON, userID int64, refresh string) {
	access, exp, err := s.access.Issue(userID)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, status, session{
		User:         user,
		AccessToken:  access,
		RefreshToken: refresh,
		TokenType:    "Bearer",
		ExpiresIn:    int(exp.Sub(s.now()).Seconds()),
	})
}

func (s *Server) me(w http.ResponseWriter, r *http.Request, userID int64) {
	u, err := s.store.UserByID(r.Context(), userID)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusUnauthorized, "this account no longer exists")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]userJSON{"user": {ID: u.ID, Email: u.Email}})
}

// refreshBody is the body of refresh and logout.
type refreshBody struct {
	RefreshToken string `json:"refresh_token"`
}

func (s *Server) refresh(w http.ResponseWriter, r *http.Request) {
	var in refreshBody
	if !decodeJSON(w, r, &in) {
		return
	}
	if in.RefreshToken == "" {
		validationFailed(w, map[string]string{"refresh_token": "is required"})
		return
	}
	next, hash := auth.NewRefreshToken()
	userID, err := s.store.RotateRefreshToken(r.Context(), auth.HashRefreshToken(in.RefreshToken),
		store.RefreshToken{Hash: hash, ExpiresAt: s.now().Add(s.refreshTTL)}, s.now())
	switch {
	case errors.Is(err, store.ErrRefreshTokenReused):
		s.log.WarnContext(r.Context(), "a rotated refresh token was reused; its family is revoked")
		writeError(w, http.StatusUnauthorized, "invalid refresh token")
		return
	case errors.Is(err, store.ErrRefreshTokenInvalid):
		writeError(w, http.StatusUnauthorized, "invalid refresh token")
		return
	case err != nil:
		s.internalError(w, r, err)
		return
	}
	s.writeSession(w, r, http.StatusOK, nil, userID, next)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	var in refreshBody
	if !decodeJSON(w, r, &in) {
		return
	}
	if in.RefreshToken == "" {
		validationFailed(w, map[string]string{"refresh_token": "is required"})
		return
	}
	if err := s.store.RevokeRefreshFamily(r.Context(), auth.HashRefreshToken(in.RefreshToken), s.now()); err != nil {
		s.internalError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
