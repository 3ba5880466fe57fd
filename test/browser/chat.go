package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/coder/websocket"
)

const password = "correct-horse-42"

// visible is a JavaScript expression: the first element matching css is
// laid out and not invisible.
func visible(css string) string {
	return fmt.Sprintf(`((e) => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden")(document.querySelector(%s))`, js(css))
}

// textOf is a JavaScript expression: the text of the first element
// matching css, or "".
func textOf(css string) string {
	return fmt.Sprintf(`((document.querySelector(%s) || {}).textContent || "")`, js(css))
}

// online is a JavaScript expression: the connection state says online.
const online = `((document.querySelector("#status") || {}).textContent || "").trim().toLowerCase().startsWith("online")`

// chat is two people chatting in the browser client: they register, create
// and join a room, see each other online and typing, exchange messages with
// markup in them, get back online after the server restarts and page
// through older history; the page is labelled, legible and fits a phone.
func chat(t *testing.T, srv *Server) {
	ann, bob := uniq("ann"), uniq("bob")
	general, history := uniq("general-"), uniq("history-")
	// Older history: 55 messages written before anyone opens the page, so
	// the client's first page (50) leaves some to load.
	seedHistory(t, srv, history, 55)

	browser := newBrowser(t)
	a := newTab(t, browser, "ann", 1200, 800)
	b := newTab(t, browser, "bob", 1200, 800)

	// Before signing in only the sign-in form shows: the rooms, the
	// message pane and the message box are not on the screen.
	a.do("open the chat", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#username")))
	if eval[bool](a, visible("#chat")) {
		t.Errorf("before signing in, the chat (rooms, messages, message box) is on the screen")
	}
	for _, css := range []string{"#rooms", "#messages", "#text"} {
		if eval[bool](a, visible(css)) {
			t.Errorf("before signing in, %s is on the screen", css)
		}
	}
	checkLabels(t, a)
	checkContrast(t, a)

	signUp(a, srv, ann)
	a.do("create a room", chromedp.SendKeys(chromedp.CSS("#room-name"), general+kb.Enter))
	a.waitFor("the message box once in the room", `!document.querySelector("#text").disabled`)

	signUp(b, srv, bob)
	b.clickText("#rooms li", general)
	b.waitFor("the message box once in the room", `!document.querySelector("#text").disabled`)

	// A refresh that finds the same rooms keeps their buttons: replacing
	// one between a press and its release would lose that click.
	if !eval[bool](b, `(async () => { const btn = document.querySelector("#rooms button"); await loadRooms(); return btn.isConnected; })()`) {
		t.Error("refreshing the room list replaced its buttons though no room changed")
	}
	if cur := eval[string](b, `document.querySelector('#rooms button[aria-current="true"]')?.textContent ?? ""`); !strings.Contains(cur, general) {
		t.Errorf("the current room is marked %q, want %s", cur, general)
	}

	// Presence: each sees the other online.
	a.waitFor(bob+" online", textOf("#online")+`.includes(`+js(bob)+`)`)
	b.waitFor(ann+" online", textOf("#online")+`.includes(`+js(ann)+`)`)
	checkLabels(t, a)
	checkContrast(t, a)

	// Typing: shown while bob types, gone a few seconds after he stops.
	b.do("type", chromedp.SendKeys(chromedp.CSS("#text"), "hel"))
	a.waitFor(bob+" is typing", textOf("#typing")+`.includes(`+js(bob)+`)`)
	a.waitForWithin("the typing indicator to go after typing stops", textOf("#typing")+`.trim() === ""`, 8*time.Second)

	// A message with markup, sent with Enter: it arrives as text, and the
	// typing indicator goes with it rather than seconds later.
	markup := `<b>bold</b> <img src=x onerror="window.__injected=1"> & done`
	b.clear("#text")
	b.do("type a message", chromedp.SendKeys(chromedp.CSS("#text"), markup))
	a.waitFor(bob+" is typing again", textOf("#typing")+`.includes(`+js(bob)+`)`)
	b.do("press Enter", chromedp.SendKeys(chromedp.CSS("#text"), kb.Enter))
	a.waitFor("the message", messageWith(markup))
	if typing := eval[string](a, textOf("#typing")); strings.TrimSpace(typing) != "" {
		t.Errorf("once %s's message is shown, the typing indicator still says %q", bob, typing)
	}
	if n := eval[int](a, `document.querySelectorAll("#messages b, #messages img, #messages script").length`); n != 0 {
		t.Errorf("the message's markup became %d elements", n)
	}
	if eval[bool](a, `window.__injected !== undefined`) {
		t.Errorf("the message's markup ran a script")
	}
	if v := eval[string](b, `document.querySelector("#text").value`); v != "" {
		t.Errorf("after sending, the message box still holds %q", v)
	}

	a.do("reply", chromedp.SendKeys(chromedp.CSS("#text"), "hi "+bob+kb.Enter))
	b.waitFor("the reply", messageWith("hi "+bob))
	checkContrast(t, a)
	a.screenshot("chat-1200")

	// The server restarts: both pages say they are offline, reconnect by
	// themselves and carry on.
	srv.Stop()
	a.waitFor("the page to notice the server is gone", "!"+online)
	b.waitFor("the page to notice the server is gone", "!"+online)
	srv.Start()
	a.waitFor("the page to reconnect", online)
	b.waitFor("the page to reconnect", online)
	a.waitFor(bob+" online again", textOf("#online")+`.includes(`+js(bob)+`)`)
	a.do("send after the restart", chromedp.SendKeys(chromedp.CSS("#text"), "back again"+kb.Enter))
	b.waitFor("the message sent after the restart", messageWith("back again"))

	// An error is told in the page, and Esc puts it away.
	a.do("create a room that exists", chromedp.SendKeys(chromedp.CSS("#room-name"), general+kb.Enter))
	a.waitFor("the error in the page", visible("#notice")+` && `+textOf("#notice")+`.includes("exists")`)
	a.do("press Esc", chromedp.KeyEvent(kb.Escape))
	a.waitFor("the error to close", "!"+visible("#notice"))

	// Older history, a page at a time; ann leaving the room shows on
	// bob's side.
	a.clear("#room-name")
	a.clickText("#rooms li", history)
	a.waitFor("the newest 50 messages and a way to older ones", `document.querySelectorAll("#messages li:not(.event)").length === 50 && `+visible("#older"))
	a.do("load older messages", chromedp.Click(chromedp.CSS("#older")))
	a.waitFor("all 55 messages", `document.querySelectorAll("#messages li:not(.event)").length === 55 && !`+visible("#older"))
	if first := eval[string](a, `document.querySelector("#messages li:not(.event)").textContent`); !strings.Contains(first, "history 01") {
		t.Errorf("after loading older messages the first one is %q, want history 01", first)
	}
	b.waitFor(ann+" gone from the room", `!`+textOf("#online")+`.includes(`+js(ann)+`)`)

	// The keyboard: Tab shows where the focus is.
	a.do("press Tab", chromedp.KeyEvent(kb.Tab))
	if f := eval[string](a, focusRing); f != "" {
		t.Errorf("the focused element shows no focus: %s", f)
	}

	// A phone's width: nothing wider than the screen, the message box and
	// the room list reachable.
	a.do("narrow the page", chromedp.EmulateViewport(360, 740))
	a.waitFor("the layout to settle", `document.documentElement.clientWidth === 360`)
	if w := eval[int](a, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("at 360 px the page is %d px wide: it scrolls sideways", w)
	}
	// On the screen means inside the viewport as the page opens, without
	// scrolling it: a message box below the fold is one a phone's user
	// has to hunt for after every message.
	eval[bool](a, `(window.scrollTo(0, 0), true)`)
	for _, css := range []string{"#text", "#rooms", "#messages", "#online"} {
		if !eval[bool](a, visible(css)+` && (r => r.right <= 360 && r.top >= 0 && r.bottom <= window.innerHeight)(document.querySelector(`+js(css)+`).getBoundingClientRect())`) {
			t.Errorf("at 360×740 px %s is not on the screen: %s", css, eval[string](a, `JSON.stringify(document.querySelector(`+js(css)+`).getBoundingClientRect())`))
		}
	}
	// The bar keeps to one line (a long name is cut short), so the room
	// keeps its height.
	if h := eval[float64](a, `document.querySelector(".bar").getBoundingClientRect().height`); h > 56 {
		t.Errorf("at 360 px the bar is %.0f px high: it wraps onto a second line", h)
	}
	checkContrast(t, a)
	a.screenshot("chat-360")

	for _, tb := range []*tab{a, b} {
		if ex := tb.exceptions(); len(ex) > 0 {
			t.Errorf("%s's page threw: %s", tb.name, strings.Join(ex, "; "))
		}
	}
}

// signUp registers user in the page and waits for the chat to show.
func signUp(tb *tab, srv *Server, user string) {
	tb.t.Helper()
	tb.do("open the chat", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#username")))
	tb.do("fill in the form", chromedp.SendKeys(chromedp.CSS("#username"), user), chromedp.SendKeys(chromedp.CSS("#password"), password))
	tb.do("press Register", chromedp.Click(chromedp.CSS(`button[data-action="register"]`)))
	tb.waitFor("the chat after registering", visible("#chat")+` && !`+visible("#login"))
	tb.waitFor("the connection", online)
}

// messageWith is a JavaScript expression: a message in the list holds text.
func messageWith(text string) string {
	return fmt.Sprintf(`[...document.querySelectorAll("#messages li")].some((li) => li.textContent.includes(%s))`, js(text))
}

// focusRing is a JavaScript expression: "" when the focused element shows an
// outline or a ring, else what it is.
const focusRing = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body) return "nothing has the focus";
	const s = getComputedStyle(e);
	const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
	const ring = s.boxShadow && s.boxShadow !== "none";
	return outline || ring ? "" : e.outerHTML.slice(0, 120);
})()`

// seedHistory registers a user over HTTP, creates room and writes n
// messages, "history 01" to "history n", through the WebSocket.
func seedHistory(t *testing.T, srv *Server, room string, n int) {
	t.Helper()
	var auth struct{ Token string }
	json.Unmarshal(srv.post("/api/auth/register", "", fmt.Sprintf(`{"username":%q,"password":%q}`, uniq("carol"), password), 201), &auth)
	var r struct{ ID int64 }
	json.Unmarshal(srv.post("/api/rooms", "Bearer "+auth.Token, fmt.Sprintf(`{"name":%q}`, room), 201), &r)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	wsURL := "ws" + strings.TrimPrefix(srv.URL, "http") + "/ws?token=" + auth.Token
	// A connection may send 20 frames at once: a join and 15 messages per
	// connection stay within that, in order, without waiting.
	for sent := 0; sent < n; {
		conn, _, err := websocket.Dial(ctx, wsURL, nil)
		if err != nil {
			t.Fatal(err)
		}
		write := func(v any) {
			b, _ := json.Marshal(v)
			if err := conn.Write(ctx, websocket.MessageText, b); err != nil {
				t.Fatal(err)
			}
		}
		write(map[string]any{"type": "join", "room": r.ID})
		batch := min(15, n-sent)
		for i := range batch {
			write(map[string]any{"type": "message", "room": r.ID, "text": fmt.Sprintf("history %02d", sent+i+1)})
		}
		for got := 0; got < batch; {
			_, data, err := conn.Read(ctx)
			if err != nil {
				t.Fatalf("seed history: %v", err)
			}
			var f struct{ Type, Message string }
			json.Unmarshal(data, &f)
			switch f.Type {
			case "message":
				got++
			case "error":
				t.Fatalf("seed history: %s", f.Message)
			}
		}
		conn.Close(websocket.StatusNormalClosure, "")
		sent += batch
	}
}

// chatStarter is the starter's page: it loads, shows only the sign-in form,
// and says that registering is a milestone still to build instead of
// failing silently.
func chatStarter(t *testing.T, srv *Server) {
	a := newTab(t, newBrowser(t), "ann", 1200, 800)
	a.do("open the chat", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#username")))
	if eval[bool](a, visible("#chat")) {
		t.Errorf("before signing in, the chat (rooms, messages, message box) is on the screen")
	}
	checkLabels(t, a)
	a.do("fill in the form", chromedp.SendKeys(chromedp.CSS("#username"), uniq("ann")), chromedp.SendKeys(chromedp.CSS("#password"), password))
	a.do("press Register", chromedp.Click(chromedp.CSS(`button[data-action="register"]`)))
	a.waitFor("the page to say registering is not built yet", textOf("#auth-error")+`.includes("not built yet") && `+textOf("#auth-error")+`.includes("accounts")`)
	checkContrast(t, a)
	a.screenshot("starter")
	if ex := a.exceptions(); len(ex) > 0 {
		t.Errorf("the page threw: %s", strings.Join(ex, "; "))
	}
}
