package hub

import (
	"context"
	"fmt"
	"testing"
)

func newHub() *Hub { return New() }

func TestPublishReachesOnlyTheRoom(t *testing.T) {
	h := newHub()
	a, b := NewClient(Member{1, "a"}, 4), NewClient(Member{2, "b"}, 4)
	h.Join(a, 1)
	h.Join(b, 2)
	h.Publish(context.Background(), 1, []byte("hi"))
	if got := string(<-a.Outbox()); got != "hi" {
		t.Fatalf("a got %q", got)
	}
	if len(b.Outbox()) != 0 {
		t.Fatal("b, in another room, got a frame")
	}
}

// A full queue kicks its client and never blocks the publisher or delays
// the others.
func TestFullQueueKicksOnlyThatClient(t *testing.T) {
	h := newHub()
	slow, fast := NewClient(Member{1, "slow"}, 2), NewClient(Member{2, "fast"}, 100)
	h.Join(slow, 1)
	h.Join(fast, 1)
	for i := range 10 {
		h.Publish(context.Background(), 1, []byte(fmt.Sprint(i)))
	}
	select {
	case <-slow.Kicked():
	default:
		t.Fatal("slow client not kicked")
	}
	if slow.Reason() != CloseSlow {
		t.Errorf("reason %q", slow.Reason())
	}
	if len(fast.Outbox()) != 10 {
		t.Errorf("fast client has %d frames, want 10", len(fast.Outbox()))
	}
	select {
	case <-fast.Kicked():
		t.Error("fast client kicked")
	default:
	}
}

func TestJoinAndLeaveCountUsersNotConnections(t *testing.T) {
	h := newHub()
	tab1, tab2 := NewClient(Member{1, "ann"}, 1), NewClient(Member{1, "ann"}, 1)
	if !h.Join(tab1, 7) || h.Join(tab2, 7) {
		t.Fatal("only the first tab of a user is a join")
	}
	if len(h.Members(7)) != 1 {
		t.Fatalf("members = %v", h.Members(7))
	}
	if was, last := h.Leave(tab1, 7); !was || last {
		t.Fatal("the first tab leaving is not the user leaving")
	}
	if gone := h.LeaveAll(tab2); len(gone) != 1 || gone[0] != 7 {
		t.Fatalf("LeaveAll = %v", gone)
	}
	if len(h.Members(7)) != 0 {
		t.Fatal("room not empty")
	}
}
