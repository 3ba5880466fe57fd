package api

import (
	"fmt"
	"net/http"
	"testing"
)

func TestFollowAndFeed(t *testing.T) {
	h := newServer(t).Handler()
	ann, bob, cat := register(t, h, "ann"), register(t, h, "bob"), register(t, h, "cat")
	followed := publish(t, h, ann, "By ann")
	publish(t, h, bob, "By bob")

	p := obj(want(t, send(t, h, call{method: "POST", path: "/api/profiles/ann/follow", token: cat}), http.StatusOK), "profile")
	if p["following"] != true || p["username"] != "ann" {
		t.Fatalf("profile = %v", p)
	}
	feed := want(t, send(t, h, call{method: "GET", path: "/api/articles/feed", token: cat}), http.StatusOK)
	list := feed["articles"].([]any)
	if feed["articlesCount"] != 1.0 || len(list) != 1 || list[0].(map[string]any)["slug"] != followed {
		t.Fatalf("feed = %v", feed)
	}
	p = obj(want(t, send(t, h, call{method: "GET", path: "/api/profiles/ann", token: cat}), http.StatusOK), "profile")
	if p["following"] != true {
		t.Errorf("profile = %v", p)
	}
	want(t, send(t, h, call{method: "DELETE", path: "/api/profiles/ann/follow", token: cat}), http.StatusOK)
	if feed := want(t, send(t, h, call{method: "GET", path: "/api/articles/feed", token: cat}), http.StatusOK); feed["articlesCount"] != 0.0 {
		t.Errorf("feed after unfollow = %v", feed)
	}
	want(t, send(t, h, call{method: "GET", path: "/api/articles/feed"}), http.StatusUnauthorized)
	want(t, send(t, h, call{method: "GET", path: "/api/profiles/nobody"}), http.StatusNotFound)
	want(t, send(t, h, call{method: "POST", path: "/api/profiles/cat/follow", token: cat}), http.StatusUnprocessableEntity)
}

func TestFavorites(t *testing.T) {
	h := newServer(t).Handler()
	ann, bob := register(t, h, "ann"), register(t, h, "bob")
	slug := publish(t, h, ann, "Likeable")
	fav := func(method, token string) map[string]any {
		return obj(want(t, send(t, h, call{method: method, path: "/api/articles/" + slug + "/favorite", token: token}), http.StatusOK), "article")
	}
	for i, step := range []struct {
		method, token string
		favorited     bool
		count         float64
	}{
		{"POST", ann, true, 1}, {"POST", ann, true, 1}, {"POST", bob, true, 2}, {"DELETE", ann, false, 1},
	} {
		a := fav(step.method, step.token)
		if a["favorited"] != step.favorited || a["favoritesCount"] != step.count {
			t.Fatalf("step %d: %v", i, a)
		}
	}
	list := want(t, send(t, h, call{method: "GET", path: "/api/articles?favorited=bob"}), http.StatusOK)
	if list["articlesCount"] != 1.0 {
		t.Errorf("favorited=bob = %v", list)
	}
}

func TestComments(t *testing.T) {
	h := newServer(t).Handler()
	ann, bob := register(t, h, "ann"), register(t, h, "bob")
	slug := publish(t, h, ann, "Discuss")
	c := obj(want(t, send(t, h, call{method: "POST", path: "/api/articles/" + slug + "/comments", token: bob, body: `{"comment":{"body":"Nice"}}`}), http.StatusOK), "comment")
	if c["body"] != "Nice" || obj(c, "author")["username"] != "bob" || !isoMillis.MatchString(c["createdAt"].(string)) {
		t.Fatalf("comment = %v", c)
	}
	id := fmt.Sprint(c["id"])
	want(t, send(t, h, call{method: "POST", path: "/api/articles/" + slug + "/comments", token: bob, body: `{"comment":{"body":" "}}`}), http.StatusUnprocessableEntity)
	list := want(t, send(t, h, call{method: "GET", path: "/api/articles/" + slug + "/comments"}), http.StatusOK)
	if len(list["comments"].([]any)) != 1 {
		t.Fatalf("comments = %v", list)
	}
	path := "/api/articles/" + slug + "/comments/" + id
	want(t, send(t, h, call{method: "DELETE", path: path, token: ann}), http.StatusForbidden)
	want(t, send(t, h, call{method: "DELETE", path: path, token: bob}), http.StatusNoContent)
	want(t, send(t, h, call{method: "DELETE", path: path, token: bob}), http.StatusNotFound)
	want(t, send(t, h, call{method: "DELETE", path: "/api/articles/" + slug + "/comments/abc", token: bob}), http.StatusNotFound)
}

func TestTags(t *testing.T) {
	h := newServer(t).Handler()
	ann := register(t, h, "ann")
	publish(t, h, ann, "One", "go", "web")
	publish(t, h, ann, "Two", "go")
	body := want(t, send(t, h, call{method: "GET", path: "/api/tags"}), http.StatusOK)
	if fmt.Sprint(body["tags"]) != "[go web]" { // alphabetical, not by use
		t.Errorf("tags = %v", body["tags"])
	}
}
