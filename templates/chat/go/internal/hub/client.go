package hub

import "sync"

// Close reasons; each goes with status 1008 (policy violation).
const (
	CloseSlow        = "too slow: send queue full"
	CloseLoggedOut   = "session ended: logged out"
	CloseSessionGone = "session ended: expired or revoked"
)

// Client is one WebSocket connection's outbox. The connection's writer
// drains Outbox; everything else only enqueues.
type Client struct {
	Member  Member
	Session string // the SHA-256 of its token, which EndSession names

	out    chan []byte
	kicked chan struct{}
	once   sync.Once
	reason string
}

// NewClient returns a client of a session whose outbox holds at most queue
// frames.
func NewClient(m Member, session string, queue int) *Client {
	return &Client{Member: m, Session: session, out: make(chan []byte, queue), kicked: make(chan struct{})}
}

// Enqueue adds a frame to the outbox, or kicks the client when the outbox is
// full. It never blocks.
func (c *Client) Enqueue(frame []byte) {
	select {
	case c.out <- frame:
	default:
		c.Kick(CloseSlow)
	}
}

// Kick asks the connection to close with reason; the first reason wins.
func (c *Client) Kick(reason string) {
	c.once.Do(func() {
		c.reason = reason
		close(c.kicked)
	})
}

// Outbox is where the writer takes frames from.
func (c *Client) Outbox() <-chan []byte { return c.out }

// Kicked is closed when the client must be disconnected.
func (c *Client) Kicked() <-chan struct{} { return c.kicked }

// Reason is why the client was kicked; read it after Kicked is closed.
func (c *Client) Reason() string { return c.reason }
