package api

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/store"
)

// newRoom creates a room and returns its id.
func newRoom(t *testing.T, ts *httptest.Server, token, name string) int64 {
	t.Helper()
	status, body := call(t, ts, "POST", "/api/rooms", token, map[string]string{"name": name})
	if status != 201 {
		t.Fatalf("create room = %d %v", status, body)
	}
	return int64(body["id"].(float64))
}

func TestRooms(t *testing.T) {
	_, ts := newTestServer(t, nil)
	token := signUp(t, ts, "ann")
	id := newRoom(t, ts, token, "lobby")
	if status, _ := call(t, ts, "POST", "/api/rooms", token, map[string]string{"name": "lobby"}); status != 409 {
		t.Errorf("duplicate room = %d, want 409", status)
	}
	if status, _ := call(t, ts, "POST", "/api/rooms", token, map[string]string{"name": "  "}); status != 422 {
		t.Errorf("blank name = %d, want 422", status)
	}
	status, body := call(t, ts, "GET", "/api/rooms", token, nil)
	if rooms := body["data"].([]any); status != 200 || len(rooms) != 1 {
		t.Fatalf("list = %d %v", status, body)
	}
	if status, body := call(t, ts, "GET", fmt.Sprintf("/api/rooms/%d", id), token, nil); status != 200 || body["name"] != "lobby" {
		t.Errorf("get = %d %v", status, body)
	}
	for _, path := range []string{"/api/rooms/999", "/api/rooms/x/messages"} {
		if status, _ := call(t, ts, "GET", path, token, nil); status != 404 {
			t.Errorf("GET %s = %d, want 404", path, status)
		}
	}
	if status, _ := call(t, ts, "GET", "/api/rooms", "", nil); status != 401 {
		t.Errorf("rooms without a token = %d, want 401", status)
	}
}

func TestHistoryPages(t *testing.T) {
	srv, ts := newTestServer(t, nil)
	token := signUp(t, ts, "ann")
	room := newRoom(t, ts, token, "lobby")
	other := newRoom(t, ts, token, "other")
	_, me := call(t, ts, "GET", "/api/auth/me", token, nil)
	author := store.Author{ID: int64(me["id"].(float64)), Username: "ann"}
	for i := range 5 {
		if _, err := srv.store.AddMessage(context.Background(), room, author, fmt.Sprint("m", i)); err != nil {
			t.Fatal(err)
		}
	}
	srv.store.AddMessage(context.Background(), other, author, "elsewhere")

	var got []string
	path := fmt.Sprintf("/api/rooms/%d/messages?limit=2", room)
	for page := 0; ; page++ {
		status, body := call(t, ts, "GET", path, token, nil)
		if status != 200 || page > 3 {
			t.Fatalf("page %d = %d %v", page, status, body)
		}
		var texts []string
		for _, m := range body["data"].([]any) {
			texts = append(texts, m.(map[string]any)["text"].(string))
		}
		got = append(texts, got...)
		if body["has_more"] != true {
			break
		}
		path = fmt.Sprintf("/api/rooms/%d/messages?limit=2&before=%v", room, body["next_before"])
	}
	if fmt.Sprint(got) != "[m0 m1 m2 m3 m4]" {
		t.Errorf("history = %v, want m0..m4 oldest first without other rooms", got)
	}
	if status, _ := call(t, ts, "GET", fmt.Sprintf("/api/rooms/%d/messages?limit=500", room), token, nil); status != 400 {
		t.Errorf("limit=500 = %d, want 400", status)
	}
}
