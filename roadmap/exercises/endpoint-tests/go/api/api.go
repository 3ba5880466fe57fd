// Package api is a small items API, and the broken versions of it that
// endpoint tests must catch.
package api

import (
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"sync"
)

// item is one item of the API.
type item struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// store keeps the items in memory.
type store struct {
	mu    sync.Mutex
	items map[int]item
	next  int
	b     bugs
}

// NewHandler returns the API with an empty store. When API_VARIANT names a
// variant, it is that broken version instead, so the tests can be run
// against it.
func NewHandler() http.Handler {
	s := &store{items: map[int]item{}, next: 1, b: bugsOf(os.Getenv("API_VARIANT"))}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /items", s.create)
	mux.HandleFunc("GET /items/{id}", s.get)
	mux.HandleFunc("DELETE /items/{id}", s.delete)
	return mux
}

func (s *store) writeJSON(w http.ResponseWriter, status int, v any) {
	if s.b.textPlain {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the status is sent; nothing better to do
}

func (s *store) create(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name string `json:"name"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&in); err != nil {
		status := http.StatusBadRequest
		if s.b.badJSON500 {
			status = http.StatusInternalServerError
		}
		s.writeJSON(w, status, map[string]string{"error": "the body is not JSON"})
		return
	}
	if in.Name == "" && !s.b.emptyNameOK {
		s.writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": "name is required"})
		return
	}
	s.mu.Lock()
	it := item{ID: s.next, Name: in.Name}
	s.items[it.ID] = it
	s.next++
	s.mu.Unlock()
	if !s.b.noLocation {
		w.Header().Set("Location", "/items/"+strconv.Itoa(it.ID))
	}
	status := http.StatusCreated
	if s.b.created200 {
		status = http.StatusOK
	}
	s.writeJSON(w, status, it)
}

func (s *store) get(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.Atoi(r.PathValue("id"))
	s.mu.Lock()
	it, ok := s.items[id]
	s.mu.Unlock()
	if !ok {
		s.writeJSON(w, http.StatusNotFound, map[string]string{"error": "there is no such item"})
		return
	}
	s.writeJSON(w, http.StatusOK, it)
}

func (s *store) delete(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.Atoi(r.PathValue("id"))
	s.mu.Lock()
	_, ok := s.items[id]
	if !s.b.deleteKeeps {
		delete(s.items, id)
	}
	s.mu.Unlock()
	if !ok {
		s.writeJSON(w, http.StatusNotFound, map[string]string{"error": "there is no such item"})
		return
	}
	if s.b.deleteBody {
		s.writeJSON(w, http.StatusOK, map[string]bool{"deleted": true})
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
