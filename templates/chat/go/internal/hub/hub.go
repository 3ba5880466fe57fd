// Package hub routes chat frames to the WebSocket clients of each room.
//
// A frame is published to a room; the hub hands it to every local client in
// that room through the client's bounded send queue. A client whose queue is
// full is kicked rather than waited for, so one slow reader never delays the
// others. With a Broker (Redis pub/sub), a published frame travels through
// the broker and every instance delivers it to its own clients.
//
// Order: every member of a room receives the room's frames in one order,
// the order they were published on this instance (with a broker, the order
// the broker relays them, which Redis keeps). Publishing inside Ordered
// makes that order the order in which things happened to the room: a
// membership change and its join or leave event, or a message's insert
// (its id) and its delivery, happen in one turn, so no other change to the
// room can come between them.
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

// Broker carries frames, and the news that a session ended, between
// instances.
type Broker interface {
	// Publish sends a frame to every instance, this one included, and
	// returns once the broker has it: frames published one after the other
	// are relayed in that order.
	Publish(ctx context.Context, room int64, frame []byte) error
	// EndSession tells every instance, this one included, that a session
	// ended (its user logged out).
	EndSession(ctx context.Context, session string) error
	// Run hands every published frame to deliver and every ended session
	// to ended, until ctx ends.
	Run(ctx context.Context, deliver func(room int64, frame []byte), ended func(session string)) error
	// Close releases the broker's connections.
	Close() error
}

// Hub is the set of rooms and the clients in each, on this instance.
type Hub struct {
	broker Broker // nil: this instance alone

	mu       sync.Mutex
	rooms    map[int64]map[*Client]struct{}
	sessions map[string]map[*Client]struct{} // session → its connections

	turnsMu sync.Mutex
	turns   map[int64]*turn // rooms someone is in Ordered for
}

// turn is one room's lock for Ordered, kept while anyone holds or awaits it.
type turn struct {
	mu    sync.Mutex
	users int
}

// New returns a hub that delivers frames on this instance only until
// UseBroker gives it one.
func New() *Hub {
	return &Hub{
		rooms:    map[int64]map[*Client]struct{}{},
		sessions: map[string]map[*Client]struct{}{},
		turns:    map[int64]*turn{},
	}
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
	return h.broker.Run(ctx, h.deliver, func(session string) { h.kickSession(session, CloseLoggedOut) })
}

// Ordered runs fn while no other Ordered call for the same room runs, so
// that what fn changes and publishes reaches every member in the order of
// the calls. fn must not call Ordered.
func (h *Hub) Ordered(room int64, fn func()) {
	h.turnsMu.Lock()
	t := h.turns[room]
	if t == nil {
		t = &turn{}
		h.turns[room] = t
	}
	t.users++
	h.turnsMu.Unlock()

	t.mu.Lock()
	defer func() {
		t.mu.Unlock()
		h.turnsMu.Lock()
		if t.users--; t.users == 0 {
			delete(h.turns, room)
		}
		h.turnsMu.Unlock()
	}()
	fn()
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

// Connect makes c findable by its session, for EndSession. Call
// Disconnect when the connection ends.
func (h *Hub) Connect(c *Client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	conns := h.sessions[c.Session]
	if conns == nil {
		conns = map[*Client]struct{}{}
		h.sessions[c.Session] = conns
	}
	conns[c] = struct{}{}
}

// Disconnect forgets c's session; take it out of its rooms first.
func (h *Hub) Disconnect(c *Client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.sessions[c.Session], c)
	if len(h.sessions[c.Session]) == 0 {
		delete(h.sessions, c.Session)
	}
}

// EndSession closes every connection of a session, on every instance, with
// CloseLoggedOut. This instance's close at once, even if the broker fails.
func (h *Hub) EndSession(ctx context.Context, session string) error {
	h.kickSession(session, CloseLoggedOut)
	if h.broker == nil {
		return nil
	}
	return h.broker.EndSession(ctx, session)
}

func (h *Hub) kickSession(session, reason string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.sessions[session] {
		c.Kick(reason)
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

// RoomsOf lists the rooms c is in, in order.
func (h *Hub) RoomsOf(c *Client) []int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	var in []int64
	for room, members := range h.rooms {
		if _, ok := members[c]; ok {
			in = append(in, room)
		}
	}
	slices.Sort(in)
	return in
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
