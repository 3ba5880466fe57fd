package check

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestDecodeFullExample(t *testing.T) {
	s := mustDecode(t, `
format: 1
milestone: auth
instances: 2
requires_env: [REDIS_URL]
steps:
  - name: register
    hint: POST /api/users answers 201
    http:
      request: { method: post, path: /api/users, json: { email: "${rand.user}@example.com", n: 1 } }
      expect:
        status: [200, 201]
        headers: { Content-Type: { contains: json }, X-Frame-Options: DENY }
        json: [ { path: .user.id, exists: true }, { path: .tags, len: 2 } ]
      capture: { token: { json: .access_token }, old: { json: .access_token, jwt: { forge: expired } } }
  - name: uses token
    http:
      request: { path: /me, bearer: "${token}", instance: 1 }
      expect: { status: 200, body: { not_contains: goroutine } }
  - name: race
    parallel:
      copies: 20
      request: { method: POST, path: "/buy?i=${i}" }
      expect: { counts: { 201: 5, 409: "15", 5xx: "0", any: ">=1" } }
  - name: chat
    ws:
      clients: [alice, { name: bob, path: /ws2, instance: 1 }]
      connect: { path: /ws, bearer: "${token}" }
      script:
        - { client: alice, send: { json: { text: hi } } }
        - { client: bob, expect: { json: [ { path: .text, eq: hi } ] }, within: 2s, capture: { id: { json: .id } } }
        - { client: alice, expect_none: {}, within: 300ms }
        - { client: bob, close: true }
  - name: tests
    exec: { command: go test ./..., timeout: 1m, expect: { exit: 0, stdout: { contains: ok } } }
`)
	if s.Milestone != "auth" || len(s.Steps) != 5 || s.Instances != 2 {
		t.Fatalf("decoded %+v", s)
	}
	if s.Steps[0].HTTP.Request.Method != "POST" || s.Steps[1].HTTP.Request.Method != "GET" {
		t.Errorf("methods not normalised")
	}
	if got := s.Steps[0].HTTP.Expect.Headers["X-Frame-Options"].Eq.V; got != "DENY" {
		t.Errorf("header shorthand = %v", got)
	}
	if c := s.Steps[2].Parallel.Expect.Counts["any"]; c.Min != 1 || c.Max != -1 {
		t.Errorf("count >=1 = %+v", c)
	}
	if s.Steps[3].WS.Clients[1].Instance != 1 || s.Steps[3].WS.Clients[0].Name != "alice" {
		t.Errorf("ws clients = %+v", s.Steps[3].WS.Clients)
	}
	if got := []string(s.Steps[4].Exec.Command); len(got) != 3 || got[2] != "./..." {
		t.Errorf("command = %q", got)
	}
	if len(s.SHA256) != 64 {
		t.Errorf("sha256 = %q", s.SHA256)
	}
}

func TestDecodeErrorsNamePositions(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"unknown key", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    htp: {}\n", "t.yaml:5:5: unknown key \"htp\""},
		{"no kind", "format: 1\nmilestone: a\nsteps:\n  - name: x\n", "t.yaml:4:5: step \"x\" must have exactly one of"},
		{"two kinds", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    http: {request: {path: /}}\n    exec: {command: ls}\n", "exactly one of"},
		{"format", "format: 2\nmilestone: a\nsteps: [{name: x, http: {request: {path: /}}}]\n", "t.yaml:1:1: format: 1 is required"},
		{"bad status", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    http: {request: {path: /}, expect: {status: 99}}\n", "t.yaml:5:49: expected an HTTP status code"},
		{"bad path", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    http: {request: {path: /}, expect: {json: [{path: user, eq: 1}]}}\n", "must start with ."},
		{"no operator", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    http: {request: {path: /}, expect: {json: [{path: .a}]}}\n", "needs at least one of"},
		{"unknown var", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    http: {request: {path: \"/t/${id}\"}}\n", "${id} is not captured by an earlier step"},
		{"bad regexp", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    http: {request: {path: /}, expect: {body: {matches: \"(\"}}}\n", "matches: error parsing regexp"},
		{"bad type", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    http: {request: {path: /}, expect: {json: [{path: ., type: str}]}}\n", "type \"str\" is not one of"},
		{"duplicate key", "format: 1\nformat: 1\nmilestone: a\nsteps: []\n", "t.yaml:2:1: key \"format\" appears twice"},
		{"alias", "format: &a 1\nmilestone: a\n", "anchors and aliases"},
		{"syntax", "format: 1\nmilestone: [\n", "t.yaml:"},
		{"empty", "", "t.yaml:1:1: the file is empty"},
		{"null", "~\n", "t.yaml:1:1: a check file is a mapping of format, milestone and steps; got null"},
		{"a list", "- format: 1\n", "t.yaml:1:1: a check file is a mapping"},
		{"ws client", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    ws: {clients: [a], connect: {path: /ws}, script: [{client: b, close: true}]}\n", "client \"b\" is not in clients"},
		{"within too long", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    ws: {clients: [a], connect: {path: /ws}, script: [{client: a, expect: {}, within: 1h}]}\n", "within must be at most"},
		{"copies", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    parallel: {copies: 1000, request: {path: /}, expect: {counts: {200: 1}}}\n", "copies must be between"},
		{"each key", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    parallel: {copies: 2, request: {path: /}, expect: {counts: {200: 2}, each: {ok: {}}}}\n", `each key "ok" must be a status`},
		{"each status", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    parallel: {copies: 2, request: {path: /}, expect: {counts: {200: 2}, each: {200: {status: 201}}}}\n", "each.200: the status is the key's"},
		{"count", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    parallel: {copies: 3, request: {path: /}, expect: {counts: {200: lots}}}\n", "expected a count"},
		{"instance", "format: 1\nmilestone: a\nsteps:\n  - name: x\n    http: {request: {path: /, instance: 1}}\n", "instance 1 does not exist"},
		{"two docs", "format: 1\n---\nformat: 1\n", "one document per file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode("t.yaml", []byte(c.text))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v\nwant it to contain %q", err, c.want)
			}
		})
	}
}

func TestLoadSuitesCollectsEveryFile(t *testing.T) {
	fsys := fstest.MapFS{
		"checks/a.yaml":    {Data: []byte("format: 1\nmilestone: a\nsteps: [{name: x, http: {request: {path: /}}}]\n")},
		"checks/b.yaml":    {Data: []byte("format: 1\nmilestone: b\nsteps: [{name: x}]\n")},
		"checks/c.yaml":    {Data: []byte("format: 3\nmilestone: c\nsteps: [{name: x, http: {request: {path: /}}}]\n")},
		"checks/README.md": {Data: []byte("not a check")},
	}
	_, err := LoadSuites(fsys, "checks")
	if err == nil || !strings.Contains(err.Error(), "checks/b.yaml:3:9") || !strings.Contains(err.Error(), "checks/c.yaml:1:1") {
		t.Fatalf("error = %v", err)
	}
	delete(fsys, "checks/b.yaml")
	delete(fsys, "checks/c.yaml")
	s, err := LoadSuites(fsys, "checks")
	if err != nil || len(s) != 1 {
		t.Fatalf("LoadSuites = %v, %v", s, err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("format: 1\nmilestone: a\nsteps: [{name: x, http: {request: {path: /}, expect: {json: [{path: .a[0].b, eq: {x: [1, null]}}]}}}]\n"))
	f.Add([]byte("format: 1\nmilestone: a\nsteps: [{name: w, ws: {clients: [a], connect: {path: /}, script: [{client: a, expect_none: {}, within: 1s}]}}]\n"))
	f.Add([]byte("steps: [{parallel: {copies: 3, expect: {counts: {4xx: 1..3}}}}]"))
	f.Add([]byte("a: &x [1]\nb: *x\n"))
	f.Add([]byte("format: 1\nmilestone: a\nsteps: [{name: l, load: {clients: 4, requests: 50, sequence: [{request: {path: /}}], expect: {p99: [20x, 1s], errors: 1%}}}]\n"))
	f.Add([]byte("format: 1\nmilestone: a\nsteps: [{name: q, sql: {fixture: f.sql, file: q.sql, expect: {columns: [a], rows: [[1, null, x]], ordered: true}}}]\n"))
	f.Add([]byte("format: 1\nmilestone: a\nsteps: [{name: g, git: {repo: ., expect: {head: main, commits: \">=3\", file: [{path: a, contains: b}], tag: {name: v1}}}}]\n"))
	f.Add([]byte("format: 1\nmilestone: a\nsteps: [{name: j, judge: {generate: [{gen: ints, n: 5, min: -3, max: 3, seed: 7}, {gen: int, value: 2}], want: reference, time_limit: 10x, memory: 64MiB}}]\n"))
	f.Add([]byte("format: 1\nmilestone: a\nsteps: [{name: j, judge: {cases: [{args: [[1], 2], want: [0]}], compare: unordered, time_limit: 2s}}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode("f.yaml", data)
		if err == nil && (s == nil || s.Format != 1 || len(s.Steps) == 0) {
			t.Fatalf("accepted an invalid suite: %+v", s)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "f.yaml:") {
			t.Fatalf("error without position: %v", err)
		}
	})
}
