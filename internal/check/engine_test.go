package check

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// api is a tiny server that the engine tests talk to.
func api(t *testing.T) *httptest.Server {
	t.Helper()
	var mu sync.Mutex
	stock := 5
	mux := http.NewServeMux()
	writeJSON := func(w http.ResponseWriter, code int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Frame-Options", "DENY")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(v)
	}
	mux.HandleFunc("POST /users", func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Email string }
		_ = json.NewDecoder(r.Body).Decode(&in)
		w.Header().Set("Location", "/users/7")
		writeJSON(w, 201, map[string]any{"user": map[string]any{"id": 7, "email": in.Email}, "token": "tok-" + in.Email,
			"tags": []string{"a", "b"}, "score": 2.5, "ok": true, "none": nil})
	})
	mux.HandleFunc("GET /me", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer tok-") {
			writeJSON(w, 401, map[string]string{"error": "no token"})
			return
		}
		writeJSON(w, 200, map[string]any{"id": 7})
	})
	mux.HandleFunc("GET /text", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "hello there") })
	mux.HandleFunc("GET /fakejson", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, "<html>oops</html>")
	})
	mux.HandleFunc("GET /starter", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 501, map[string]string{"error": "not implemented", "milestone": "auth"})
	})
	mux.HandleFunc("POST /buy", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		ok := stock > 0
		if ok {
			stock--
		}
		mu.Unlock()
		if ok {
			writeJSON(w, 201, map[string]string{"ok": "yes"})
		} else {
			writeJSON(w, 409, map[string]string{"error": "sold out"})
		}
	})
	mux.HandleFunc("GET /ws", func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		for {
			_, data, err := c.Read(r.Context())
			if err != nil {
				return
			}
			_ = c.Write(r.Context(), websocket.MessageText, data) // echo to the sender only
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestMatchers(t *testing.T) {
	srv := api(t)
	cases := []struct {
		matcher string
		pass    bool
	}{
		{"{path: .user.id, eq: 7}", true},
		{"{path: .user.id, eq: 8}", false},
		{"{path: .user.email, eq: a@b.c}", true},
		{"{path: .user.id, ne: 8}", true},
		{"{path: .user.id, ne: 7}", false},
		{"{path: .score, gt: 2}", true},
		{"{path: .score, gt: 2.5}", false},
		{"{path: .score, gte: 2.5}", true},
		{"{path: .score, gte: 3}", false},
		{"{path: .score, lt: 3}", true},
		{"{path: .score, lt: 2.5}", false},
		{"{path: .score, lte: 2.5}", true},
		{"{path: .score, lte: 2}", false},
		{"{path: .user.email, contains: \"@b\"}", true},
		{"{path: .user.email, contains: zz}", false},
		{"{path: .tags, contains: b}", true},
		{"{path: .tags, contains: c}", false},
		{"{path: .user, contains: email}", true},
		{"{path: .tags, not_contains: c}", true},
		{"{path: .tags, not_contains: a}", false},
		{"{path: .user.email, matches: \"^a@.*c$\"}", true},
		{"{path: .user.email, matches: \"^x\"}", false},
		{"{path: .user.id, type: integer}", true},
		{"{path: .user.id, type: number}", true},
		{"{path: .score, type: integer}", false},
		{"{path: .user.id, type: string}", false},
		{"{path: .ok, type: boolean}", true},
		{"{path: .none, type: \"null\"}", true},
		{"{path: .none, eq: null}", true},
		{"{path: .tags, type: array}", true},
		{"{path: .user, type: object}", true},
		{"{path: .user.id, exists: true}", true},
		{"{path: .user.name, exists: true}", false},
		{"{path: .user.name, exists: false}", true},
		{"{path: .user.id, exists: false}", false},
		{"{path: .tags, len: 2}", true},
		{"{path: .tags, len: 3}", false},
		{"{path: .user, len: 2}", true},
		{"{path: \".tags[1]\", eq: b}", true},
		{"{path: \".tags[5]\", exists: true}", false},
		{"{path: .user.email, eq: \"${rand.user}@b.c\"}", false},
	}
	for _, c := range cases {
		t.Run(c.matcher, func(t *testing.T) {
			s := mustDecode(t, fmt.Sprintf(`
format: 1
milestone: boot
steps:
  - name: m
    http:
      request: { method: POST, path: /users, json: { email: a@b.c } }
      expect: { status: 201, json: [ %s ] }
`, c.matcher))
			rep := runOne(t, srv.URL, s)
			if got := rep.Status == Passed; got != c.pass {
				t.Errorf("passed = %v, want %v: %+v", got, c.pass, firstFailure(rep))
			}
			if f := firstFailure(rep); f != nil && (f.Expected == "" || f.Got == "") {
				t.Errorf("failure without expected/got: %+v", f)
			}
		})
	}
}

func TestHeaderAndBodyMatchers(t *testing.T) {
	srv := api(t)
	cases := []struct {
		expect string
		pass   bool
	}{
		{"{headers: {X-Frame-Options: DENY}}", true},
		{"{headers: {X-Frame-Options: SAMEORIGIN}}", false},
		{"{headers: {Content-Type: {contains: json}}}", true},
		{"{headers: {Retry-After: {exists: true}}}", false},
		{"{headers: {Location: {matches: \"^/users/[0-9]+$\"}}}", true},
		{"{headers: {Content-Length: {gte: 10}}}", true},
		{"{body: {contains: token}}", true},
		{"{body: {not_contains: goroutine}}", true},
		{"{body: {not_contains: token}}", false},
	}
	for _, c := range cases {
		t.Run(c.expect, func(t *testing.T) {
			s := mustDecode(t, fmt.Sprintf(`
format: 1
milestone: boot
steps:
  - name: m
    http:
      request: { method: POST, path: /users, json: { email: a@b.c } }
      expect: %s
`, c.expect))
			rep := runOne(t, srv.URL, s)
			if got := rep.Status == Passed; got != c.pass {
				t.Errorf("passed = %v, want %v: %+v", got, c.pass, firstFailure(rep))
			}
		})
	}
}

func TestCapturesFeedLaterSteps(t *testing.T) {
	srv := api(t)
	s := mustDecode(t, `
format: 1
milestone: boot
steps:
  - name: register
    http:
      request: { method: POST, path: /users, json: { email: "${rand.user}" } }
      expect: { status: 201, json: [ { path: .user.email, eq: "${rand.user}" } ] }
      capture: { token: { json: .token }, id: { json: .user.id }, where: { header: Location } }
  - name: me
    http:
      request: { path: /me, bearer: "${token}" }
      expect: { status: 200, json: [ { path: .id, eq: "${id}" } ] }
  - name: location
    http:
      request: { path: "${where}" }
      expect: { status: 404 }
`)
	rep := runOne(t, srv.URL, s)
	if rep.Status != Passed {
		t.Fatalf("report: %+v", firstFailure(rep))
	}
}

func TestMissingCaptureFailsWithTheReason(t *testing.T) {
	srv := api(t)
	s := mustDecode(t, `
format: 1
milestone: boot
steps:
  - name: register
    http:
      request: { method: POST, path: /users, json: { email: x } }
      expect: { status: 201 }
      capture: { token: { json: .access_token } }
  - name: me
    http:
      request: { path: /me, bearer: "${token}" }
`)
	rep := runOne(t, srv.URL, s)
	f := firstFailure(rep)
	if f == nil || f.Name != "register" || !strings.Contains(f.Message, "could not capture ${token}") {
		t.Fatalf("failure = %+v", f)
	}
	if len(f.Missing) != 1 || f.Missing[0].Name != "token" || !strings.Contains(f.Missing[0].Why, ".access_token") {
		t.Errorf("missing = %+v", f.Missing)
	}
	if st := rep.Milestones[0].Steps[1].Status; st != NotRun {
		t.Errorf("next step status = %s", st)
	}
}

func TestDiagnoses(t *testing.T) {
	srv := api(t)
	cases := []struct{ path, expect, want string }{
		{"/starter", "{status: 200}", "not implemented yet — this is milestone auth's job: register and log in"},
		{"/text", "{status: 200, json: [{path: ., exists: true}]}", "Content-Type: application/json before writing"},
		{"/fakejson", "{status: 200, json: [{path: ., exists: true}]}", "the body is not valid JSON"},
		{"/nowhere", "{status: 200}", "no route answered GET /nowhere"},
		{"/me", "{status: 200}", "Bearer token"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			s := mustDecode(t, fmt.Sprintf("format: 1\nmilestone: boot\nsteps:\n  - name: x\n    http: {request: {path: %s}, expect: %s}\n", c.path, c.expect))
			f := firstFailure(runOne(t, srv.URL, s))
			if f == nil || !strings.Contains(f.Diagnosis, c.want) {
				t.Fatalf("failure = %+v\nwant diagnosis containing %q", f, c.want)
			}
			if !strings.HasPrefix(f.Curl, "curl -i "+srv.URL) {
				t.Errorf("curl = %q", f.Curl)
			}
		})
	}
}

func TestConnectionRefused(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	s := mustDecode(t, "format: 1\nmilestone: boot\nsteps:\n  - name: x\n    http: {request: {path: /healthz}}\n")
	f := firstFailure(runOne(t, url, s))
	if f == nil || !strings.Contains(f.Diagnosis, "nothing listens on "+strings.TrimPrefix(url, "http://")+" — does your server read PORT?") {
		t.Fatalf("failure = %+v", f)
	}
}

func TestParallelCounts(t *testing.T) {
	cases := []struct {
		counts string
		pass   bool
	}{
		{"{201: 5, 409: 15}", true},
		{"{201: 5, 4xx: 15}", true},
		{"{201: \"1..5\", any: \">=1\"}", true},
		{"{201: 6, 409: 14}", false},
		{"{201: 5}", false}, // 409s are not expected
	}
	for _, c := range cases {
		t.Run(c.counts, func(t *testing.T) {
			srv := api(t)
			s := mustDecode(t, fmt.Sprintf("format: 1\nmilestone: boot\nsteps:\n  - name: x\n    parallel: {copies: 20, request: {method: POST, path: \"/buy?n=${i}\"}, expect: {counts: %s}}\n", c.counts))
			rep := runOne(t, srv.URL, s)
			if got := rep.Status == Passed; got != c.pass {
				t.Fatalf("passed = %v, want %v: %+v", got, c.pass, firstFailure(rep))
			}
			if f := firstFailure(rep); f != nil && f.Got != "{201: 5, 409: 15}" {
				t.Errorf("got = %q", f.Got)
			}
		})
	}
}

// TestParallelEach holds every response of a status to an expectation of
// its own, and names the copy whose response broke it.
func TestParallelEach(t *testing.T) {
	cases := []struct {
		each, fails string
	}{
		{`{409: {json: [{path: .error, eq: "sold out"}]}}`, ""},
		{`{4xx: {headers: {Content-Type: {contains: json}}}, 201: {json: [{path: .ok, eq: "yes"}]}}`, ""},
		{`{409: {json: [{path: .error, eq: "gone"}]}}`, "'s 409 response: .error is not right"},
		{`{201: {headers: {Retry-After: {exists: true}}}}`, "'s 201 response: header Retry-After is not right"},
	}
	for _, c := range cases {
		t.Run(c.each, func(t *testing.T) {
			srv := api(t)
			s := mustDecode(t, fmt.Sprintf("format: 1\nmilestone: boot\nsteps:\n  - name: x\n    parallel: {copies: 20, request: {method: POST, path: \"/buy?n=${i}\"}, expect: {counts: {201: 5, 409: 15}, each: %s}}\n", c.each))
			f := firstFailure(runOne(t, srv.URL, s))
			if c.fails == "" && f != nil || c.fails != "" && (f == nil || !strings.Contains(f.Message, c.fails)) {
				t.Fatalf("failure = %+v, want one containing %q", f, c.fails)
			}
		})
	}
}

// testRoom is the test chat servers' room: the connected clients, and a
// broadcast to all of them but the sender.
type testRoom struct {
	mu    sync.Mutex
	conns map[*websocket.Conn]bool
}

func (rm *testRoom) add(c *websocket.Conn) {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	if rm.conns == nil {
		rm.conns = map[*websocket.Conn]bool{}
	}
	rm.conns[c] = true
}

func (rm *testRoom) remove(c *websocket.Conn) {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	delete(rm.conns, c)
}

// broadcast writes data to every client but from, each write bounded so
// that a client that stopped reading cannot hold the room.
func (rm *testRoom) broadcast(from *websocket.Conn, data []byte) {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	for c := range rm.conns {
		if c != from {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			_ = c.Write(ctx, websocket.MessageText, data)
			cancel()
		}
	}
}

// chat broadcasts every message to every other client of the room.
func chat(t *testing.T) *httptest.Server {
	var room testRoom
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		room.add(c)
		defer room.remove(c)
		// The client's handshake completes before this handler registers
		// the connection; saying so when it has lets a script wait for it,
		// as a real chat's join event does, instead of racing it.
		_ = c.Write(r.Context(), websocket.MessageText, []byte(`{"ready":true}`))
		for {
			_, data, err := c.Read(r.Context())
			if err != nil {
				return
			}
			room.broadcast(c, data)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestWebSocket(t *testing.T) {
	srv := chat(t)
	pass := mustDecode(t, `
format: 1
milestone: boot
steps:
  - name: broadcast
    ws:
      clients: [alice, bob]
      connect: { path: /ws }
      script:
        - { client: alice, expect: { json: [ { path: .ready, eq: true } ] } }
        - { client: bob, expect: { json: [ { path: .ready, eq: true } ] } }
        - { client: alice, send: { json: { text: hi, from: alice } } }
        - { client: bob, expect: { json: [ { path: .text, eq: hi } ] }, within: 1s, capture: { who: { json: .from } } }
        - { client: alice, expect_none: {}, within: 200ms }
        - { client: bob, send: { text: "back to ${who}" } }
        - { client: alice, expect: { text: { eq: back to alice } } }
        - { client: bob, close: true }
`)
	if rep := runOne(t, srv.URL, pass); rep.Status != Passed {
		t.Fatalf("report: %+v", firstFailure(rep))
	}
	echo := mustDecode(t, `
format: 1
milestone: boot
steps:
  - name: sender does not get its own message
    ws:
      clients: [alice]
      connect: { path: /ws }
      script:
        - { client: alice, send: { json: { text: hi } } }
        - { client: alice, expect_none: { json: [ { path: .text, eq: hi } ] }, within: 300ms }
`)
	f := firstFailure(runOne(t, api(t).URL, echo))
	if f == nil || !strings.Contains(f.Got, `received {"text":"hi"}`) || len(f.Frames) != 3 {
		t.Fatalf("failure = %+v", f)
	}
	wait := mustDecode(t, `
format: 1
milestone: boot
steps:
  - name: nothing comes
    ws:
      clients: [alice]
      connect: { path: /ws }
      script:
        - { client: alice, expect: { json: [ { path: .text, exists: true } ] }, within: 200ms }
`)
	start := time.Now()
	f = firstFailure(runOne(t, api(t).URL, wait))
	if f == nil || f.Got != "nothing within 200ms" || time.Since(start) > 2*time.Second {
		t.Fatalf("failure = %+v after %s", f, time.Since(start))
	}
}

func TestRequiresEnvAndInstancesSkip(t *testing.T) {
	srv := api(t)
	s := mustDecode(t, `
format: 1
milestone: boot
instances: 2
requires_env: [REDIS_URL]
steps:
  - { name: x, http: { request: { path: /text } } }
`)
	rep := runOne(t, srv.URL, s)
	m := rep.Milestones[0]
	if m.Status != Skipped || !strings.Contains(m.Message, "needs REDIS_URL") || rep.Status != Skipped {
		t.Fatalf("milestone = %+v", m)
	}
	s.RequiresEnv = nil
	rep = runOne(t, srv.URL, s)
	if m := rep.Milestones[0]; m.Status != Skipped || !strings.Contains(m.Message, "needs 2 instances") {
		t.Fatalf("milestone = %+v", m)
	}
	r := &Runner{URLs: []string{srv.URL, srv.URL}, Env: func(k string) (string, bool) { return "redis://x", k == "REDIS_URL" }}
	s.RequiresEnv = []string{"REDIS_URL"}
	rep = r.Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones[:1], Suites: []*Suite{s}})
	if rep.Status != Passed {
		t.Fatalf("with env and two URLs: %+v", rep.Milestones[0])
	}
}

func TestExecStep(t *testing.T) {
	dir := t.TempDir()
	s := mustDecode(t, `
format: 1
milestone: boot
steps:
  - { name: ok, exec: { command: "sh -c 'echo'", expect: { exit: 0 } } }
  - { name: echo, exec: { command: [sh, -c, "echo all good; echo warn >&2"], expect: { stdout: { contains: good }, stderr: { eq: "warn\n" } } } }
  - { name: slow, exec: { command: [sleep, "10"], timeout: 200ms } }
`)
	r := &Runner{URLs: []string{"http://127.0.0.1:1"}, Dir: dir}
	start := time.Now()
	rep := r.Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones[:1], Suites: []*Suite{s}})
	f := firstFailure(rep)
	if f == nil || f.Name != "slow" || !strings.Contains(f.Message, "did not finish within 200ms") || time.Since(start) > 5*time.Second {
		t.Fatalf("failure = %+v (%s)", f, time.Since(start))
	}
	attach := &Runner{URLs: []string{"http://127.0.0.1:1"}}
	rep = attach.Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones[:1], Suites: []*Suite{s}})
	if rep.Milestones[0].Steps[0].Status != Skipped {
		t.Errorf("exec in attach mode: %+v", rep.Milestones[0].Steps[0])
	}
}

func TestMilestoneOrderAndStops(t *testing.T) {
	srv := api(t)
	ok := func(m string) *Suite {
		return mustDecode(t, "format: 1\nmilestone: "+m+"\nsteps: [{name: x, http: {request: {path: /text}}}]\n")
	}
	bad := func(m string) *Suite {
		return mustDecode(t, "format: 1\nmilestone: "+m+"\nsteps: [{name: x, http: {request: {path: /starter}}}]\n")
	}
	r := &Runner{URLs: []string{srv.URL}}
	p := &Plan{Project: "demo", Milestones: testMilestones, Suites: []*Suite{ok("boot"), bad("auth"), ok("tasks")}}
	rep := r.Run(context.Background(), p)
	if got := statuses(rep); got != "boot:passed auth:failed tasks:not run" {
		t.Errorf("default: %s", got)
	}
	p.All = true
	if got := statuses(r.Run(context.Background(), p)); got != "boot:passed auth:failed tasks:passed" {
		t.Errorf("--all: %s", got)
	}
	p.All, p.Upto = false, "boot"
	if got := statuses(r.Run(context.Background(), p)); got != "boot:passed" {
		t.Errorf("--milestone boot: %s", got)
	}
}

func statuses(rep *Report) string {
	var parts []string
	for _, m := range rep.Milestones {
		parts = append(parts, m.ID+":"+string(m.Status))
	}
	return strings.Join(parts, " ")
}

func TestWebSocketRefusedUpgrade(t *testing.T) {
	guarded := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("token") != "good" {
			http.Error(w, `{"error":"unauthorized"}`, http.StatusUnauthorized)
			return
		}
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		c.Close(websocket.StatusNormalClosure, "bye")
	}))
	t.Cleanup(guarded.Close)
	suite := func(path string, status int) *Suite {
		return mustDecode(t, fmt.Sprintf(`
format: 1
milestone: boot
steps:
  - name: no token, no upgrade
    ws:
      clients: [{ name: mallory, path: %q, refused: %d }]
`, path, status))
	}
	if rep := runOne(t, guarded.URL, suite("/ws", 401)); rep.Status != Passed {
		t.Fatalf("refused upgrade not accepted: %+v", firstFailure(rep))
	}
	if f := firstFailure(runOne(t, guarded.URL, suite("/ws?token=good", 401))); f == nil || f.Got != "status 101 (connected)" {
		t.Fatalf("an upgrade that succeeded passed: %+v", f)
	}
	if f := firstFailure(runOne(t, guarded.URL, suite("/ws", 403))); f == nil || f.Got != "status 401" {
		t.Fatalf("a refusal with the wrong status passed: %+v", f)
	}
	_, err := Decode("x.yaml", []byte(`
format: 1
milestone: boot
steps:
  - name: scripted refused client
    ws:
      clients: [{ name: m, path: /ws, refused: 401 }]
      script:
        - { client: m, send: { text: hi } }
`))
	if err == nil || !strings.Contains(err.Error(), "cannot be scripted") {
		t.Fatalf("a scripted refused client was accepted: %v", err)
	}
}

// kickServer accepts WebSockets on /ws and closes every open one with 1008
// when POST /kick arrives, as a chat closes a session's sockets on logout.
func kickServer(t *testing.T) *httptest.Server {
	t.Helper()
	var mu sync.Mutex
	conns := map[*websocket.Conn]bool{}
	mux := http.NewServeMux()
	mux.HandleFunc("/ws", func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		mu.Lock()
		conns[c] = true
		mu.Unlock()
		_ = c.Write(r.Context(), websocket.MessageText, []byte(`{"type":"hello"}`))
		for {
			if _, _, err := c.Read(r.Context()); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("POST /kick", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		for c := range conns {
			go c.Close(websocket.StatusPolicyViolation, "kicked")
		}
		w.WriteHeader(http.StatusNoContent)
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

func TestWebSocketScriptHTTPAndExpectClose(t *testing.T) {
	ts := kickServer(t)
	suite := func(script string) *Suite {
		return mustDecode(t, `
format: 1
milestone: boot
steps:
  - name: kicked
    ws:
      clients: [alice]
      connect: { path: /ws }
      script:
`+script)
	}
	// The hello frame comes once the server holds the connection.
	hello := "        - { client: alice, expect: { json: [ { path: .type, eq: hello } ] } }\n"
	pass := suite(hello + `
        - { http: { request: { method: POST, path: /kick }, expect: { status: 204 } } }
        - { client: alice, expect_close: { code: 1008 }, within: 2s }
`)
	if rep := runOne(t, ts.URL, pass); rep.Status != Passed {
		t.Fatalf("a request mid-script and the close it causes: %+v", firstFailure(rep))
	}
	f := firstFailure(runOne(t, ts.URL, suite(hello+`
        - { http: { request: { method: POST, path: /kick } } }
        - { client: alice, expect_close: { code: 1000 } }
`)))
	if f == nil || !strings.Contains(f.Got, `closed with 1008 "kicked"`) {
		t.Fatalf("a close with the wrong code passed: %+v", f)
	}
	f = firstFailure(runOne(t, ts.URL, suite(`
        - { client: alice, expect_close: { code: 1008 }, within: 200ms }
`)))
	if f == nil || f.Got != "still open after 200ms" || !strings.Contains(strings.Join(f.Frames, "\n"), `alice ← {"type":"hello"}`) {
		t.Fatalf("a connection left open passed: %+v", f)
	}
	f = firstFailure(runOne(t, ts.URL, suite(`
        - { http: { request: { method: POST, path: /kick }, expect: { status: 200 } } }
`)))
	if f == nil || f.Curl == "" || f.Got != "status 204" {
		t.Fatalf("a failing request mid-script passed or lost its curl line: %+v", f)
	}

	for script, want := range map[string]string{
		"        - { client: alice, http: { request: { path: /kick } } }\n": "remove client",
		"        - { client: alice, expect_close: { code: 8 } }\n":          "from 1000 to 4999",
		"        - { http: { request: { path: \"/x/${nope}\" } } }\n":       "${nope} is not captured",
	} {
		_, err := Decode("x.yaml", []byte(`
format: 1
milestone: boot
steps:
  - name: bad
    ws:
      clients: [alice]
      connect: { path: /ws }
      script:
`+script))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", strings.TrimSpace(script), err, want)
		}
	}
}

// TestBigBodyGetsItsOwnConnection: a server that refuses a big body, then
// closes the kept-alive connection instead of reading on (as gunicorn
// does), must not make the next step fail.
func TestBigBodyGetsItsOwnConnection(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go serveRefusingBigBodies(c)
		}
	}()
	s := mustDecode(t, `
format: 1
milestone: boot
steps:
  - name: a big body is refused
    http:
      request: { method: POST, path: /big, json: { title: "${fill.200000}" } }
      expect: { status: 413 }
  - name: the next request works
    http:
      request: { method: POST, path: /small, json: { title: ok } }
      expect: { status: 201 }
`)
	rep := runOne(t, "http://"+l.Addr().String(), s)
	if f := firstFailure(rep); f != nil {
		t.Fatalf("step %q failed: %s — %s", f.Name, f.Message, f.Diagnosis)
	}
}

// TestBigBodyAsksFirst: a big body is sent only after the server's 100
// Continue, so a server that refuses it from its headers and closes (as the
// Go references do for a Content-Length over 1 MiB) is heard, not met with
// a broken pipe while the body is still being written.
func TestBigBodyAsksFirst(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	expects := make(chan string, 1)
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(5 * time.Second))
		req, err := http.ReadRequest(bufio.NewReader(c))
		if err != nil {
			return
		}
		expects <- req.Header.Get("Expect")
		// Refused from the headers: the body is never read.
		fmt.Fprint(c, "HTTP/1.1 413 Request Entity Too Large\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"error\":1}")
	}()
	s := mustDecode(t, `
format: 1
milestone: boot
steps:
  - name: a big body is refused
    http:
      request: { method: POST, path: /big, json: { title: "${fill.4000000}" } }
      expect: { status: 413 }
`)
	rep := runOne(t, "http://"+l.Addr().String(), s)
	if got := <-expects; got != "100-continue" {
		t.Errorf("a 4 MB body was sent with Expect %q, want 100-continue", got)
	}
	if f := firstFailure(rep); f != nil {
		t.Fatalf("step %q failed: %s — %s", f.Name, f.Message, f.Diagnosis)
	}
}

// serveRefusingBigBodies answers requests on c: 201 to small ones; to a body
// over 64 KiB a 413 that keeps the connection alive, after which it waits
// for the next request's first byte and closes the connection unanswered.
func serveRefusingBigBodies(c net.Conn) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	br := bufio.NewReader(c)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		body, _ := io.ReadAll(req.Body)
		if len(body) > 64<<10 {
			fmt.Fprint(c, "HTTP/1.1 413 Request Entity Too Large\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"error\":1}")
			if !req.Close {
				_, _ = br.Peek(1) // the client sent its next request here
			}
			return
		}
		fmt.Fprint(c, "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
		if req.Close {
			return
		}
	}
}
