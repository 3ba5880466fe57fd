package api

import (
	"fmt"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/store/storetest"
)

// nextBy waits for a frame of type typ about user, skipping others (a
// joiner also hears its own join).
func (w *wsConn) nextBy(t *testing.T, typ, user string) map[string]any {
	t.Helper()
	for {
		f := w.next(t, typ)
		if u, _ := f["user"].(map[string]any); u != nil && u["username"] == user {
			return f
		}
	}
}

func usernames(f map[string]any) []string {
	var names []string
	for _, u := range f["users"].([]any) {
		names = append(names, u.(map[string]any)["username"].(string))
	}
	return names
}

func TestJoinLeaveAndPresenceList(t *testing.T) {
	_, ts := newTestServer(t, nil)
	tokens, room := chatRoom(t, ts, "ann", "bob")
	ann := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[0], room))
	if p := ann.next(t, "presence"); fmt.Sprint(usernames(p)) != "[ann]" {
		t.Fatalf("first presence = %v", p)
	}
	bob := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[1], room))
	if p := bob.next(t, "presence"); fmt.Sprint(usernames(p)) != "[ann bob]" {
		t.Fatalf("bob's presence = %v", p)
	}
	if j := ann.nextBy(t, "join", "bob"); j == nil {
		t.Fatalf("join = %v", j)
	}
	_, body := call(t, ts, "GET", fmt.Sprintf("/api/rooms/%d/presence", room), tokens[0], nil)
	if fmt.Sprint(usernames(body)) != "[ann bob]" {
		t.Fatalf("GET presence = %v", body)
	}

	bob.send(t, map[string]any{"type": "typing", "room": room})
	if ty := ann.next(t, "typing"); ty["user"].(map[string]any)["username"] != "bob" {
		t.Fatalf("typing = %v", ty)
	}

	bob.send(t, map[string]any{"type": "leave", "room": room})
	bob.next(t, "left")
	if l := ann.nextBy(t, "leave", "bob"); l == nil {
		t.Fatalf("leave = %v", l)
	}
	ann.send(t, map[string]any{"type": "presence", "room": room})
	if p := ann.next(t, "presence"); fmt.Sprint(usernames(p)) != "[ann]" {
		t.Fatalf("presence after leave = %v", p)
	}
}

func TestDisconnectIsALeave(t *testing.T) {
	_, ts := newTestServer(t, nil)
	tokens, room := chatRoom(t, ts, "ann", "bob")
	ann := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[0], room))
	ann.next(t, "joined")
	bob := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[1], room))
	ann.nextBy(t, "join", "bob")
	bob.CloseNow()
	if l := ann.nextBy(t, "leave", "bob"); l == nil {
		t.Fatalf("leave = %v", l)
	}
}

// A second tab of the same user is not news to the room.
func TestSecondConnectionOfAUserIsNotAJoin(t *testing.T) {
	_, ts := newTestServer(t, nil)
	tokens, room := chatRoom(t, ts, "ann", "bob")
	ann := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[0], room))
	ann.next(t, "joined")
	dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[1], room))
	ann.nextBy(t, "join", "bob")
	dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[1], room)).next(t, "joined")
	ann.none(t, "join", 300*time.Millisecond)
}

// Every member hears a room's join events in the order the users joined,
// the order the presence lists tell, however slow the broker is to take
// any one of them.
func TestJoinEventsKeepTheOrderOfJoining(t *testing.T) {
	b := newSlowBroker(300*time.Millisecond, slowFrames(`"type":"join"`, `"username":"ann"`))
	_, ts := serveStoreWith(t, storetest.Open(t), nil, withSlowBroker(b))
	tokens, room := chatRoom(t, ts, "zed", "ann", "bob")
	zed := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[0], room))
	zed.next(t, "joined")
	dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[1], room)).next(t, "joined")
	bob := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[2], room))
	if p := bob.next(t, "presence"); fmt.Sprint(usernames(p)) != "[ann bob zed]" {
		t.Fatalf("bob's presence = %v", p)
	}
	var heard []string
	for len(heard) < 2 {
		if u := zed.next(t, "join")["user"].(map[string]any)["username"]; u != "zed" {
			heard = append(heard, u.(string))
		}
	}
	if fmt.Sprint(heard) != "[ann bob]" {
		t.Fatalf("zed heard %v join, want [ann bob]: ann was in the room before bob (bob's presence list says so)", heard)
	}
}
