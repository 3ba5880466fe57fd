package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/coder/websocket"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/hub"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/store"
)

// wsLimits bound what one connection may cost the server.
type wsLimits struct {
	maxFrame     int64         // bytes in one incoming frame; more closes the connection (1009)
	maxText      int           // characters in a message's text; more answers an error frame
	queue        int           // bytes of frames waiting to be written; a full queue disconnects
	writeTimeout time.Duration // one frame must be written within this
	pingEvery    time.Duration // keep-alive pings, which also find dead peers
	ratePerSec   float64       // frames a client may send per second, on average
	burst        float64       // ... and at once
}

var defaultLimits = wsLimits{
	maxFrame: 16 << 10,
	maxText:  2000,
	// A burst of joins to a big room is a join event per joiner for every
	// member already there (a thousand joiners: up to a thousand small
	// frames queued for one member); 1 MiB holds it, and a client that
	// stops reading still fills it within a moment of a busy room.
	queue:        1 << 20,
	writeTimeout: 5 * time.Second,
	pingEvery:    30 * time.Second,
	ratePerSec:   5,
	burst:        20,
}

// inbound is every frame a client may send; Type says which fields count.
type inbound struct {
	Type string `json:"type"`
	Room int64  `json:"room"`
	Text string `json:"text"`
}

// errorFrame tells a client what went wrong; the connection stays open.
type errorFrame struct {
	Type      string `json:"type"` // "error"
	Code      string `json:"code"`
	Message   string `json:"message"`
	Milestone string `json:"milestone,omitempty"`
}

// roomFrame is joined, left, join, leave and typing.
type roomFrame struct {
	Type string      `json:"type"`
	Room int64       `json:"room"`
	User *hub.Member `json:"user,omitempty"`
}

// messageFrame is a persisted message, as every member receives it.
type messageFrame struct {
	Type string `json:"type"` // "message"
	store.Message
}

// serveWS authenticates, upgrades and runs one client until it leaves.
// The token comes from ?token= (browsers cannot set headers on a WebSocket)
// or "Authorization: Bearer"; without a valid one the answer is 401 and no
// upgrade happens.
func (s *Server) serveWS(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if token == "" {
		token = bearerToken(r)
	}
	u, ok, err := s.userFor(r.Context(), token)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !ok {
		writeError(w, http.StatusUnauthorized, "missing or invalid token")
		return
	}
	// Accept refuses (403) a browser page from another origin: same host
	// always passes, ALLOWED_ORIGINS adds more. It writes its own errors.
	conn, err := websocket.Accept(w, r, &websocket.AcceptOptions{OriginPatterns: s.origins})
	if err != nil {
		return
	}
	conn.SetReadLimit(s.limits.maxFrame)
	c := hub.NewClient(hub.Member{ID: u.ID, Username: u.Username}, hashToken(token), s.limits.queue)
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	go s.writeLoop(ctx, cancel, conn, c)

	s.hub.Connect(c)
	defer s.hub.Disconnect(c)
	// A logout between the token check above and Connect could not find
	// this connection: look at the session again now that it can.
	if !s.sessionLives(ctx, c.Session) {
		c.Kick(hub.CloseLoggedOut)
	} else if v := r.URL.Query().Get("room"); v != "" {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			s.join(ctx, c, id)
		} else {
			s.sendError(c, "room_not_found", "no such room", "")
		}
	}
	s.readLoop(ctx, conn, c)
	for _, room := range s.hub.RoomsOf(c) {
		s.leave(context.WithoutCancel(ctx), c, room)
	}
}

// sessionLives reports whether a session still exists and has not
// expired, and so whether its user still exists. When the database cannot
// tell, the connection gets the benefit of the doubt until the next look.
func (s *Server) sessionLives(ctx context.Context, session string) bool {
	_, err := s.store.UserBySession(ctx, session, s.now())
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.log.WarnContext(ctx, "websocket: look up session", "err", err)
		return true
	}
	return err == nil
}

// readLoop handles the client's frames until it goes away or is kicked.
func (s *Server) readLoop(ctx context.Context, conn *websocket.Conn, c *hub.Client) {
	bucket := newTokenBucket(s.limits.ratePerSec, s.limits.burst)
	for {
		typ, data, err := conn.Read(ctx)
		if err != nil {
			return // closed, too big (1009, sent by the library), or kicked
		}
		if !bucket.take(time.Now()) {
			s.sendError(c, "rate_limited", "slow down: too many frames", "")
			continue
		}
		var in inbound
		if typ != websocket.MessageText || json.Unmarshal(data, &in) != nil {
			s.sendError(c, "bad_frame", "send JSON text frames: {\"type\": ..., ...}", "")
			continue
		}
		s.handle(ctx, c, in)
	}
}

// writeLoop is the only writer of conn: it drains the client's queue, pings,
// and closes the connection with a reason when the client is kicked. With
// every ping it looks at the session again, so a connection ends (1008)
// within a ping of its session expiring or being deleted, even if the news
// of a logout on another instance never arrived.
func (s *Server) writeLoop(ctx context.Context, stop context.CancelFunc, conn *websocket.Conn, c *hub.Client) {
	defer stop()
	ping := time.NewTicker(s.limits.pingEvery)
	defer ping.Stop()
	for {
		// A kick wins over queued frames: the close must not wait behind them.
		select {
		case <-c.Kicked():
			conn.Close(websocket.StatusPolicyViolation, c.Reason())
			return
		default:
		}
		select {
		case <-ctx.Done():
			conn.Close(websocket.StatusGoingAway, "server closing")
			return
		case <-c.Kicked():
			conn.Close(websocket.StatusPolicyViolation, c.Reason())
			return
		case <-c.Ready():
			for _, frame := range c.Take() {
				select {
				case <-c.Kicked():
					conn.Close(websocket.StatusPolicyViolation, c.Reason())
					return
				default:
				}
				wctx, cancel := context.WithTimeout(ctx, s.limits.writeTimeout)
				err := conn.Write(wctx, websocket.MessageText, frame)
				cancel()
				if err != nil {
					c.Kick("write failed")
					conn.CloseNow()
					return
				}
			}
		case <-ping.C:
			pctx, cancel := context.WithTimeout(ctx, s.limits.writeTimeout)
			err := conn.Ping(pctx)
			cancel()
			if err != nil {
				conn.CloseNow()
				return
			}
			if !s.sessionLives(ctx, c.Session) {
				c.Kick(hub.CloseSessionGone)
			}
		}
	}
}

// handle runs one client frame.
func (s *Server) handle(ctx context.Context, c *hub.Client, in inbound) {
	switch in.Type {
	case "join":
		s.join(ctx, c, in.Room)
	case "leave":
		if s.leave(ctx, c, in.Room) {
			s.send(c, roomFrame{Type: "left", Room: in.Room})
		}
	case "message":
		s.postMessage(ctx, c, in)
	case "typing":
		// waymark:begin solution presence
		if !s.hub.In(c, in.Room) {
			s.sendError(c, "not_in_room", "join the room first", "")
			return
		}
		s.hub.Ordered(in.Room, func() {
			s.publish(ctx, c, in.Room, roomFrame{Type: "typing", Room: in.Room, User: &c.Member})
		})
		// waymark:stub
		// s.sendError(c, "not_implemented", "typing indicators are not implemented yet", "presence")
		// waymark:end
	case "presence":
		// waymark:begin solution presence
		s.send(c, presenceFrame{Type: "presence", Room: in.Room, Users: s.hub.Members(in.Room)})
		// waymark:stub
		// s.sendError(c, "not_implemented", "the presence list is not implemented yet", "presence")
		// waymark:end
	default:
		s.sendError(c, "unknown_type", "type must be join, leave, message, typing or presence", "")
	}
}

// join puts c in a room that exists and confirms with "joined". The
// membership change, the presence list and the join event happen in one
// turn of the room, so the list and the events agree for everyone.
func (s *Server) join(ctx context.Context, c *hub.Client, room int64) {
	if _, err := s.store.Room(ctx, room); err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			s.log.ErrorContext(ctx, "join: find room", "err", err)
		}
		s.sendError(c, "room_not_found", "no such room", "")
		return
	}
	s.hub.Ordered(room, func() {
		first := s.hub.Join(c, room)
		s.send(c, roomFrame{Type: "joined", Room: room})
		// waymark:begin solution presence
		s.send(c, presenceFrame{Type: "presence", Room: room, Users: s.hub.Members(room)})
		if first {
			s.publish(ctx, c, room, roomFrame{Type: "join", Room: room, User: &c.Member})
		}
		// waymark:stub
		// _ = first // the presence milestone announces the join to the room
		// waymark:end
	})
}

// leave takes c out of a room and, if it was its user's last connection
// there, tells the room, in one turn of the room. It reports whether c was
// in the room.
func (s *Server) leave(ctx context.Context, c *hub.Client, room int64) (was bool) {
	s.hub.Ordered(room, func() {
		var last bool
		if was, last = s.hub.Leave(c, room); was && last {
			s.announceLeave(ctx, c, room)
		}
	})
	return was
}

// announceLeave tells a room that c's user is gone.
func (s *Server) announceLeave(ctx context.Context, c *hub.Client, room int64) {
	// waymark:begin solution presence
	s.publish(ctx, c, room, roomFrame{Type: "leave", Room: room, User: &c.Member})
	// waymark:stub
	// waymark:end
}

// postMessage validates, persists and publishes a message.
func (s *Server) postMessage(ctx context.Context, c *hub.Client, in inbound) {
	text := strings.TrimSpace(in.Text)
	switch {
	case !s.hub.In(c, in.Room):
		s.sendError(c, "not_in_room", "join the room first", "")
		return
	case text == "":
		s.sendError(c, "empty_message", "text must not be empty", "")
		return
	case utf8.RuneCountInString(text) > s.limits.maxText:
		s.sendError(c, "message_too_large", "text is limited to "+strconv.Itoa(s.limits.maxText)+" characters", "")
		return
	}
	// Stored and published in one turn of the room: members receive the
	// room's messages in the order of their ids, as the history lists them.
	s.hub.Ordered(in.Room, func() {
		m, err := s.store.AddMessage(ctx, in.Room, store.Author{ID: c.Member.ID, Username: c.Member.Username}, text)
		if err != nil {
			s.log.ErrorContext(ctx, "store message", "err", err)
			s.sendError(c, "unavailable", "the message could not be saved; try again", "")
			return
		}
		s.publish(ctx, c, in.Room, messageFrame{Type: "message", Message: m})
	})
}

// publish sends a frame to a room; a broker failure is c's error frame.
func (s *Server) publish(ctx context.Context, c *hub.Client, room int64, v any) {
	frame, _ := json.Marshal(v) // our own types: cannot fail
	if err := s.hub.Publish(ctx, room, frame); err != nil {
		s.log.ErrorContext(ctx, "publish", "room", room, "err", err)
		s.sendError(c, "unavailable", "the message could not be delivered; try again", "")
	}
}

// send queues a frame for c alone.
func (s *Server) send(c *hub.Client, v any) {
	frame, _ := json.Marshal(v)
	c.Enqueue(frame)
}

func (s *Server) sendError(c *hub.Client, code, msg, milestone string) {
	s.send(c, errorFrame{Type: "error", Code: code, Message: msg, Milestone: milestone})
}

// tokenBucket is a per-connection rate limit: rate tokens a second, at most
// burst saved up, one per frame. A connection owns its bucket, so no lock.
type tokenBucket struct {
	rate, burst, tokens float64
	last                time.Time
}

func newTokenBucket(rate, burst float64) *tokenBucket {
	return &tokenBucket{rate: rate, burst: burst, tokens: burst, last: time.Now()}
}

func (b *tokenBucket) take(now time.Time) bool {
	b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
