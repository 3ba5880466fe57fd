package api

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"

	"github.com/waymark-dev/waymark/templates/blog/go/internal/ratelimit"
	"github.com/waymark-dev/waymark/templates/blog/go/internal/store"
)

// The dashboard's cookies. The session cookie holds a random token whose
// SHA-256 is the session's key in the database; the login cookie holds the
// login form's CSRF token (double submit: before logging in there is no
// session to keep it in).
const (
	sessionCookie = "blog_admin"
	loginCookie   = "blog_login"
)

// csrfField is the name of the hidden CSRF input of every dashboard form.
// Pages also send the token in the X-CSRF-Token header, for scripts.
const csrfField = "csrf_token"

// adminSession is a signed-in admin and their session's CSRF token.
type adminSession struct {
	User store.User
	CSRF string
}

type adminHandler func(http.ResponseWriter, *http.Request, adminSession)

func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// setCookie sets an HttpOnly, SameSite=Lax cookie for the dashboard,
// Secure when the request came over TLS (directly or through the proxy).
// maxAge < 0 deletes it.
func setCookie(w http.ResponseWriter, r *http.Request, name, value, path string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: path, MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https",
	})
}

// requireAdmin lets through a request with a live session of an admin.
// Without a session it redirects to the login page; a non-admin gets 403;
// a POST without the session's CSRF token gets 403.
func (s *Server) requireAdmin(next adminHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var sess adminSession
		err := store.ErrNotFound
		if c, cerr := r.Cookie(sessionCookie); cerr == nil && c.Value != "" {
			sess.User, sess.CSRF, err = s.store.Session(r.Context(), hashToken(c.Value), s.now())
		}
		switch {
		case errors.Is(err, store.ErrNotFound):
			http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
			return
		case err != nil:
			s.pageError(w, r, err)
			return
		}
		// The role is read on every request: a demoted admin is out at once.
		if sess.User.Role != store.RoleAdmin {
			s.render(w, http.StatusForbidden, "message.html", page{Title: "Forbidden", Message: "The dashboard is for admins only."})
			return
		}
		w.Header().Set("X-CSRF-Token", sess.CSRF)
		if r.Method == http.MethodPost && !sameToken(r.PostFormValue(csrfField), sess.CSRF) {
			s.render(w, http.StatusForbidden, "message.html", page{Title: "Forbidden", Session: &sess, Message: "This form has expired or was not sent by the dashboard (missing or wrong CSRF token). Go back, reload the page and try again."})
			return
		}
		next(w, r, sess)
	})
}

// loginPage is GET /admin/login.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	token := randomToken()
	setCookie(w, r, loginCookie, token, "/admin", 3600)
	w.Header().Set("X-CSRF-Token", token)
	s.render(w, http.StatusOK, "login.html", page{Title: "Sign in", LoginCSRF: token})
}

// loginForm is POST /admin/login: on success a session cookie and a
// redirect to the overview.
func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(loginCookie)
	if err != nil || !sameToken(r.PostFormValue(csrfField), c.Value) {
		s.render(w, http.StatusForbidden, "message.html", page{Title: "Forbidden", Message: "The sign-in form has expired (missing or wrong CSRF token). Reload it and try again."})
		return
	}
	again := func(status int, msg string) {
		w.Header().Set("X-CSRF-Token", c.Value)
		s.render(w, status, "login.html", page{Title: "Sign in", LoginCSRF: c.Value, Message: msg, Email: r.PostFormValue("email")})
	}
	u, wait, err := s.authenticate(r.Context(), r.PostFormValue("email"), r.PostFormValue("password"), s.clientAddress(r))
	switch {
	case errors.Is(err, errLoginLimited):
		w.Header().Set("Retry-After", strconv.Itoa(ratelimit.RetryAfterSeconds(wait)))
		again(http.StatusTooManyRequests, "Too many failed attempts. Wait a minute and try again.")
		return
	case errors.Is(err, errBadLogin):
		again(http.StatusUnauthorized, "Wrong email or password.")
		return
	case err != nil:
		s.pageError(w, r, err)
		return
	case u.Role != store.RoleAdmin:
		again(http.StatusForbidden, "The dashboard is for admins only.")
		return
	}
	token := randomToken()
	if err := s.store.CreateSession(r.Context(), hashToken(token), u.ID, randomToken(), s.now().Add(s.cfg.SessionTTL)); err != nil {
		s.pageError(w, r, err)
		return
	}
	setCookie(w, r, sessionCookie, token, "/admin", int(s.cfg.SessionTTL.Seconds()))
	s.log.InfoContext(r.Context(), "admin signed in", "user", u.Username)
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

// logoutForm is POST /admin/logout.
func (s *Server) logoutForm(w http.ResponseWriter, r *http.Request, _ adminSession) {
	c, _ := r.Cookie(sessionCookie) // requireAdmin found it
	if err := s.store.DeleteSession(r.Context(), hashToken(c.Value)); err != nil {
		s.pageError(w, r, err)
		return
	}
	setCookie(w, r, sessionCookie, "", "/admin", -1)
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}
