package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
)

// article is the one document the server holds.
type article struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

// document is the article and the lock that keeps a read-compare-write of
// it whole: two PUTs with the same If-Match must not both succeed.
type document struct {
	mu      sync.Mutex
	current article
}

// etagOf names one version of a: a strong tag, quoted, that changes
// exactly when a's JSON does.
func etagOf(a article) string {
	// waymark:begin solution solve
	data, _ := json.Marshal(a) // two strings always encode
	sum := sha256.Sum256(data)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
	// waymark:end
}

// get answers GET /article: 200 with the article and its ETag, or 304
// when If-None-Match names the current version.
func (d *document) get(w http.ResponseWriter, r *http.Request) {
	// waymark:begin solution solve
	d.mu.Lock()
	a := d.current
	d.mu.Unlock()
	tag := etagOf(a)
	w.Header().Set("ETag", tag)
	w.Header().Set("Cache-Control", "no-cache")
	if inm := r.Header.Get("If-None-Match"); inm != "" && matches(inm, tag, true) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeJSON(w, http.StatusOK, a)
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// put answers PUT /article: 428 without If-Match, 412 when it names
// another version, else stores the article and answers 200 with its ETag.
func (d *document) put(w http.ResponseWriter, r *http.Request) {
	// waymark:begin solution solve
	im := r.Header.Get("If-Match")
	if im == "" {
		writeError(w, http.StatusPreconditionRequired, "send If-Match with the ETag of the version you are changing")
		return
	}
	var in struct {
		Title *string `json:"title"`
		Body  *string `json:"body"`
	}
	err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&in)
	d.mu.Lock()
	defer d.mu.Unlock()
	if !matches(im, etagOf(d.current), false) {
		writeError(w, http.StatusPreconditionFailed, "the article changed since you read it: GET it again")
		return
	}
	if err != nil || in.Title == nil || in.Body == nil {
		writeError(w, http.StatusBadRequest, "send the article as JSON with a string title and body")
		return
	}
	d.current = article{Title: *in.Title, Body: *in.Body}
	w.Header().Set("ETag", etagOf(d.current))
	writeJSON(w, http.StatusOK, d.current)
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// matches reports whether the header's list of tags (or "*") names tag.
// Weak comparison (If-None-Match) ignores a W/ prefix; strong comparison
// (If-Match) never matches a weak tag.
func matches(header, tag string, weak bool) bool {
	// waymark:begin solution solve
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" {
			return true
		}
		if strings.HasPrefix(t, "W/") {
			if !weak {
				continue
			}
			t = t[2:]
		}
		if t == tag {
			return true
		}
	}
	return false
	// waymark:end
}
