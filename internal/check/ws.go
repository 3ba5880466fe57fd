package check

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/coder/websocket"
)

// wsClient is one connected WebSocket client and its incoming frames.
type wsClient struct {
	name string
	conn *websocket.Conn
	in   chan wsFrame
}

type wsFrame struct {
	text string
	err  error
}

func (r *Runner) runWS(ctx context.Context, p *Plan, w *WSStep, sc *scope, sr *StepResult) error {
	// Every wait is bounded by its own within; the step as a whole by the
	// sum of them plus a connect timeout per client.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	clients := map[string]*wsClient{}
	defer func() {
		for _, c := range clients {
			c.conn.Close(websocket.StatusNormalClosure, "check done")
		}
	}()
	frame := func(format string, a ...any) { sr.Frames = append(sr.Frames, fmt.Sprintf(format, a...)) }
	for _, spec := range w.Clients {
		path := spec.Path
		if path == "" {
			path = w.Connect.Path
		}
		path, err := sc.expand(path)
		if err != nil {
			return err
		}
		header := http.Header{}
		for _, h := range []map[string]string{w.Connect.Headers, spec.Headers} {
			for _, k := range sortedKeys(h) {
				v, err := sc.expand(h[k])
				if err != nil {
					return err
				}
				header.Set(k, v)
			}
		}
		bearer := spec.Bearer
		if bearer == "" {
			bearer = w.Connect.Bearer
		}
		if bearer != "" {
			tok, err := sc.expand(bearer)
			if err != nil {
				return err
			}
			header.Set("Authorization", "Bearer "+tok)
		}
		u := "ws" + strings.TrimPrefix(r.URLs[spec.Instance], "http") + path
		frame("%s connects to %s", spec.Name, u)
		dctx, dcancel := context.WithTimeout(ctx, r.Timeout)
		conn, resp, err := websocket.Dial(dctx, u, &websocket.DialOptions{HTTPClient: r.client, HTTPHeader: header})
		dcancel()
		refused := spec.Refused
		if refused == 0 {
			refused = w.Connect.Refused
		}
		if refused != 0 {
			switch {
			case err == nil:
				conn.Close(websocket.StatusPolicyViolation, "expected to be refused")
				return failf(sr, fmt.Sprintf("the upgrade refused with status %d", refused), "status 101 (connected)", "%s connected to %s, which should have been refused", spec.Name, path)
			case resp == nil:
				sr.Diagnosis = r.diagnose(&exchange{url: r.URLs[spec.Instance] + path, err: err})
				return failf(sr, fmt.Sprintf("the upgrade refused with status %d", refused), "no connection", "%s could not reach %s", spec.Name, path)
			case resp.StatusCode != refused:
				return failf(sr, fmt.Sprintf("status %d", refused), fmt.Sprintf("status %d", resp.StatusCode), "%s's upgrade to %s was answered with the wrong status", spec.Name, path)
			}
			frame("%s → upgrade refused with %d, as expected", spec.Name, refused)
			continue
		}
		if err != nil {
			if resp != nil {
				return failf(sr, "a WebSocket upgrade (101)", fmt.Sprintf("status %d", resp.StatusCode), "%s could not connect to %s", spec.Name, path)
			}
			sr.Diagnosis = r.diagnose(&exchange{url: r.URLs[spec.Instance] + path, err: err})
			return failf(sr, "a WebSocket connection", "no connection", "%s could not connect to %s", spec.Name, path)
		}
		conn.SetReadLimit(r.BodyCap)
		c := &wsClient{name: spec.Name, conn: conn, in: make(chan wsFrame, 64)}
		clients[spec.Name] = c
		go func() {
			defer close(c.in)
			for {
				_, data, err := conn.Read(ctx)
				select {
				case c.in <- wsFrame{string(data), err}:
				case <-ctx.Done():
					return
				}
				if err != nil {
					return
				}
			}
		}()
	}
	for _, a := range w.Script {
		c := clients[a.Client]
		switch {
		case a.Send != nil:
			var text string
			if a.Send.JSON != nil {
				v, err := sc.expandValue(a.Send.JSON.V)
				if err != nil {
					return err
				}
				b, _ := json.Marshal(v)
				text = string(b)
			} else {
				t, err := sc.expand(*a.Send.Text)
				if err != nil {
					return err
				}
				text = t
			}
			frame("%s → %s", c.name, text)
			wctx, wcancel := context.WithTimeout(ctx, r.Timeout)
			err := c.conn.Write(wctx, websocket.MessageText, []byte(text))
			wcancel()
			if err != nil {
				sr.Diagnosis = "the connection broke while sending: " + err.Error()
				return failf(sr, "the frame sent", "an error", "%s could not send", c.name)
			}
		case a.Close:
			frame("%s closes", c.name)
			c.conn.Close(websocket.StatusNormalClosure, "bye")
			delete(clients, a.Client)
		case a.Expect != nil:
			within := time.Duration(a.Within)
			if within == 0 {
				within = DefaultWithin
			}
			doc, err := r.waitFrame(ctx, c, a.Expect, sc, within, true, frame)
			if err != nil {
				return failf(sr, fmt.Sprintf("%s receives %s within %s", c.name, describeWSExpect(a.Expect), within), err.Error(), "%s did not receive the expected message", c.name)
			}
			for _, name := range sortedKeys(a.Capture) {
				cp := a.Capture[name]
				v, ok := lookup(doc, cp.JSON)
				if !ok {
					sc.unset[name] = "the message had no " + cp.JSON
					return failf(sr, cp.JSON+" to exist", "nothing", "could not capture ${%s}", name)
				}
				if err := r.store(name, cp, v, sc); err != nil {
					sc.unset[name] = err.Error()
				}
			}
		case a.ExpectNone != nil:
			within := time.Duration(a.Within)
			if within == 0 {
				within = DefaultNone
			}
			if _, err := r.waitFrame(ctx, c, a.ExpectNone, sc, within, false, frame); err != nil {
				return failf(sr, fmt.Sprintf("%s receives no %s for %s", c.name, describeWSExpect(a.ExpectNone), within), err.Error(), "%s received a message it should not have", c.name)
			}
		case a.ExpectClose != nil:
			within := time.Duration(a.Within)
			if within == 0 {
				within = DefaultWithin
			}
			if err := waitClose(ctx, c, a.ExpectClose.Code, within, frame); err != nil {
				return failf(sr, fmt.Sprintf("the server closes %s's connection with %d within %s", c.name, a.ExpectClose.Code, within), err.Error(), "%s's connection was not closed as expected", c.name)
			}
		case a.HTTP != nil:
			if err := r.runScriptHTTP(ctx, p, a.HTTP, sc, sr, frame); err != nil {
				return err
			}
		}
	}
	return nil
}

// runScriptHTTP sends a script's http line while the clients stay
// connected. Its curl line and body are kept only if it fails.
func (r *Runner) runScriptHTTP(ctx context.Context, p *Plan, h *HTTPStep, sc *scope, sr *StepResult, frame func(string, ...any)) error {
	frame("waymark → %s %s", h.Request.Method, h.Request.Path)
	if err := r.runHTTP(ctx, p, h, sc, sr); err != nil {
		return err
	}
	sr.Curl, sr.Body = "", ""
	return nil
}

// waitClose waits up to within for the server to close c's connection
// with code; frames before the close are skipped (and reported).
func waitClose(ctx context.Context, c *wsClient, code int, within time.Duration, frame func(string, ...any)) error {
	timer := time.NewTimer(within)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
			return fmt.Errorf("still open after %s", within)
		case f, ok := <-c.in:
			if !ok {
				return errors.New("the connection ended")
			}
			if f.err == nil {
				frame("%s ← %s", c.name, shorten(f.text, 200))
				continue
			}
			var ce websocket.CloseError
			if !errors.As(f.err, &ce) {
				return fmt.Errorf("the connection broke without a close frame: %v", f.err)
			}
			frame("%s ← close %d %q", c.name, int(ce.Code), ce.Reason)
			if int(ce.Code) != code {
				return fmt.Errorf("closed with %d %q", int(ce.Code), ce.Reason)
			}
			return nil
		}
	}
}

func describeWSExpect(e *WSExpect) string {
	var parts []string
	for _, m := range e.JSON {
		parts = append(parts, m.Path+" "+m.describe())
	}
	if e.Text != nil {
		parts = append(parts, "text "+e.Text.describe())
	}
	if len(parts) == 0 {
		return "message"
	}
	return "a message with " + strings.Join(parts, ", ")
}

var errNoMatch = errors.New("no match")

// matchFrame tests one frame; it returns the parsed JSON on a match.
func matchFrame(text string, e *WSExpect, sc *scope) (any, error) {
	var doc any
	if len(e.JSON) > 0 {
		if err := json.Unmarshal([]byte(text), &doc); err != nil {
			return nil, errNoMatch
		}
		for _, jm := range e.JSON {
			m, err := sc.expandMatcher(jm)
			if err != nil {
				return nil, err
			}
			got, found := lookup(doc, m.Path)
			if m.apply(m.Path, got, found, false) != nil {
				return nil, errNoMatch
			}
		}
	} else {
		_ = json.Unmarshal([]byte(text), &doc)
	}
	if e.Text != nil {
		m, err := sc.expandMatcher(e.Text)
		if err != nil {
			return nil, err
		}
		if m.apply("text", text, true, true) != nil {
			return nil, errNoMatch
		}
	}
	return doc, nil
}

// waitFrame waits up to within for a frame matching e. With want, the first
// match ends the wait (frames that do not match are skipped but reported);
// without, any match is an error and the full window must pass quietly.
func (r *Runner) waitFrame(ctx context.Context, c *wsClient, e *WSExpect, sc *scope, within time.Duration, want bool, frame func(string, ...any)) (any, error) {
	timer := time.NewTimer(within)
	defer timer.Stop()
	var skipped []string
	for {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-timer.C:
			if !want {
				return nil, nil
			}
			if len(skipped) > 0 {
				noun := "messages"
				if len(skipped) == 1 {
					noun = "message"
				}
				return nil, fmt.Errorf("%d other %s in %s, none matching", len(skipped), noun, within)
			}
			return nil, fmt.Errorf("nothing within %s", within)
		case f, ok := <-c.in:
			if !ok || f.err != nil {
				why := "the connection closed"
				if f.err != nil && websocket.CloseStatus(f.err) == -1 && !errors.Is(f.err, context.Canceled) {
					why = "the connection broke: " + f.err.Error()
				}
				if !want {
					return nil, nil
				}
				return nil, errors.New(why)
			}
			frame("%s ← %s", c.name, shorten(f.text, 200))
			doc, err := matchFrame(f.text, e, sc)
			if err != nil && !errors.Is(err, errNoMatch) {
				return nil, err
			}
			if err == nil {
				if want {
					return doc, nil
				}
				return nil, fmt.Errorf("received %s", shorten(f.text, 120))
			}
			skipped = append(skipped, f.text)
		}
	}
}

func shorten(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
