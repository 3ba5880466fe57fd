package main

import (
	"encoding/json"
	"math"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// book is one book of the resource.
type book struct {
	ID     int    `json:"id"`
	Title  string `json:"title"`
	Author string `json:"author"`
	Year   int    `json:"year"`
	ISBN   string `json:"isbn,omitempty"`
}

// store keeps the books in memory.
type store struct {
	mu    sync.Mutex
	books map[int]book
	next  int
}

func newStore() *store { return &store{books: map[int]book{}, next: 1} }

// list answers GET /books with every book, by id.
func (s *store) list(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []book{}
	for id := 1; id < s.next; id++ {
		if b, ok := s.books[id]; ok {
			out = append(out, b)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// get answers GET /books/{id}.
func (s *store) get(w http.ResponseWriter, r *http.Request) {
	// waymark:begin solution solve
	s.mu.Lock()
	b, ok := s.books[bookID(r)]
	s.mu.Unlock()
	if !ok {
		writeProblem(w, http.StatusNotFound, "There is no such book", nil)
		return
	}
	writeJSON(w, http.StatusOK, b)
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// create answers POST /books: 201 with a Location, or the problem.
func (s *store) create(w http.ResponseWriter, r *http.Request) {
	// waymark:begin solution solve
	b, ok := readBook(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	b.ID = s.next
	s.next++
	s.books[b.ID] = b
	s.mu.Unlock()
	w.Header().Set("Location", "/books/"+strconv.Itoa(b.ID))
	writeJSON(w, http.StatusCreated, b)
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// replace answers PUT /books/{id}: the book replaced whole, or the problem.
func (s *store) replace(w http.ResponseWriter, r *http.Request) {
	// waymark:begin solution solve
	id := bookID(r)
	s.mu.Lock()
	_, ok := s.books[id]
	s.mu.Unlock()
	if !ok {
		writeProblem(w, http.StatusNotFound, "There is no such book", nil)
		return
	}
	b, ok := readBook(w, r)
	if !ok {
		return
	}
	b.ID = id
	s.mu.Lock()
	s.books[id] = b
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, b)
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// delete answers DELETE /books/{id}: 204, or 404.
func (s *store) delete(w http.ResponseWriter, r *http.Request) {
	// waymark:begin solution solve
	id := bookID(r)
	s.mu.Lock()
	_, ok := s.books[id]
	delete(s.books, id)
	s.mu.Unlock()
	if !ok {
		writeProblem(w, http.StatusNotFound, "There is no such book", nil)
		return
	}
	w.WriteHeader(http.StatusNoContent)
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// bookID is the path's id, 0 (no book) when it is not a number.
func bookID(r *http.Request) int {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		return 0
	}
	return id
}

// waymark:begin solution solve

// readBook decodes and validates the request's book, answering 415, 400
// or 422 itself when it cannot.
func readBook(w http.ResponseWriter, r *http.Request) (book, bool) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		writeProblem(w, http.StatusUnsupportedMediaType, "Send the book as application/json", nil)
		return book{}, false
	}
	var in map[string]any
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&in); err != nil || in == nil {
		writeProblem(w, http.StatusBadRequest, "The body is not a JSON object", nil)
		return book{}, false
	}
	b, fields := validate(in)
	if len(fields) > 0 {
		writeProblem(w, http.StatusUnprocessableEntity, "The book is not valid", fields)
		return book{}, false
	}
	return b, true
}

// validate checks every field of in and returns the book, or a message
// for each field that is wrong.
func validate(in map[string]any) (book, map[string]string) {
	var b book
	fields := map[string]string{}
	if t, ok := in["title"].(string); !ok || t == "" || utf8.RuneCountInString(t) > 200 {
		fields["title"] = "is required: a string of 1 to 200 characters"
	} else {
		b.Title = t
	}
	if a, ok := in["author"].(string); !ok || strings.TrimSpace(a) == "" {
		fields["author"] = "is required: a non-empty string"
	} else {
		b.Author = a
	}
	if y, ok := in["year"].(float64); !ok || y != math.Trunc(y) || y < 1450 || y > 2100 {
		fields["year"] = "must be a whole number from 1450 to 2100"
	} else {
		b.Year = int(y)
	}
	if v, present := in["isbn"]; present {
		if s, ok := v.(string); !ok || len(s) != 13 || strings.Trim(s, "0123456789") != "" {
			fields["isbn"] = "must be a string of 13 digits"
		} else {
			b.ISBN = s
		}
	}
	for k := range in {
		switch k {
		case "title", "author", "year", "isbn":
		default:
			fields[k] = "is not a field you can set"
		}
	}
	return b, fields
}

// waymark:end
