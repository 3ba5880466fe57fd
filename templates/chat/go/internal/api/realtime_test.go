package api

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/hub"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/store/storetest"
)

// wsConn is a test client that reads in the background.
type wsConn struct {
	*websocket.Conn
	frames chan map[string]any
	err    chan error
}

func dial(t *testing.T, ts *httptest.Server, query string) *wsConn {
	t.Helper()
	c, _, err := websocket.Dial(context.Background(), "ws"+strings.TrimPrefix(ts.URL, "http")+"/ws?"+query, nil)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	c.SetReadLimit(1 << 20)
	w := &wsConn{Conn: c, frames: make(chan map[string]any, 1024), err: make(chan error, 1)}
	go func() {
		for {
			_, data, err := c.Read(context.Background())
			if err != nil {
				w.err <- err
				return
			}
			var f map[string]any
			json.Unmarshal(data, &f)
			w.frames <- f
		}
	}()
	t.Cleanup(func() { c.CloseNow() })
	return w
}

func (w *wsConn) send(t *testing.T, v any) {
	t.Helper()
	b, _ := json.Marshal(v)
	if err := w.Write(context.Background(), websocket.MessageText, b); err != nil {
		t.Fatalf("send: %v", err)
	}
}

// next waits for the first frame of type typ, skipping others.
func (w *wsConn) next(t *testing.T, typ string) map[string]any {
	t.Helper()
	timeout := time.After(2 * time.Second)
	for {
		select {
		case f := <-w.frames:
			if f["type"] == typ {
				return f
			}
		case err := <-w.err:
			t.Fatalf("waiting for %q: connection ended: %v", typ, err)
		case <-timeout:
			t.Fatalf("no %q frame within 2s", typ)
		}
	}
}

// none fails if a frame of type typ arrives within d.
func (w *wsConn) none(t *testing.T, typ string, d time.Duration) {
	t.Helper()
	timeout := time.After(d)
	for {
		select {
		case f := <-w.frames:
			if f["type"] == typ {
				t.Fatalf("unexpected %q frame: %v", typ, f)
			}
		case <-timeout:
			return
		}
	}
}

// closed waits for the connection to end and returns the error.
func (w *wsConn) closed(t *testing.T, d time.Duration) error {
	t.Helper()
	select {
	case err := <-w.err:
		return err
	case <-time.After(d):
		t.Fatalf("connection still open after %s", d)
		return nil
	}
}

// chatRoom registers users and a room; it returns the tokens and room id.
func chatRoom(t *testing.T, ts *httptest.Server, users ...string) ([]string, int64) {
	t.Helper()
	var tokens []string
	for _, u := range users {
		tokens = append(tokens, signUp(t, ts, u))
	}
	return tokens, newRoom(t, ts, tokens[0], "lobby-"+users[0])
}

func TestUpgradeNeedsAValidToken(t *testing.T) {
	_, ts := newTestServer(t, nil)
	for _, query := range []string{"", "token=forged"} {
		_, res, err := websocket.Dial(context.Background(), "ws"+strings.TrimPrefix(ts.URL, "http")+"/ws?"+query, nil)
		if err == nil || res == nil || res.StatusCode != http.StatusUnauthorized {
			t.Errorf("?%s: want 401 before the upgrade, got %v %v", query, res, err)
		}
	}
}

func TestTokenInAuthorizationHeader(t *testing.T) {
	_, ts := newTestServer(t, nil)
	token := signUp(t, ts, "ann")
	c, _, err := websocket.Dial(context.Background(), "ws"+strings.TrimPrefix(ts.URL, "http")+"/ws",
		&websocket.DialOptions{HTTPHeader: http.Header{"Authorization": {"Bearer " + token}}})
	if err != nil {
		t.Fatal(err)
	}
	c.CloseNow()
}

func TestForeignOriginIsRefused(t *testing.T) {
	_, ts := newTestServer(t, nil)
	token := signUp(t, ts, "ann")
	_, res, err := websocket.Dial(context.Background(), "ws"+strings.TrimPrefix(ts.URL, "http")+"/ws?token="+token,
		&websocket.DialOptions{HTTPHeader: http.Header{"Origin": {"https://evil.example"}}})
	if err == nil || res == nil || res.StatusCode != http.StatusForbidden {
		t.Fatalf("foreign origin: want 403, got %v %v", res, err)
	}
}

func TestMessageReachesTheRoomOnly(t *testing.T) {
	_, ts := newTestServer(t, nil)
	tokens, room := chatRoom(t, ts, "ann", "bob", "cat")
	elsewhere := newRoom(t, ts, tokens[2], "elsewhere")
	ann := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[0], room))
	bob := dial(t, ts, "token="+tokens[1])
	cat := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[2], elsewhere))
	ann.next(t, "joined")
	cat.next(t, "joined")
	bob.send(t, map[string]any{"type": "join", "room": room})
	bob.next(t, "joined")

	ann.send(t, map[string]any{"type": "message", "room": room, "text": "hello <b>bob</b>"})
	for _, c := range []*wsConn{ann, bob} {
		m := c.next(t, "message")
		if m["text"] != "hello <b>bob</b>" || m["id"] == nil || m["created_at"] == nil || m["user"].(map[string]any)["username"] != "ann" {
			t.Fatalf("message frame = %v", m)
		}
	}
	cat.none(t, "message", 300*time.Millisecond)

	// Persisted: history has it.
	_, body := call(t, ts, "GET", fmt.Sprintf("/api/rooms/%d/messages", room), tokens[1], nil)
	if data := body["data"].([]any); len(data) != 1 || data[0].(map[string]any)["text"] != "hello <b>bob</b>" {
		t.Fatalf("history = %v", body)
	}
}

func TestProtocolErrors(t *testing.T) {
	_, ts := newTestServer(t, nil)
	tokens, room := chatRoom(t, ts, "ann")
	ann := dial(t, ts, "token="+tokens[0])
	for _, tc := range []struct {
		frame any
		code  string
	}{
		{map[string]any{"type": "message", "room": room, "text": "not joined"}, "not_in_room"},
		{map[string]any{"type": "join", "room": 999}, "room_not_found"},
		{map[string]any{"type": "dance"}, "unknown_type"},
		{"not an object", "bad_frame"},
	} {
		ann.send(t, tc.frame)
		if e := ann.next(t, "error"); e["code"] != tc.code {
			t.Errorf("%v: error %v, want %s", tc.frame, e, tc.code)
		}
	}
	ann.send(t, map[string]any{"type": "join", "room": room})
	ann.next(t, "joined")
	ann.send(t, map[string]any{"type": "message", "room": room, "text": strings.Repeat("x", 2001)})
	if e := ann.next(t, "error"); e["code"] != "message_too_large" {
		t.Errorf("2001 characters: %v, want message_too_large", e)
	}
}

func TestOversizedFrameClosesTheConnection(t *testing.T) {
	_, ts := newTestServer(t, nil)
	tokens, _ := chatRoom(t, ts, "ann")
	ann := dial(t, ts, "token="+tokens[0])
	ann.Write(context.Background(), websocket.MessageText, []byte(`{"type":"message","text":"`+strings.Repeat("x", 20<<10)+`"}`))
	if err := ann.closed(t, 2*time.Second); websocket.CloseStatus(err) != websocket.StatusMessageTooBig {
		t.Fatalf("close = %v, want 1009 message too big", err)
	}
}

func TestRateLimit(t *testing.T) {
	_, ts := newTestServer(t, nil)
	tokens, _ := chatRoom(t, ts, "ann")
	ann := dial(t, ts, "token="+tokens[0])
	for range 40 {
		ann.send(t, map[string]any{"type": "dance"})
	}
	for range 40 { // one error frame per frame: unknown_type until the bucket is empty
		if e := ann.next(t, "error"); e["code"] == "rate_limited" {
			return
		}
	}
	t.Fatal("40 frames at once: no rate_limited error")
}

// A client that stops reading is disconnected with a close reason, and
// the others keep receiving every message meanwhile.
func TestSlowClientIsDroppedWithoutStallingOthers(t *testing.T) {
	srv, ts := newTestServer(t, nil)
	srv.limits.queue = 1 << 20 // 17 frames of 60 KiB
	srv.limits.maxText = 60 << 10
	srv.limits.maxFrame = 128 << 10
	srv.limits.ratePerSec, srv.limits.burst = 1e6, 1e6
	srv.limits.writeTimeout = 20 * time.Second // so the stuck write waits for us
	tokens, room := chatRoom(t, ts, "ann", "bob", "sly")
	url := "ws" + strings.TrimPrefix(ts.URL, "http") + fmt.Sprintf("/ws?room=%d&token=", room)

	// sly reads nothing until the end: its socket buffers fill, then its queue.
	sly, _, err := websocket.Dial(context.Background(), url+tokens[2], nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sly.CloseNow()
	sly.SetReadLimit(1 << 20)
	ann := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[0], room))
	bob := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[1], room))
	ann.next(t, "joined")
	bob.next(t, "joined")
	time.Sleep(100 * time.Millisecond) // sly's join is processed too

	// ann sends in lockstep with bob's reading, so bob's queue stays short
	// however loaded the machine is, while sly's only grows.
	const n = 400 // 400 × 60 KiB = 24 MiB: more than sly's socket buffers and queue
	frame, _ := json.Marshal(map[string]any{"type": "message", "room": room, "text": strings.Repeat("y", 60<<10)})
	start := time.Now()
	for i := range n {
		if err := ann.Write(context.Background(), websocket.MessageText, frame); err != nil {
			t.Fatalf("ann could not send message %d: %v", i, err)
		}
		bob.next(t, "message") // fails the test if bob stalls 2 s or is dropped
	}
	t.Logf("bob received %d messages in %s while sly read nothing", n, time.Since(start).Round(time.Millisecond))

	// Now sly reads: whatever was already on the wire, then the close.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		_, _, err := sly.Read(ctx)
		if err == nil {
			continue
		}
		var ce websocket.CloseError
		if !errors.As(err, &ce) || ce.Code != websocket.StatusPolicyViolation || ce.Reason == "" {
			t.Fatalf("sly's connection ended with %v, want 1008 with a reason", err)
		}
		t.Logf("sly was closed: %d %q", ce.Code, ce.Reason)
		return
	}
}

// wantClosed fails unless w's connection ends with status 1008 and reason
// within 2 s.
func wantClosed(t *testing.T, w *wsConn, who, reason string) {
	t.Helper()
	err := w.closed(t, 2*time.Second)
	var ce websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != websocket.StatusPolicyViolation || ce.Reason != reason {
		t.Fatalf("%s's connection ended with %v, want 1008 %q", who, err, reason)
	}
}

// Logging out ends that session's sockets at once; the user's other
// sessions keep theirs.
func TestLogoutClosesThatSessionsSockets(t *testing.T) {
	_, ts := newTestServer(t, nil)
	tokens, room := chatRoom(t, ts, "ann", "bob")
	_, login := call(t, ts, "POST", "/api/auth/login", "", map[string]string{"username": "ann", "password": "correct-horse"})
	phoneToken := login["token"].(string)
	laptop := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[0], room))
	laptop2 := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[0], room))
	phone := dial(t, ts, fmt.Sprintf("token=%s&room=%d", phoneToken, room))
	bob := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[1], room))
	for _, c := range []*wsConn{laptop, laptop2, phone, bob} {
		c.next(t, "joined")
	}

	if status, _ := call(t, ts, "POST", "/api/auth/logout", tokens[0], nil); status != 204 {
		t.Fatalf("logout = %d", status)
	}
	wantClosed(t, laptop, "the logged-out session", hub.CloseLoggedOut)
	wantClosed(t, laptop2, "the logged-out session's second socket", hub.CloseLoggedOut)
	laptop.Write(context.Background(), websocket.MessageText, []byte(fmt.Sprintf(`{"type":"message","room":%d,"text":"after logout"}`, room)))

	phone.send(t, map[string]any{"type": "message", "room": room, "text": "still here"})
	if m := bob.next(t, "message"); m["text"] != "still here" {
		t.Fatalf("bob got %v, want the phone's message and nothing from the logged-out socket", m)
	}
	bob.none(t, "message", 300*time.Millisecond)
	if _, _, err := websocket.Dial(context.Background(), "ws"+strings.TrimPrefix(ts.URL, "http")+"/ws?token="+tokens[0], nil); err == nil {
		t.Fatal("a new upgrade with the logged-out token succeeded")
	}
}

// A session that ends without a logout on this instance (it expired, or
// its user was deleted, or the news of a logout elsewhere was lost) ends
// its sockets at the next ping.
func TestSocketEndsWithItsSession(t *testing.T) {
	type ending func(t *testing.T, srv *Server, db *sql.DB, clock *testClock)
	for name, kill := range map[string]ending{
		"expired": func(_ *testing.T, srv *Server, _ *sql.DB, clock *testClock) { clock.Advance(srv.sessionTTL) },
		"revoked": func(t *testing.T, _ *Server, db *sql.DB, _ *testClock) { mustExec(t, db, `DELETE FROM sessions`) },
		"user deleted": func(t *testing.T, _ *Server, db *sql.DB, _ *testClock) {
			mustExec(t, db, `DELETE FROM users WHERE username = 'ann'`)
		},
	} {
		t.Run(name, func(t *testing.T) {
			clock := newTestClock()
			st, db := storetest.OpenWithSQL(t)
			srv, ts := serveStoreWith(t, st, nil, nil, WithClock(clock.Now))
			srv.limits.pingEvery = 20 * time.Millisecond
			token := signUp(t, ts, "ann")
			ann := dial(t, ts, "token="+token)
			ann.none(t, "error", 100*time.Millisecond) // a few pings go by while the session lives
			kill(t, srv, db, clock)
			wantClosed(t, ann, "ann", hub.CloseSessionGone)
			if _, res, err := websocket.Dial(context.Background(), "ws"+strings.TrimPrefix(ts.URL, "http")+"/ws?token="+token, nil); err == nil || res == nil || res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("a new upgrade: %v %v, want 401", res, err)
			}
		})
	}
}

// Members receive a room's messages in the order of their ids, the order
// of the history, however slow the broker is to take any one of them.
func TestMessagesArriveInHistoryOrder(t *testing.T) {
	b := newSlowBroker(300*time.Millisecond, slowFrames(`"text":"slow"`))
	_, ts := serveStoreWith(t, storetest.Open(t), nil, withSlowBroker(b))
	tokens, room := chatRoom(t, ts, "ann", "bob", "cat")
	ann := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[0], room))
	bob := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[1], room))
	cat := dial(t, ts, fmt.Sprintf("token=%s&room=%d", tokens[2], room))
	for _, c := range []*wsConn{ann, bob, cat} {
		c.next(t, "joined")
	}
	ann.send(t, map[string]any{"type": "message", "room": room, "text": "slow"})
	waitForHistory(t, ts, tokens[0], room, 1) // stored: its id is taken
	bob.send(t, map[string]any{"type": "message", "room": room, "text": "fast"})

	first, second := cat.next(t, "message"), cat.next(t, "message")
	if first["text"] != "slow" || second["text"] != "fast" || first["id"].(float64) >= second["id"].(float64) {
		t.Fatalf("cat received %v then %v, want slow then fast, by id", first, second)
	}
}

// waitForHistory polls a room's history until it holds n messages (2 s at
// most).
func waitForHistory(t *testing.T, ts *httptest.Server, token string, room int64, n int) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if _, body := call(t, ts, "GET", fmt.Sprintf("/api/rooms/%d/messages", room), token, nil); len(body["data"].([]any)) >= n {
			return
		}
	}
	t.Fatalf("the history of room %d never held %d messages", room, n)
}
