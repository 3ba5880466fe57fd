package api

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/waymark-dev/waymark/templates/blog/go/internal/store"
)

// userJSON is the RealWorld User, plus the role (an extra field clients
// ignore).
type userJSON struct {
	Email    string     `json:"email"`
	Token    string     `json:"token"`
	Username string     `json:"username"`
	Bio      string     `json:"bio"`
	Image    string     `json:"image"`
	Role     store.Role `json:"role"`
}

func (s *Server) writeUser(w http.ResponseWriter, r *http.Request, status int, u store.User) {
	token, err := s.tokens.Issue(u.ID, u.TokenVersion)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, status, map[string]userJSON{"user": {
		Email: u.Email, Token: token, Username: u.Username, Bio: u.Bio, Image: u.Image, Role: u.Role,
	}})
}

var usernamePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,40}$`)

// checkAccount validates the fields a user chooses, adding one message per
// bad field to errs. A nil pointer means "not given" (an update).
func checkAccount(errs fieldErrors, username, email, password *string) {
	if username != nil && !usernamePattern.MatchString(*username) {
		errs["username"] = []string{"must be 1 to 40 letters, digits, _ or -"}
	}
	if email != nil && (len(*email) > 254 || !strings.Contains(*email, "@") || strings.ContainsAny(*email, " \t\r\n")) {
		errs["email"] = []string{"is invalid"}
	}
	if password != nil && (len(*password) < 8 || len(*password) > 72) {
		errs["password"] = []string{"must be 8 to 72 bytes long"}
	}
}

// register is POST /api/users. Every attempt, valid or not, takes one of
// the client address's sign-up tokens.
func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	if ok, wait := s.signups.Take(s.clientAddress(r)); !ok {
		tooMany(w, wait, "too many sign-ups from your address, try again later")
		return
	}
	var in struct {
		User struct{ Username, Email, Password *string } `json:"user"`
	}
	if !decode(w, r, &in) {
		return
	}
	u := in.User
	errs := fieldErrors{}
	for name, v := range map[string]*string{"username": u.Username, "email": u.Email, "password": u.Password} {
		if v == nil || strings.TrimSpace(*v) == "" {
			errs[name] = []string{"can't be blank"}
		}
	}
	if len(errs) > 0 {
		writeErrors(w, http.StatusUnprocessableEntity, errs)
		return
	}
	username, email := strings.TrimSpace(*u.Username), strings.ToLower(strings.TrimSpace(*u.Email))
	checkAccount(errs, &username, &email, u.Password)
	if !s.checkTaken(w, r, errs, username, email, 0) {
		return
	}
	hash, err := s.passwords.Hash(*u.Password)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	user, err := s.store.CreateUser(r.Context(), store.User{Username: username, Email: email, PasswordHash: hash})
	if errors.Is(err, store.ErrConflict) { // lost a race with another registration
		writeErrors(w, http.StatusUnprocessableEntity, fieldErrors{"username": {"or email has already been taken"}})
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.writeUser(w, r, http.StatusCreated, user)
}

// checkTaken adds "has already been taken" for a username or email another
// account has, then answers 422 if errs holds anything. It reports whether
// the request may go on.
func (s *Server) checkTaken(w http.ResponseWriter, r *http.Request, errs fieldErrors, username, email string, self int64) bool {
	taken, err := s.store.Taken(r.Context(), username, email, self)
	if err != nil {
		s.internalError(w, r, err)
		return false
	}
	for _, field := range taken {
		if _, bad := errs[field]; !bad {
			errs[field] = []string{"has already been taken"}
		}
	}
	if len(errs) > 0 {
		writeErrors(w, http.StatusUnprocessableEntity, errs)
		return false
	}
	return true
}

// login is POST /api/users/login. A wrong password and an unknown email
// get the same 401, so that the answer does not tell which emails exist.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var in struct {
		User struct{ Email, Password string } `json:"user"`
	}
	if !decode(w, r, &in) {
		return
	}
	errs := fieldErrors{}
	if in.User.Email == "" {
		errs["email"] = []string{"can't be blank"}
	}
	if in.User.Password == "" {
		errs["password"] = []string{"can't be blank"}
	}
	if len(errs) > 0 {
		writeErrors(w, http.StatusUnprocessableEntity, errs)
		return
	}
	u, wait, err := s.authenticate(r.Context(), in.User.Email, in.User.Password, s.clientAddress(r))
	switch {
	case errors.Is(err, errLoginLimited):
		tooMany(w, wait, "too many failed logins, try again later")
	case errors.Is(err, errBadLogin):
		writeErrors(w, http.StatusUnauthorized, fieldErrors{"email or password": {"is invalid"}})
	case err != nil:
		s.internalError(w, r, err)
	default:
		s.writeUser(w, r, http.StatusOK, u)
	}
}

// Why a login failed; anything else is the server's fault.
var (
	errLoginLimited = errors.New("too many login attempts")
	errBadLogin     = errors.New("wrong email or password")
)

// authenticate checks an email and password from the client address addr
// within the login limit (package ratelimit). On errLoginLimited it also
// says how long to wait.
func (s *Server) authenticate(ctx context.Context, email, password, addr string) (store.User, time.Duration, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	succeeded, ok, wait := s.logins.Attempt(email, addr)
	if !ok {
		return store.User{}, wait, errLoginLimited
	}
	u, err := s.store.UserByEmail(ctx, email)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.passwords.CheckMissing(password)
		return store.User{}, 0, errBadLogin
	case err != nil:
		succeeded() // the database failed, not the client
		return store.User{}, 0, err
	case s.passwords.Check(u.PasswordHash, password) != nil:
		return store.User{}, 0, errBadLogin
	}
	succeeded()
	return u, 0, nil
}

// currentUser is GET /api/user.
func (s *Server) currentUser(w http.ResponseWriter, r *http.Request, u store.User) {
	s.writeUser(w, r, http.StatusOK, u)
}

// updateUser is PUT /api/user: every field is optional. A new password
// needs the current one in currentPassword (this API's addition to the
// RealWorld body), and ends every other session: tokens issued before stop
// working and dashboard sessions end; the answer carries a fresh token.
func (s *Server) updateUser(w http.ResponseWriter, r *http.Request, u store.User) {
	var in struct {
		User struct {
			Username, Email, Password *string
			Bio, Image                clearable
			CurrentPassword           *string `json:"currentPassword"`
		} `json:"user"`
	}
	if !decode(w, r, &in) {
		return
	}
	c := in.User
	if c.Username != nil {
		*c.Username = strings.TrimSpace(*c.Username)
	}
	if c.Email != nil {
		*c.Email = strings.ToLower(strings.TrimSpace(*c.Email))
	}
	errs := fieldErrors{}
	checkAccount(errs, c.Username, c.Email, c.Password)
	if c.Password != nil && (c.CurrentPassword == nil || *c.CurrentPassword == "") {
		errs["currentPassword"] = []string{"can't be blank when you change the password"}
	}
	if c.Bio.set && len(c.Bio.v) > 10_000 {
		errs["bio"] = []string{"is too long"}
	}
	if c.Image.v != "" && !httpURL(c.Image.v) {
		errs["image"] = []string{"must be an http(s) URL"}
	}
	if len(errs) > 0 {
		writeErrors(w, http.StatusUnprocessableEntity, errs)
		return
	}
	if c.Password != nil && !s.checkCurrentPassword(w, r, u, *c.CurrentPassword) {
		return
	}
	if c.Username != nil {
		u.Username = *c.Username
	}
	if c.Email != nil {
		u.Email = *c.Email
	}
	if !s.checkTaken(w, r, errs, u.Username, u.Email, u.ID) {
		return
	}
	if c.Password != nil {
		hash, err := s.passwords.Hash(*c.Password)
		if err != nil {
			s.internalError(w, r, err)
			return
		}
		u.PasswordHash = hash
	}
	if c.Bio.set {
		u.Bio = c.Bio.v
	}
	if c.Image.set {
		u.Image = c.Image.v
	}
	saved, err := s.store.UpdateUser(r.Context(), u, c.Password != nil)
	if errors.Is(err, store.ErrConflict) {
		writeErrors(w, http.StatusUnprocessableEntity, fieldErrors{"username": {"or email has already been taken"}})
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if c.Password != nil {
		s.log.InfoContext(r.Context(), "password changed, other sessions ended", "user", saved.Username)
	}
	s.writeUser(w, r, http.StatusOK, saved)
}

// checkCurrentPassword answers 429 or 422 and returns false unless current
// is u's password. A wrong guess counts as a failed login: whoever holds a
// stolen token gets no more guesses here than at the login.
func (s *Server) checkCurrentPassword(w http.ResponseWriter, r *http.Request, u store.User, current string) bool {
	succeeded, ok, wait := s.logins.Attempt(u.Email, s.clientAddress(r))
	if !ok {
		tooMany(w, wait, "too many failed password checks, try again later")
		return false
	}
	if s.passwords.Check(u.PasswordHash, current) != nil {
		writeErrors(w, http.StatusUnprocessableEntity, fieldErrors{"currentPassword": {"is invalid"}})
		return false
	}
	succeeded()
	return true
}

// httpURL reports whether s is an absolute http or https URL with a host,
// at most 2048 bytes, without spaces or control characters: what a profile
// image may be. javascript: and data: URLs are refused, because clients put
// the image into an <img src> or a link.
func httpURL(s string) bool {
	if len(s) > 2048 || strings.ContainsFunc(s, func(c rune) bool { return unicode.IsSpace(c) || unicode.IsControl(c) }) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Hostname() != ""
}
