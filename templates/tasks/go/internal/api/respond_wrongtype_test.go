package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestWrongTypeIs422: a body that is JSON but has a field of the wrong type
// is invalid input naming the field (422), as every stack answers it.
func TestWrongTypeIs422(t *testing.T) {
	r := httptest.NewRequest("POST", "/", strings.NewReader(`{"title":7}`))
	w := httptest.NewRecorder()
	var dst struct {
		Title string `json:"title"`
	}
	if decodeJSON(w, r, &dst) {
		t.Fatal("decodeJSON accepted a number for a string")
	}
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), `"title"`) {
		t.Errorf("answer %d %s, want 422 naming title", w.Code, w.Body)
	}
}
