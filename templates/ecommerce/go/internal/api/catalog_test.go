package api

import (
	"context"
	"net/http"
	"testing"
)

func seededApp(t *testing.T) app {
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
