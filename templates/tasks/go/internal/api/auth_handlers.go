package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

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
	// waymark:begin solution hardening
	// Every attempt counts, valid or not: the budget is per client
	// address, so one machine cannot create accounts by the thousand.
	if ok, wait := s.signups.Take(s.clientAddress(r)); !ok {
		tooManyRequests(w, wait, "too many sign-ups from this address; try again later")
		return
	}
	// waymark:stub
	// // TODO(hardening): limit sign-ups per client address (429 with Retry-After).
	// waymark:end
	var in credentials
	if !decodeJSON(w, r, &in) {
		return
	}
	email := strings.ToLower(strings.TrimSpace(in.Email))
	fields := map[string]string{}
	if !strings.Contains(email, "@") || len(email) > 254 {
		fields["email"] = "must be an email address"
	}
	if msg := passwordProblem(in.Password); msg != "" {
		fields["password"] = msg
	}
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
	// Each (email, address) pair may fail a few times a minute, and each
	// address a few more times across all emails (see package ratelimit).
	succeeded, allowed, wait := s.logins.Attempt(email, s.clientAddress(r))
	if !allowed {
		tooManyRequests(w, wait, "too many login attempts; try again later")
		return
	}
	// waymark:stub
	// // TODO(hardening): refuse with 429 once this email and address failed too often.
	// succeeded := func() {}
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
	succeeded()
	s.startSession(w, r, http.StatusOK, u)
}

// passwordProblem returns what is wrong with a password a user chooses, or
// "" when it is fine.
func passwordProblem(password string) string {
	// waymark:begin solution hardening
	if err := auth.ValidatePassword(password); err != nil {
		return err.Error()
	}
	// waymark:stub
	// if password == "" {
	// 	return "is required"
	// }
	// waymark:end
	return ""
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
		ExpiresIn:    int(exp.Sub(s.now()).Round(time.Second).Seconds()),
	})
}

func (s *Server) me(w http.ResponseWriter, r *http.Request, u store.User) {
	writeJSON(w, http.StatusOK, map[string]userJSON{"user": {ID: u.ID, Email: u.Email}})
}

// passwordChange is the body of a password change.
type passwordChange struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// changePassword sets a new password. It asks for the current one, so that
// a stolen access token cannot take the account over, and ends every
// session of the user: it answers a new one for the caller.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, u store.User) {
	var in passwordChange
	if !decodeJSON(w, r, &in) {
		return
	}
	fields := map[string]string{}
	if in.CurrentPassword == "" {
		fields["current_password"] = "is required"
	}
	if msg := passwordProblem(in.NewPassword); msg != "" {
		fields["new_password"] = msg
	}
	if len(fields) > 0 {
		validationFailed(w, fields)
		return
	}
	if !s.verifyCurrentPassword(w, r, u, in.CurrentPassword) {
		return
	}
	hash, err := s.passwords.Hash(in.NewPassword)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	err = s.store.ChangePassword(r.Context(), u.ID, hash, s.now())
	if errors.Is(err, store.ErrNotFound) { // deleted meanwhile
		writeError(w, http.StatusUnauthorized, "this account no longer exists")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.startSession(w, r, http.StatusOK, u)
}

// deleteMe deletes the caller's account, with their tasks and sessions,
// once they confirm it with their password.
func (s *Server) deleteMe(w http.ResponseWriter, r *http.Request, u store.User) {
	var in struct {
		CurrentPassword string `json:"current_password"`
	}
	if !decodeJSON(w, r, &in) {
		return
	}
	if in.CurrentPassword == "" {
		validationFailed(w, map[string]string{"current_password": "is required"})
		return
	}
	if !s.verifyCurrentPassword(w, r, u, in.CurrentPassword) {
		return
	}
	if err := s.store.DeleteUser(r.Context(), u.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
		s.internalError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// verifyCurrentPassword reports whether password is u's; when it is not it
// has answered 422 naming current_password (or 429). The attempts count
// against the login limit: otherwise a stolen access token would be a way
// to guess the password without one.
func (s *Server) verifyCurrentPassword(w http.ResponseWriter, r *http.Request, u store.User, password string) bool {
	// waymark:begin solution hardening
	succeeded, allowed, wait := s.logins.Attempt(u.Email, s.clientAddress(r))
	if !allowed {
		tooManyRequests(w, wait, "too many password attempts; try again later")
		return false
	}
	// waymark:stub
	// // TODO(hardening): count wrong current passwords like failed logins.
	// succeeded := func() {}
	// waymark:end
	ok, err := s.passwords.Verify(u.PasswordHash, password)
	if err != nil {
		s.internalError(w, r, err)
		return false
	}
	if !ok {
		validationFailed(w, map[string]string{"current_password": "is not the current password"})
		return false
	}
	succeeded()
	return true
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
