package hub

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func newHub() *Hub { return New() }

func TestPublishReachesOnlyTheRoom(t *testing.T) {
	h := newHub()
	a, b := NewClient(Member{1, "a"}, "s1", 4), NewClient(Member{2, "b"}, "s2", 4)
	h.Join(a, 1)
	h.Join(b, 2)
	h.Publish(context.Background(), 1, []byte("hi"))
	<-a.Ready()
	if got := a.Take(); len(got) != 1 || string(got[0]) != "hi" {
		t.Fatalf("a got %q", got)
	}
	if len(b.Take()) != 0 {
		t.Fatal("b, in another room, got a frame")
	}
}

// A full queue kicks its client and never blocks the publisher or delays
// the others.
func TestFullQueueKicksOnlyThatClient(t *testing.T) {
	h := newHub()
	slow, fast := NewClient(Member{1, "slow"}, "s1", 2), NewClient(Member{2, "fast"}, "s2", 100)
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
	if got := fast.Take(); len(got) != 10 {
		t.Errorf("fast client has %d frames, want 10", len(got))
	}
	select {
	case <-fast.Kicked():
		t.Error("fast client kicked")
	default:
	}
}

// The outbox is bounded by bytes, not frames: a burst of a thousand small
// frames (a big room's join events) fits where a few large ones do not,
// and taking the frames frees their room.
func TestQueueIsBoundedByBytes(t *testing.T) {
	c := NewClient(Member{1, "ann"}, "s1", 10_000)
	frame := []byte(`{"type":"join"}`) // 15 bytes
	for range 600 {
		c.Enqueue(frame)
	}
	if kicked(c) {
		t.Fatal("600 frames of 15 bytes (9,000 bytes) kicked a client with room for 10,000")
	}
	if got := c.Take(); len(got) != 600 {
		t.Fatalf("took %d frames, want 600", len(got))
	}
	for range 600 {
		c.Enqueue(frame)
	}
	if kicked(c) {
		t.Fatal("taking the frames did not free their room")
	}
	c.Enqueue(make([]byte, 1001))
	if !kicked(c) || c.Reason() != CloseSlow {
		t.Fatalf("a frame past the bound did not kick the client: kicked %v, reason %q", kicked(c), c.Reason())
	}
}

func TestJoinAndLeaveCountUsersNotConnections(t *testing.T) {
	h := newHub()
	tab1, tab2 := NewClient(Member{1, "ann"}, "s1", 1), NewClient(Member{1, "ann"}, "s2", 1)
	if !h.Join(tab1, 7) || h.Join(tab2, 7) {
		t.Fatal("only the first tab of a user is a join")
	}
	if len(h.Members(7)) != 1 {
		t.Fatalf("members = %v", h.Members(7))
	}
	if was, last := h.Leave(tab1, 7); !was || last {
		t.Fatal("the first tab leaving is not the user leaving")
	}
	if rooms := h.RoomsOf(tab2); len(rooms) != 1 || rooms[0] != 7 {
		t.Fatalf("RoomsOf = %v", rooms)
	}
	if was, last := h.Leave(tab2, 7); !was || !last {
		t.Fatal("the last tab leaving is the user leaving")
	}
	if len(h.Members(7)) != 0 {
		t.Fatal("room not empty")
	}
}

// Ordered gives a room one turn at a time, and other rooms do not wait.
func TestOrderedTakesTurnsPerRoom(t *testing.T) {
	h := newHub()
	inFirst, release := make(chan struct{}), make(chan struct{})
	go h.Ordered(1, func() { close(inFirst); <-release })
	<-inFirst

	second := make(chan struct{})
	go h.Ordered(1, func() { close(second) })
	otherRoom := make(chan struct{})
	go h.Ordered(2, func() { close(otherRoom) })
	select {
	case <-otherRoom:
	case <-time.After(2 * time.Second):
		t.Fatal("room 2 waited for room 1's turn")
	}
	select {
	case <-second:
		t.Fatal("a second turn of room 1 ran during the first")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	select {
	case <-second:
	case <-time.After(2 * time.Second):
		t.Fatal("the second turn never ran")
	}
	h.turnsMu.Lock()
	defer h.turnsMu.Unlock()
	if len(h.turns) != 0 {
		t.Errorf("%d rooms' turns kept after every turn ended", len(h.turns))
	}
}

func kicked(c *Client) bool {
	select {
	case <-c.Kicked():
		return true
	default:
		return false
	}
}

// A logout ends its session's connections and no other.
func TestEndSessionKicksThatSessionOnly(t *testing.T) {
	h := newHub()
	tab1, tab2 := NewClient(Member{1, "ann"}, "s1", 4), NewClient(Member{1, "ann"}, "s1", 4)
	phone := NewClient(Member{1, "ann"}, "s2", 4)
	for _, c := range []*Client{tab1, tab2, phone} {
		h.Connect(c)
	}
	if err := h.EndSession(context.Background(), "s1"); err != nil {
		t.Fatal(err)
	}
	if !kicked(tab1) || !kicked(tab2) || tab1.Reason() != CloseLoggedOut {
		t.Fatalf("session s1's connections: kicked %v %v, reason %q", kicked(tab1), kicked(tab2), tab1.Reason())
	}
	if kicked(phone) {
		t.Fatal("another session of the same user was kicked")
	}
	for _, c := range []*Client{tab1, tab2, phone} {
		h.Disconnect(c)
	}
	if len(h.sessions) != 0 {
		t.Errorf("sessions kept after every connection ended: %v", h.sessions)
	}
}

// fakeBroker records what the hub sends and lets the test play another
// instance.
type fakeBroker struct {
	ended  []string
	frames chan [2]string // room id as text, frame
	from   chan string    // sessions other instances ended
}

func (b *fakeBroker) Publish(_ context.Context, room int64, frame []byte) error {
	b.frames <- [2]string{fmt.Sprint(room), string(frame)}
	return nil
}

func (b *fakeBroker) EndSession(_ context.Context, session string) error {
	b.ended = append(b.ended, session)
	return nil
}

func (b *fakeBroker) Run(ctx context.Context, _ func(int64, []byte), ended func(string)) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case s := <-b.from:
			ended(s)
		}
	}
}

func (b *fakeBroker) Close() error { return nil }

// With a broker, a logout reaches the other instances, and one there
// reaches this instance's connections.
func TestEndSessionCrossesInstances(t *testing.T) {
	b := &fakeBroker{frames: make(chan [2]string, 8), from: make(chan string)}
	h := newHub()
	h.UseBroker(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go h.Run(ctx)

	mine, theirs := NewClient(Member{1, "ann"}, "s1", 4), NewClient(Member{2, "bob"}, "s2", 4)
	h.Connect(mine)
	h.Connect(theirs)
	h.EndSession(ctx, "s1")
	if !kicked(mine) || fmt.Sprint(b.ended) != "[s1]" {
		t.Fatalf("local logout: kicked %v, broker told %v", kicked(mine), b.ended)
	}
	b.from <- "s2" // bob logged out on another instance
	select {
	case <-theirs.Kicked():
	case <-time.After(2 * time.Second):
		t.Fatal("a logout on another instance did not close bob's connection here")
	}
	if theirs.Reason() != CloseLoggedOut {
		t.Errorf("reason %q", theirs.Reason())
	}
}
