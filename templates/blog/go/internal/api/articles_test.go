package api

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// publish creates an article by token and returns its slug.
func publish(t testing.TB, h http.Handler, token, title string, tags ...string) string {
	t.Helper()
	if tags == nil {
		tags = []string{}
	}
	body := want(t, send(t, h, call{method: "POST", path: "/api/articles", token: token, body: map[string]any{
		"article": map[string]any{"title": title, "description": "about " + title, "body": "text of " + title, "tagList": tags},
	}}), http.StatusCreated)
	return obj(body, "article")["slug"].(string)
}

var isoMillis = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)

func TestCreateAndReadArticle(t *testing.T) {
	h := newServer(t).Handler()
	ann := register(t, h, "ann")
	slug := publish(t, h, ann, "How to Train Your Dragon!", "dragons", "training", "dragons")
	if slug != "how-to-train-your-dragon" {
		t.Errorf("slug = %q", slug)
	}
	a := obj(want(t, send(t, h, call{method: "GET", path: "/api/articles/" + slug}), http.StatusOK), "article")
	if fmt.Sprint(a["tagList"]) != "[dragons training]" || a["favoritesCount"] != 0.0 || a["favorited"] != false {
		t.Errorf("article = %v", a)
	}
	if !isoMillis.MatchString(a["createdAt"].(string)) || !isoMillis.MatchString(a["updatedAt"].(string)) {
		t.Errorf("times = %v, %v", a["createdAt"], a["updatedAt"])
	}
	if obj(a, "author")["username"] != "ann" {
		t.Errorf("author = %v", a["author"])
	}
	if again := publish(t, h, ann, "How to train your dragon"); again == slug {
		t.Errorf("two articles share the slug %q", slug)
	}
}

func TestArticleValidation(t *testing.T) {
	h := newServer(t).Handler()
	ann := register(t, h, "ann")
	body := want(t, send(t, h, call{method: "POST", path: "/api/articles", token: ann, body: `{"article":{"title":" "}}`}), http.StatusUnprocessableEntity)
	for _, f := range []string{"title", "description", "body"} {
		if !errorAbout(body, f) {
			t.Errorf("errors = %v, want one about %s", body, f)
		}
	}
	want(t, send(t, h, call{method: "POST", path: "/api/articles", body: `{"article":{}}`}), http.StatusUnauthorized)
	want(t, send(t, h, call{method: "POST", path: "/api/articles", token: ann, body: `{"article":`}), http.StatusUnprocessableEntity)
	want(t, send(t, h, call{method: "POST", path: "/api/articles", token: ann, body: `{"article":{"title":7}}`}), http.StatusUnprocessableEntity)
}

func TestListArticles(t *testing.T) {
	h := newServer(t).Handler()
	ann, bob := register(t, h, "ann"), register(t, h, "bob")
	for i := range 3 {
		publish(t, h, ann, fmt.Sprintf("ann %d", i), "go")
	}
	publish(t, h, bob, "bob 0", "rust")

	tests := []struct {
		query       string
		count, page int
		first       string
	}{
		{"", 4, 4, "bob 0"},
		{"?author=ann", 3, 3, "ann 2"},
		{"?tag=go&limit=2", 3, 2, "ann 2"},
		{"?tag=go&limit=2&offset=2", 3, 1, "ann 0"},
		{"?tag=none", 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			body := want(t, send(t, h, call{method: "GET", path: "/api/articles" + tt.query}), http.StatusOK)
			list, _ := body["articles"].([]any)
			if body["articlesCount"] != float64(tt.count) || len(list) != tt.page {
				t.Fatalf("count %v, %d articles; want %d, %d", body["articlesCount"], len(list), tt.count, tt.page)
			}
			if tt.page > 0 {
				first := list[0].(map[string]any)
				if first["title"] != tt.first || first["body"] != nil {
					t.Errorf("first = %v, want %q without a body", first, tt.first)
				}
			}
		})
	}
	want(t, send(t, h, call{method: "GET", path: "/api/articles?limit=0"}), http.StatusUnprocessableEntity)
}

func TestOnlyTheAuthorChangesAnArticle(t *testing.T) {
	h := newServer(t).Handler()
	ann, bob := register(t, h, "ann"), register(t, h, "bob")
	slug := publish(t, h, ann, "Mine")

	want(t, send(t, h, call{method: "PUT", path: "/api/articles/" + slug, token: bob, body: `{"article":{"body":"x"}}`}), http.StatusForbidden)
	want(t, send(t, h, call{method: "DELETE", path: "/api/articles/" + slug, token: bob}), http.StatusForbidden)

	a := obj(want(t, send(t, h, call{method: "PUT", path: "/api/articles/" + slug, token: ann, body: `{"article":{"title":"Still mine","body":"new"}}`}), http.StatusOK), "article")
	if a["slug"] != "still-mine" || a["body"] != "new" || a["description"] != "about Mine" {
		t.Fatalf("updated = %v", a)
	}
	want(t, send(t, h, call{method: "GET", path: "/api/articles/" + slug}), http.StatusNotFound)
	if w := send(t, h, call{method: "DELETE", path: "/api/articles/still-mine", token: ann}); w.Code != http.StatusNoContent || w.Body.Len() != 0 {
		t.Fatalf("DELETE = %d %s", w.Code, w.Body)
	}
	want(t, send(t, h, call{method: "GET", path: "/api/articles/still-mine"}), http.StatusNotFound)
}

func TestSlugify(t *testing.T) {
	for in, out := range map[string]string{"Hello, World!": "hello-world", "  --  ": "article", "Ünïcode ok": "ünïcode-ok", "<script>x</script>": "script-x-script"} {
		if got := slugify(in); got != out {
			t.Errorf("slugify(%q) = %q, want %q", in, got, out)
		}
	}
}

// TestRealWorldDetails holds the rules every stack shares: tag lists in
// alphabetical order, an update's tagList replacing the tags, and errors
// (404 too) in the GenericErrorModel shape.
func TestRealWorldDetails(t *testing.T) {
	h := newServer(t).Handler()
	ann := register(t, h, "ann")
	slug := publish(t, h, ann, "Tags", "web", "go", "api")
	tags := func(body map[string]any) string { return fmt.Sprint(obj(body, "article")["tagList"]) }
	if got := tags(want(t, send(t, h, call{method: "GET", path: "/api/articles/" + slug}), http.StatusOK)); got != "[api go web]" {
		t.Errorf("tagList = %s, want [api go web]", got)
	}
	list := want(t, send(t, h, call{method: "GET", path: "/api/articles"}), http.StatusOK)["articles"].([]any)
	if got := fmt.Sprint(list[0].(map[string]any)["tagList"]); got != "[api go web]" {
		t.Errorf("list tagList = %s, want [api go web]", got)
	}
	updated := want(t, send(t, h, call{method: "PUT", path: "/api/articles/" + slug, token: ann,
		body: `{"article":{"tagList":["zig","c"]}}`}), http.StatusOK)
	if got := tags(updated); got != "[c zig]" {
		t.Errorf("tagList after update = %s, want [c zig]", got)
	}
	kept := want(t, send(t, h, call{method: "PUT", path: "/api/articles/" + slug, token: ann,
		body: `{"article":{"description":"new"}}`}), http.StatusOK)
	if got := tags(kept); got != "[c zig]" {
		t.Errorf("tagList after an update without one = %s, want [c zig]", got)
	}
	for _, path := range []string{"/api/articles/nothing-here", "/api/profiles/nobody", "/api/articles/" + slug + "/comments/999"} {
		method := "GET"
		if strings.Contains(path, "comments") {
			method = "DELETE"
		}
		body := want(t, send(t, h, call{method: method, path: path, token: ann}), http.StatusNotFound)
		if errs := obj(body, "errors"); len(errs) != 1 || errs["body"] == nil {
			t.Errorf("%s %s: %v, want {errors:{body:[…]}}", method, path, body)
		}
	}
}

// TestNullClearsBio: "bio": null in an update clears it, as "" does.
func TestNullClearsBio(t *testing.T) {
	h := newServer(t).Handler()
	ann := register(t, h, "ann")
	want(t, send(t, h, call{method: "PUT", path: "/api/user", token: ann, body: `{"user":{"bio":"hello"}}`}), http.StatusOK)
	body := want(t, send(t, h, call{method: "PUT", path: "/api/user", token: ann, body: `{"user":{"bio":null}}`}), http.StatusOK)
	if bio := obj(body, "user")["bio"]; bio != "" {
		t.Errorf("bio = %#v, want \"\"", bio)
	}
}
