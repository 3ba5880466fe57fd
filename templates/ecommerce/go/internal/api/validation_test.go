package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestNULFieldNamesTheString(t *testing.T) {
	for raw, want := range map[string]string{
		`{"name": "Lamp"}`:                             "",
		`{"name": "La\u0000mp"}`:                       "name",
		`{"items": [{"sku": "a"}, {"sku": "\u0000"}]}`: "items[1].sku",
		`"\u0000"`:       "body",
		`{"a\u0000": 1}`: "body",
		`{"note": "a backslash then u0000: \\u0000"}`: "",
		`{"broken": "\u0000"`:                         "",
	} {
		if got := nulField([]byte(raw)); got != want {
			t.Errorf("nulField(%s) = %q, want %q", raw, got, want)
		}
	}
}

// echo answers 200 after reading a JSON object with readJSON.
func echo(w http.ResponseWriter, r *http.Request) {
	var body map[string]any
	if readJSON(w, r, &body) {
		writeJSON(w, http.StatusOK, body)
	}
}

func TestNULBytesNeverReachAHandler(t *testing.T) {
	h := hardening(rejectNUL(http.HandlerFunc(echo)))
	for _, tc := range []struct {
		method, target, body string
		status               int
		field                string
	}{
		{"POST", "/x", `{"name": "Lamp"}`, http.StatusOK, ""},
		{"POST", "/x", `{"name": "La\u0000mp"}`, http.StatusUnprocessableEntity, "name"},
		{"GET", "/x?q=%00", "", http.StatusUnprocessableEntity, "q"},
		{"GET", "/x?page=1&category=tea%00", "", http.StatusUnprocessableEntity, "category"},
		{"GET", "/x?a%00b=1", "", http.StatusUnprocessableEntity, "query"},
		{"GET", "/x/%00", "", http.StatusBadRequest, ""},
	} {
		r := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != tc.status {
			t.Errorf("%s %s %s: status %d, want %d (%s)", tc.method, tc.target, tc.body, w.Code, tc.status, w.Body)
		}
		if tc.field != "" && !strings.Contains(w.Body.String(), `"`+tc.field+`":"must not contain NUL bytes"`) &&
			!strings.Contains(w.Body.String(), `"`+tc.field+`":"parameter names must not contain NUL bytes"`) {
			t.Errorf("%s %s: body %s does not name %s", tc.method, tc.target, w.Body, tc.field)
		}
	}
}

func TestPagingIsBounded(t *testing.T) {
	for query, ok := range map[string]bool{
		"page=1": true, "page=1000000&limit=100": true, "page=1000001": false,
		"page=9223372036854775807": false, "page=9223372036854775808": false, "page=-1": false, "page=0": false,
	} {
		fields := map[string]string{}
		page, limit := paging(httptest.NewRequest("GET", "/x?"+query, nil), fields)
		if (len(fields) == 0) != ok {
			t.Errorf("%s: fields %v, want accepted = %v", query, fields, ok)
		}
		if offset := (page - 1) * limit; offset < 0 || offset > 100_000_000 {
			t.Errorf("%s: offset %d", query, offset)
		}
	}
}

// TestWrongTypeIs422 holds Go to the Node and Python stacks: valid JSON
// with a field of the wrong type is invalid input naming the field, not a
// malformed body.
func TestWrongTypeIs422(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Price int64 `json:"price"`
		}
		if readJSON(w, r, &body) {
			writeJSON(w, http.StatusOK, body)
		}
	})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"price": "12"}`)))
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `"price"`) {
		t.Fatalf("%d %s, want 422 naming price", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"price": `)))
	if rec.Code != http.StatusBadRequest {
		t.Errorf("a malformed body: %d, want 400", rec.Code)
	}
}
