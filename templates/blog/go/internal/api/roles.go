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

// EnsureAdmin creates (or promotes) the first admin from ADMIN_EMAIL and
// ADMIN_PASSWORD, when they are set.
func (s *Server) EnsureAdmin(ctx context.Context, cfg config.Config) error {
	if cfg.AdminEmail == "" {
		return nil
	}
	hash, err := s.passwords.Hash(cfg.AdminPassword)
	if err != nil {
		return err
	}
	created, err := s.store.EnsureAdmin(ctx, cfg.AdminEmail, cfg.AdminUsername, hash)
	if err != nil {
		return err
	}
	s.log.InfoContext(ctx, "admin account ready", "email", cfg.AdminEmail, "created", created)
	return nil
}
