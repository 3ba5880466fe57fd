package api

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestItems(t *testing.T) {
	// waymark:begin solution solve
	srv := httptest.NewServer(NewHandler())
	defer srv.Close()
	do := func(method, path, body string) (*http.Response, string) {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		data, _ := io.ReadAll(res.Body)
		return res, string(data)
	}
	wantJSON := func(res *http.Response) {
		t.Helper()
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s %s: Content-Type %q, want application/json", res.Request.Method, res.Request.URL.Path, ct)
		}
	}

	res, body := do("POST", "/items", `{"name": "lamp"}`)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST /items: status %d, want 201", res.StatusCode)
	}
	wantJSON(res)
	var created item
	if err := json.Unmarshal([]byte(body), &created); err != nil || created.Name != "lamp" || created.ID == 0 {
		t.Fatalf("POST /items: body %s, want the item", body)
	}
	loc := res.Header.Get("Location")
	if loc == "" {
		t.Fatal("POST /items: no Location header")
	}

	res, body = do("GET", loc, "")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `"lamp"`) {
		t.Fatalf("GET %s: %d %s, want 200 and the item", loc, res.StatusCode, body)
	}
	wantJSON(res)

	if res, _ := do("POST", "/items", `{"name": `); res.StatusCode != http.StatusBadRequest {
		t.Errorf("POST /items with a broken body: status %d, want 400", res.StatusCode)
	}
	if res, _ := do("POST", "/items", `{"name": ""}`); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("POST /items with an empty name: status %d, want 422", res.StatusCode)
	}
	if res, _ := do("POST", "/items", `{}`); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("POST /items without a name: status %d, want 422", res.StatusCode)
	}
	res, _ = do("GET", "/items/999999", "")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("GET of an unknown item: status %d, want 404", res.StatusCode)
	}
	wantJSON(res)

	res, body = do("DELETE", loc, "")
	if res.StatusCode != http.StatusNoContent || body != "" {
		t.Errorf("DELETE %s: %d %q, want 204 and no body", loc, res.StatusCode, body)
	}
	if res, _ := do("GET", loc, ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET %s after DELETE: status %d, want 404", loc, res.StatusCode)
	}
	if res, _ := do("DELETE", loc, ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("DELETE %s again: status %d, want 404", loc, res.StatusCode)
	}
	// waymark:end
}
