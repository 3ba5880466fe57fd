package api

import (
	"fmt"
	"os"
	"testing"
	"time"
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
