// Package hub routes chat frames to the WebSocket clients of each room.
//
// A frame is published to a room; the hub hands it to every local client in
// that room through the client's bounded send queue. A client whose queue is
// full is kicked rather than waited for, so one slow reader never delays the
// others. With a Broker (Redis pub/sub), a published frame travels through
// the broker and every instance delivers it to its own clients.
package hub

import (
	"context"
	"slices"
	"strings"
	"sync"
)

// Member is a connected user as the rest of the room sees them.
type Member struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
}

// Broker carries frames between instances.
type Broker interface {
	// Publish sends a frame to every instance, this one included.
	Publish(ctx context.Context, room int64, frame []byte) error
	// Run delivers every published frame until ctx ends.
	Run(ctx context.Context, deliver func(room int64, frame []byte)) error
	// Close releases the broker's connections.
	Close() error
}

// Hub is the set of rooms and the clients in each, on this instance.
type Hub struct {
	broker Broker // nil: this instance alone

	mu    sync.Mutex
	rooms map[int64]map[*Client]struct{}
}

// New returns a hub that delivers frames on this instance only until
// UseBroker gives it one.
func New() *Hub {
	return &Hub{rooms: map[int64]map[*Client]struct{}{}}
}

// UseBroker routes every publication through b. Call it before Run and
// before clients connect.
func (h *Hub) UseBroker(b Broker) { h.broker = b }

// Run pumps the broker's frames to local clients until ctx ends. Without a
// broker it only waits.
func (h *Hub) Run(ctx context.Context) error {
	if h.broker == nil {
		<-ctx.Done()
		return nil
	}
	defer h.broker.Close()
	return h.broker.Run(ctx, h.deliver)
}

// Publish sends a frame to every member of a room, on every instance.
func (h *Hub) Publish(ctx context.Context, room int64, frame []byte) error {
	if h.broker == nil {
		h.deliver(room, frame)
		return nil
	}
	return h.broker.Publish(ctx, room, frame)
}

// deliver queues a frame for each local client of a room without ever
// blocking: a full queue gets its client disconnected.
func (h *Hub) deliver(room int64, frame []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.rooms[room] {
		c.Enqueue(frame)
	}
}

// Join puts c in a room. first reports that no other connection of the same
// user was there on this instance (so a "join" event is news).
func (h *Hub) Join(c *Client, room int64) (first bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	members := h.rooms[room]
	if members == nil {
		members = map[*Client]struct{}{}
		h.rooms[room] = members
	}
	if _, in := members[c]; in {
		return false
	}
	first = !h.userIn(room, c.Member.ID)
	members[c] = struct{}{}
	return first
}

// Leave takes c out of a room. last reports that no other connection of the
// same user stays in it on this instance; was, that c was in it at all.
func (h *Hub) Leave(c *Client, room int64) (was, last bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.leave(c, room)
}

func (h *Hub) leave(c *Client, room int64) (was, last bool) {
	members := h.rooms[room]
	if _, in := members[c]; !in {
		return false, false
	}
	delete(members, c)
	if len(members) == 0 {
		delete(h.rooms, room)
	}
	return true, !h.userIn(room, c.Member.ID)
}

// LeaveAll takes c out of every room and returns the rooms where it was its
// user's last connection, in order.
func (h *Hub) LeaveAll(c *Client) []int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	var gone []int64
	for room := range h.rooms {
		if was, last := h.leave(c, room); was && last {
			gone = append(gone, room)
		}
	}
	slices.Sort(gone)
	return gone
}

// In reports whether c is in a room.
func (h *Hub) In(c *Client, room int64) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	_, in := h.rooms[room][c]
	return in
}

// Members lists the users connected to a room on this instance, once each,
// by username.
func (h *Hub) Members(room int64) []Member {
	h.mu.Lock()
	seen := map[int64]bool{}
	list := []Member{}
	for c := range h.rooms[room] {
		if !seen[c.Member.ID] {
			seen[c.Member.ID] = true
			list = append(list, c.Member)
		}
	}
	h.mu.Unlock()
	slices.SortFunc(list, func(a, b Member) int { return strings.Compare(a.Username, b.Username) })
	return list
}

func (h *Hub) userIn(room, userID int64) bool {
	for c := range h.rooms[room] {
		if c.Member.ID == userID {
			return true
		}
	}
	return false
}
