package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func seededApp(t testing.TB) app {
	t.Helper()
	a := newApp(t)
	if _, err := a.st.SeedCatalog(context.Background(), "EUR"); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestCatalogQueries(t *testing.T) {
	a := seededApp(t)
	for _, tc := range []struct {
		path      string
		total     float64
		firstName string
	}{
		{"/api/products", 8, "The Go Programming Language"},
		{"/api/products?category=coffee", 2, "Espresso Beans 1kg"},
		{"/api/products?min_price=2000&max_price=3000&sort=price_asc", 2, "Espresso Beans 1kg"},
		{"/api/products?q=DEBUGGING", 1, "Rubber Duck"},
		{"/api/products?q=50%25", 0, ""},
		{"/api/products?sort=price_desc&limit=2&page=1", 8, "Mechanical Keyboard"},
		{"/api/products?sort=price_asc&limit=2&page=2", 8, "HTTP Pocket Reference"},
	} {
		got := want(t, a.do(t, call{method: "GET", path: tc.path}), http.StatusOK)
		data := got["data"].([]any)
		if got["total"] != tc.total {
			t.Errorf("%s: total = %v, want %v", tc.path, got["total"], tc.total)
		}
		if tc.firstName != "" && (len(data) == 0 || data[0].(map[string]any)["name"] != tc.firstName) {
			t.Errorf("%s: first = %v, want %s", tc.path, data, tc.firstName)
		}
	}
}

func TestCatalogRefusesBadQueries(t *testing.T) {
	a := seededApp(t)
	for _, path := range []string{"/api/products?limit=0", "/api/products?limit=101", "/api/products?min_price=abc", "/api/products?sort=cheapest"} {
		want(t, a.do(t, call{method: "GET", path: path}), http.StatusUnprocessableEntity)
	}
}

func TestProductDetailAndCategories(t *testing.T) {
	a := seededApp(t)
	p := want(t, a.do(t, call{method: "GET", path: "/api/products/1"}), http.StatusOK)
	if p["price"] != 3999.0 || p["currency"] != "EUR" || p["category"] != "books" {
		t.Fatalf("product 1 = %v", p)
	}
	want(t, a.do(t, call{method: "GET", path: "/api/products/999"}), http.StatusNotFound)
	want(t, a.do(t, call{method: "GET", path: "/api/products/abc"}), http.StatusNotFound)
	cats := want(t, a.do(t, call{method: "GET", path: "/api/categories"}), http.StatusOK)
	if len(cats["data"].([]any)) != 3 {
		t.Fatalf("categories = %v", cats)
	}
}

func TestSeedIsIdempotent(t *testing.T) {
	a := seededApp(t)
	if again, err := a.st.SeedCatalog(context.Background(), "EUR"); err != nil || again {
		t.Fatalf("second seed: %v %v", again, err)
	}
}

// TestCatalogRefusesNULAndHugePages runs on SQLite and, with
// TEST_DATABASE_URL, on PostgreSQL, which would fail these queries with a
// 500 (a NUL in text, a negative OFFSET) if they reached it.
func TestCatalogRefusesNULAndHugePages(t *testing.T) {
	a := seededApp(t)
	for path, status := range map[string]int{
		"/api/products?q=%00":                         http.StatusUnprocessableEntity,
		"/api/products?q=duck%00":                     http.StatusUnprocessableEntity,
		"/api/products?category=gear%00":              http.StatusUnprocessableEntity,
		"/api/products?sort=name%00":                  http.StatusUnprocessableEntity,
		"/api/products/1%00":                          http.StatusBadRequest,
		"/api/products/%00":                           http.StatusBadRequest,
		"/api/products?page=9223372036854775807":      http.StatusUnprocessableEntity,
		"/api/products?page=1000001":                  http.StatusUnprocessableEntity,
		"/api/products?page=1000000&limit=100":        http.StatusOK,
		"/api/products?page=99999999999999999999":     http.StatusUnprocessableEntity,
		"/api/products?min_price=9223372036854775807": http.StatusOK,
	} {
		if w := a.do(t, call{method: "GET", path: path}); w.Code != status {
			t.Errorf("GET %s: status %d, want %d: %s", path, w.Code, status, w.Body)
		}
	}
}

// FuzzCatalogQueryNeverFails sends one value as every query parameter of
// the product list: whatever it is, the answer is never a 5xx. `go test`
// runs the seeds; `go test -fuzz FuzzCatalogQueryNeverFails ./internal/api`
// explores further.
func FuzzCatalogQueryNeverFails(f *testing.F) {
	for _, seed := range []string{"", "duck", "\x00", "a\x00b", "9223372036854775807", "-1", "1e3", "%", "_", `\`, "'", "é", strings.Repeat("x", 200)} {
		f.Add(seed)
	}
	a := seededApp(f)
	f.Fuzz(func(t *testing.T, v string) {
		for _, key := range []string{"q", "category", "sort", "page", "limit", "min_price", "max_price"} {
			path := "/api/products?" + url.Values{key: {v}}.Encode()
			if w := a.do(t, call{method: "GET", path: path}); w.Code >= 500 {
				t.Fatalf("GET %s: status %d: %s", path, w.Code, w.Body)
			}
		}
		if w := a.do(t, call{method: "GET", path: "/api/products/" + url.PathEscape(v)}); w.Code >= 500 {
			t.Fatalf("GET /api/products/%s: status %d: %s", url.PathEscape(v), w.Code, w.Body)
		}
	})
}
