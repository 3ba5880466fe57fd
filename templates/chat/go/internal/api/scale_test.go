package api

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/hub"
)

// redisURL is TEST_REDIS_URL; tests that need Redis skip without it.
func redisURL(t *testing.T) string {
	t.Helper()
	url := os.Getenv("TEST_REDIS_URL")
	if url == "" {
		t.Skip("skipping: set TEST_REDIS_URL=redis://127.0.0.1:6379/0 to run the Redis tests")
	}
	return url
}

// Two instances share one database and one Redis: a message sent to the
// first reaches a member connected to the second, and other rooms hear
// nothing.
func TestMessageCrossesInstances(t *testing.T) {
	env := map[string]string{"REDIS_URL": redisURL(t)}
	srvA, a := newTestServer(t, env)
	_, b := serveStore(t, srvA.store, env) // the same database
	if status, body := call(t, a, "GET", "/healthz", "", nil); body["pubsub"] != "redis" {
		t.Fatalf("healthz = %d %v, want pubsub redis", status, body)
	}
	tokens, room := chatRoom(t, a, "ann", "bob")
	other := newRoom(t, a, tokens[0], "other")
	ann := dial(t, a, fmt.Sprintf("token=%s&room=%d", tokens[0], room))
	ann.next(t, "joined") // before bob joins, or ann could miss bob's join
	bob := dial(t, b, fmt.Sprintf("token=%s&room=%d", tokens[1], room))
	eve := dial(t, b, fmt.Sprintf("token=%s&room=%d", tokens[0], other))
	bob.next(t, "joined")
	eve.next(t, "joined")
	ann.nextBy(t, "join", "bob") // from the other instance

	ann.send(t, map[string]any{"type": "message", "room": room, "text": "across"})
	if m := bob.next(t, "message"); m["text"] != "across" {
		t.Fatalf("bob got %v", m)
	}
	if m := ann.next(t, "message"); m["text"] != "across" {
		t.Fatalf("ann got %v (exactly once, through Redis)", m)
	}
	ann.none(t, "message", 300*time.Millisecond)
	eve.none(t, "message", 300*time.Millisecond)
}

// A logout on one instance ends the session's sockets on the others, at
// once rather than at their next ping.
func TestLogoutClosesSocketsOnEveryInstance(t *testing.T) {
	env := map[string]string{"REDIS_URL": redisURL(t)}
	srvA, a := newTestServer(t, env)
	srvB, b := serveStore(t, srvA.store, env)
	srvB.limits.pingEvery = time.Hour // only the news from instance A may close the socket
	tokens, room := chatRoom(t, a, "ann", "bob")
	ann := dial(t, b, fmt.Sprintf("token=%s&room=%d", tokens[0], room))
	ann.next(t, "joined")
	bob := dial(t, b, fmt.Sprintf("token=%s&room=%d", tokens[1], room))
	bob.next(t, "joined")

	if status, _ := call(t, a, "POST", "/api/auth/logout", tokens[0], nil); status != 204 {
		t.Fatalf("logout on instance A = %d", status)
	}
	wantClosed(t, ann, "ann's socket on instance B", hub.CloseLoggedOut)
	bob.nextBy(t, "leave", "ann")
}
