package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/waymark-dev/waymark/templates/blog/go/internal/config"
	"github.com/waymark-dev/waymark/templates/blog/go/internal/store"
)

// setRole is PUT /api/admin/users/{username}/role with {"role": "editor"}.
// Only admins may, and an admin may not demote themselves (the last admin
// would lock everybody out).
func (s *Server) setRole(w http.ResponseWriter, r *http.Request, caller store.User) {
	if caller.Role != store.RoleAdmin {
		fail(w, http.StatusForbidden, "only admins may change roles")
		return
	}
	var in struct {
		Role store.Role `json:"role"`
	}
	if !decode(w, r, &in) {
		return
	}
	if !in.Role.Valid() {
		writeErrors(w, http.StatusUnprocessableEntity, fieldErrors{"role": {"must be reader, author, editor or admin"}})
		return
	}
	if r.PathValue("username") == caller.Username && in.Role != store.RoleAdmin {
		writeErrors(w, http.StatusUnprocessableEntity, fieldErrors{"role": {"you cannot demote yourself"}})
		return
	}
	u, err := s.store.SetRole(r.Context(), r.PathValue("username"), in.Role)
	if errors.Is(err, store.ErrNotFound) {
		writeErrors(w, http.StatusNotFound, fieldErrors{"profile": {"not found"}})
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.log.InfoContext(r.Context(), "role changed", "by", caller.Username, "user", u.Username, "role", u.Role)
	writeJSON(w, http.StatusOK, map[string]any{"profile": map[string]any{
		"username": u.Username, "bio": u.Bio, "image": u.Image, "role": u.Role,
	}})
}

// EnsureAdmin creates the first admin from ADMIN_EMAIL and ADMIN_PASSWORD,
// when they are set and no account has that email. An existing account is
// never promoted (see store.AdminRefused): the log says what to do instead,
// and the blog starts anyway, so that a stranger's sign-up cannot keep it
// down.
func (s *Server) EnsureAdmin(ctx context.Context, cfg config.Config) error {
	if cfg.AdminEmail == "" {
		return nil
	}
	hash, err := s.passwords.Hash(cfg.AdminPassword)
	if err != nil {
		return err
	}
	result, u, err := s.store.EnsureAdmin(ctx, cfg.AdminEmail, cfg.AdminUsername, hash)
	if err != nil {
		return err
	}
	switch result {
	case store.AdminRefused:
		s.log.ErrorContext(ctx, "ADMIN_EMAIL belongs to an account that is not an admin, so it was not promoted: "+
			"whoever registered it chose its password. If the account is yours, set ADMIN_EMAIL to an address "+
			"no account has, restart, sign in to /admin as that new admin and give this account the admin role "+
			"on the Users page; if it is not yours, delete it or choose another ADMIN_EMAIL",
			"email", cfg.AdminEmail, "username", u.Username, "role", u.Role)
	case store.AdminCreated:
		s.log.InfoContext(ctx, "admin account created", "email", u.Email, "username", u.Username)
	default:
		s.log.InfoContext(ctx, "admin account ready", "email", u.Email, "username", u.Username)
	}
	return nil
}
