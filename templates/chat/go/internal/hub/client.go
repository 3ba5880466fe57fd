package hub

import "sync"

// Close reasons; each goes with status 1008 (policy violation).
const (
	CloseSlow        = "too slow: send queue full"
	CloseLoggedOut   = "session ended: logged out"
	CloseSessionGone = "session ended: expired or revoked"
)

// Client is one WebSocket connection's outbox. The connection's writer
// takes frames with Take when Ready says some wait; everything else only
// enqueues.
//
// The outbox is bounded by the bytes it holds, not by a count of frames: a
// burst of small frames (a thousand users joining a room is a thousand join
// events for everyone already there) fits, while a client that stops
// reading still fills it and is kicked. It holds no memory while it is
// empty, which is most of the time, so an idle connection costs little.
type Client struct {
	Member  Member
	Session string // the SHA-256 of its token, which EndSession names

	max    int           // bytes the outbox may hold
	mu     sync.Mutex    // guards queued and size
	queued [][]byte      // oldest first
	size   int           // bytes in queued
	ready  chan struct{} // holds a token while frames wait
	kicked chan struct{}
	once   sync.Once
	reason string
}

// NewClient returns a client of a session whose outbox holds at most
// maxBytes bytes of frames.
func NewClient(m Member, session string, maxBytes int) *Client {
	return &Client{Member: m, Session: session, max: maxBytes, ready: make(chan struct{}, 1), kicked: make(chan struct{})}
}

// Enqueue adds a frame to the outbox, or kicks the client when the frame
// does not fit. It never blocks. Frames for a kicked client are dropped.
func (c *Client) Enqueue(frame []byte) {
	select {
	case <-c.kicked:
		return
	default:
	}
	c.mu.Lock()
	fits := c.size+len(frame) <= c.max
	if fits {
		c.queued = append(c.queued, frame)
		c.size += len(frame)
	}
	c.mu.Unlock()
	if !fits {
		c.Kick(CloseSlow)
		return
	}
	select {
	case c.ready <- struct{}{}:
	default: // the writer has been told already
	}
}

// Ready receives when frames wait in the outbox.
func (c *Client) Ready() <-chan struct{} { return c.ready }

// Take empties the outbox, returning its frames oldest first (none when it
// was empty). Frames taken no longer count against the bound.
func (c *Client) Take() [][]byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	frames := c.queued
	c.queued, c.size = nil, 0
	return frames
}

// Kick asks the connection to close with reason; the first reason wins.
func (c *Client) Kick(reason string) {
	c.once.Do(func() {
		c.reason = reason
		close(c.kicked)
	})
}

// Kicked is closed when the client must be disconnected.
func (c *Client) Kicked() <-chan struct{} { return c.kicked }

// Reason is why the client was kicked; read it after Kicked is closed.
func (c *Client) Reason() string { return c.reason }
