package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
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
	srv.limits.queue = 16
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
