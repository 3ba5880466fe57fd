package check

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

var (
	durRE  = regexp.MustCompile(`(<1ms|\d+ms|\d+\.\ds)`)
	portRE = regexp.MustCompile(`127\.0\.0\.1:\d+`)
)

// requireTranscript compares a transcript with testdata/<TestName>.golden
// once the parts that differ from run to run, the durations and the test
// server's port, are replaced by placeholders.
func requireTranscript(t *testing.T, got string) {
	t.Helper()
	golden.RequireEqual(t, portRE.ReplaceAllString(durRE.ReplaceAllString(got, "Nms"), "127.0.0.1:PORT"))
}

func transcript(t *testing.T, suites ...*Suite) (string, *Report) {
	srv := api(t)
	var out bytes.Buffer
	w := &colorprofile.Writer{Forward: &out, Profile: colorprofile.NoTTY} // as with NO_COLOR
	tr := NewTextReport(w, w, false)
	r := &Runner{URLs: []string{srv.URL}, Seed: 42, Observer: tr}
	p := &Plan{Project: "demo", Milestones: testMilestones[:2], Suites: suites}
	tr.Header(p.Project, "attach", r.URLs, r.Seed)
	rep := r.Run(context.Background(), p)
	tr.Summary(rep)
	return out.String(), rep
}

func TestGoldenPassing(t *testing.T) {
	boot := mustDecode(t, "format: 1\nmilestone: boot\nsteps:\n  - {name: it answers, http: {request: {path: /text}, expect: {body: {contains: hello}}}}\n")
	auth := mustDecode(t, `
format: 1
milestone: auth
steps:
  - name: register
    http:
      request: { method: POST, path: /users, json: { email: "${rand.user}@example.com" } }
      expect: { status: 201, json: [ { path: .token, type: string } ] }
      capture: { token: { json: .token } }
  - name: who am I
    http:
      request: { path: /me, bearer: "${token}" }
      expect: { status: 200 }
`)
	out, rep := transcript(t, boot, auth)
	if rep.Status != Passed {
		t.Fatalf("status %s", rep.Status)
	}
	requireTranscript(t, out)
}

func TestGoldenFailing(t *testing.T) {
	boot := mustDecode(t, "format: 1\nmilestone: boot\nsteps:\n  - {name: it answers, http: {request: {path: /text}}}\n")
	auth := mustDecode(t, `
format: 1
milestone: auth
steps:
  - name: register
    http:
      request: { method: POST, path: /users, json: { email: "${rand.user}@example.com" } }
      expect: { status: 201 }
      capture: { token: { json: .token } }
  - name: log in
    hint: POST /starter must answer 200 with a token
    http:
      request: { path: /starter, bearer: "${token}" }
      expect: { status: 200, json: [ { path: .token, type: string } ] }
  - name: who am I
    http:
      request: { path: /me, bearer: "${token}" }
`)
	out, rep := transcript(t, boot, auth)
	if rep.Status != Failed {
		t.Fatalf("status %s", rep.Status)
	}
	var doc bytes.Buffer
	if err := WriteJSON(&doc, rep); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(doc.Bytes(), &back); err != nil || back["status"] != "failed" || !strings.Contains(doc.String(), `"checks_sha256"`) {
		t.Errorf("json document: %v\n%s", err, doc.String())
	}
	requireTranscript(t, out)
}

// A failure block fits 80 columns: prose wraps under its label, while the
// command to paste and the raw body stay whole.
func TestFailureBlockFitsTheWidth(t *testing.T) {
	long := strings.Repeat("Count login attempts per email in a one-minute window and answer 429 with Retry-After. ", 5)
	boot := mustDecode(t, "format: 1\nmilestone: boot\nsteps:\n  - name: it answers\n    hint: "+long+"\n    http: {request: {path: /starter}, expect: {status: 200}}\n")
	out, _ := transcript(t, boot)
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "curl ") || strings.HasPrefix(l, "      ") || strings.HasPrefix(l, "Checking ") {
			continue
		}
		if n := ansi.StringWidth(l); n > 80 {
			t.Errorf("a %d-column line:\n%s", n, l)
		}
	}
	if !regexp.MustCompile(`(?m)^    hint       Count.*\n {15}\S`).MatchString(out) {
		t.Errorf("the hint does not continue under its label:\n%s", out)
	}
}
