package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/waymark-dev/waymark/templates/tasks/go/internal/store"
)

// taskJSON is a task as clients see it.
type taskJSON struct {
	ID          int64    `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Status      string   `json:"status"`
	Priority    string   `json:"priority"`
	DueDate     *string  `json:"due_date"`
	Labels      []string `json:"labels"`
	CreatedAt   string   `json:"created_at"`
	UpdatedAt   string   `json:"updated_at"`
}

func toTaskJSON(t store.Task) taskJSON {
	labels := t.Labels
	if labels == nil {
		labels = []string{} // [] in JSON, never null
	}
	return taskJSON{
		ID: t.ID, Title: t.Title, Description: t.Description, Status: t.Status, Priority: t.Priority,
		DueDate: t.DueDate, Labels: labels,
		CreatedAt: t.CreatedAt.Format(time.RFC3339), UpdatedAt: t.UpdatedAt.Format(time.RFC3339),
	}
}

// taskPage is the answer to a listing.
type taskPage struct {
	Data  []taskJSON `json:"data"`
	Page  int        `json:"page"`
	Limit int        `json:"limit"`
	Total int        `json:"total"`
}

// Listing defaults and bounds.
const (
	defaultPageSize = 20
	maxPageSize     = 100
	maxPage         = 100_000
)

func (s *Server) createTask(w http.ResponseWriter, r *http.Request, user store.User) {
	patch, ok := readTaskPatch(w, r)
	if !ok {
		return
	}
	fields := patch.validate()
	if patch.Title == nil {
		fields["title"] = "is required"
	}
	if len(fields) > 0 {
		validationFailed(w, fields)
		return
	}
	t := store.Task{OwnerID: user.ID, Status: "todo", Priority: "medium", Labels: []string{}}
	patch.apply(&t)
	t, err := s.store.CreateTask(r.Context(), t, s.now())
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/tasks/"+strconv.FormatInt(t.ID, 10))
	writeJSON(w, http.StatusCreated, toTaskJSON(t))
}

func (s *Server) listTasks(w http.ResponseWriter, r *http.Request, user store.User) {
	//lint:ignore SA4006 the starter lists with these defaults until the query milestone
	q := store.TaskQuery{Page: 1, Limit: defaultPageSize}
	// waymark:begin solution query
	q, fields := parseTaskQuery(r.URL.Query())
	if len(fields) > 0 {
		validationFailed(w, fields)
		return
	}
	// waymark:stub
	// waymark:end
	tasks, total, err := s.store.ListTasks(r.Context(), user.ID, q)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	page := taskPage{Data: make([]taskJSON, 0, len(tasks)), Page: q.Page, Limit: q.Limit, Total: total}
	for _, t := range tasks {
		page.Data = append(page.Data, toTaskJSON(t))
	}
	writeJSON(w, http.StatusOK, page)
}

func (s *Server) getTask(w http.ResponseWriter, r *http.Request, user store.User) {
	id, ok := taskID(r)
	if !ok {
		writeError(w, http.StatusNotFound, "task not found")
		return
	}
	t, err := s.store.TaskByID(r.Context(), user.ID, id)
	if !s.taskFound(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, toTaskJSON(t))
}

func (s *Server) updateTask(w http.ResponseWriter, r *http.Request, user store.User) {
	id, ok := taskID(r)
	if !ok {
		writeError(w, http.StatusNotFound, "task not found")
		return
	}
	patch, ok := readTaskPatch(w, r)
	if !ok {
		return
	}
	if fields := patch.validate(); len(fields) > 0 {
		validationFailed(w, fields)
		return
	}
	t, err := s.store.UpdateTask(r.Context(), user.ID, id, patch.apply, s.now())
	if !s.taskFound(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, toTaskJSON(t))
}

func (s *Server) deleteTask(w http.ResponseWriter, r *http.Request, user store.User) {
	id, ok := taskID(r)
	if !ok {
		writeError(w, http.StatusNotFound, "task not found")
		return
	}
	if !s.taskFound(w, r, s.store.DeleteTask(r.Context(), user.ID, id)) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// taskID reads the {id} of the path. An id that is not a positive number
// cannot exist, so callers answer 404 for it, like for an unknown id.
func taskID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// taskFound answers a store error: 404 for ErrNotFound, which also covers
// another user's task, and 500 for the rest. It reports whether err was nil.
func (s *Server) taskFound(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case err == nil:
		return true
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "task not found")
	default:
		s.internalError(w, r, err)
	}
	return false
}
