package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/store"
)

// History page sizes.
const (
	defaultPage = 50
	maxPage     = 100
)

func (s *Server) listRooms(w http.ResponseWriter, r *http.Request) {
	rooms, err := s.store.Rooms(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": rooms})
}

func (s *Server) createRoom(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name string `json:"name"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	name := strings.TrimSpace(in.Name)
	if name == "" || utf8.RuneCountInString(name) > 64 {
		writeError(w, http.StatusUnprocessableEntity, "name: 1 to 64 characters")
		return
	}
	room, err := s.store.CreateRoom(r.Context(), name, currentUser(r).ID)
	if errors.Is(err, store.ErrConflict) {
		writeError(w, http.StatusConflict, "a room with this name exists")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, room)
}

func (s *Server) getRoom(w http.ResponseWriter, r *http.Request) {
	if room, ok := s.roomFromPath(w, r); ok {
		writeJSON(w, http.StatusOK, room)
	}
}

// history answers a page of a room's messages, oldest first:
// ?limit=1..100 (default 50) and ?before=<message id> for older pages.
// next_before is the cursor of the next older page, null at the start.
func (s *Server) history(w http.ResponseWriter, r *http.Request) {
	room, ok := s.roomFromPath(w, r)
	if !ok {
		return
	}
	limit, before := defaultPage, int64(0)
	q := r.URL.Query()
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPage {
			writeError(w, http.StatusBadRequest, "limit: a number from 1 to 100")
			return
		}
		limit = n
	}
	if v := q.Get("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "before: a message id")
			return
		}
		before = n
	}
	msgs, more, err := s.store.History(r.Context(), room.ID, before, limit)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var next *int64
	if more {
		next = &msgs[0].ID
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": msgs, "has_more": more, "next_before": next})
}

// roomFromPath loads the room named by {id}, answering 404 itself.
func (s *Server) roomFromPath(w http.ResponseWriter, r *http.Request) (store.Room, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, http.StatusNotFound, "room not found")
		return store.Room{}, false
	}
	room, err := s.store.Room(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, "room not found")
		return store.Room{}, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return store.Room{}, false
	}
	return room, true
}
