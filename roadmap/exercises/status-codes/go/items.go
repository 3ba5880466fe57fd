package main

import (
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// item is one stored thing.
type item struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// store keeps the items in memory; handlers run concurrently, so every
// access holds the lock.
type store struct {
	mu    sync.Mutex
	items map[int]item
	next  int
}

func newStore() *store { return &store{items: map[int]item{}, next: 1} }

// create answers POST /items: 201 with the new item and its Location, or
// 415, 400 or 422 for a request it cannot accept.
func (s *store) create(w http.ResponseWriter, r *http.Request) {
	// waymark:begin solution solve
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "send the item as JSON (Content-Type: application/json)")
		return
	}
	var in struct {
		Name string `json:"name"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "the body is not valid JSON")
		return
	}
	if strings.TrimSpace(in.Name) == "" {
		writeError(w, http.StatusUnprocessableEntity, "name is required")
		return
	}
	s.mu.Lock()
	it := item{ID: s.next, Name: in.Name}
	s.items[it.ID] = it
	s.next++
	s.mu.Unlock()
	w.Header().Set("Location", "/items/"+strconv.Itoa(it.ID))
	writeJSON(w, http.StatusCreated, it)
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// get answers GET /items/{id}: 200 with the item, or 404.
func (s *store) get(w http.ResponseWriter, r *http.Request) {
	// waymark:begin solution solve
	id, err := strconv.Atoi(r.PathValue("id"))
	s.mu.Lock()
	it, ok := s.items[id]
	s.mu.Unlock()
	if err != nil || !ok {
		writeError(w, http.StatusNotFound, "no such item")
		return
	}
	writeJSON(w, http.StatusOK, it)
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// delete answers DELETE /items/{id}: 204 and no body, or 404.
func (s *store) delete(w http.ResponseWriter, r *http.Request) {
	// waymark:begin solution solve
	id, err := strconv.Atoi(r.PathValue("id"))
	s.mu.Lock()
	_, ok := s.items[id]
	delete(s.items, id)
	s.mu.Unlock()
	if err != nil || !ok {
		writeError(w, http.StatusNotFound, "no such item")
		return
	}
	w.WriteHeader(http.StatusNoContent)
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}
