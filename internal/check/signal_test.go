//go:build unix

package check

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// signalSession starts this test binary as a server in mode.
func signalSession(t *testing.T, mode string) *Session {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), Target{Start: &ServerConfig{Dir: t.TempDir(), Run: exe, Health: "/healthz",
		BaseEnv: append(os.Environ(), "WAYMARK_TEST_SIGNAL_SERVER="+mode), BootTimeout: 20 * time.Second}}, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// TestSignalStep: a server that finishes its request in flight and exits
// on SIGTERM passes; one killed by it loses the request; one that ignores
// it is still running at the end of the window.
func TestSignalStep(t *testing.T) {
	suite := mustDecode(t, `
format: 1
milestone: boot
steps:
  - name: graceful
    signal:
      during: { request: { path: /slow }, expect: { status: 200, body: { eq: done } } }
      within: 2s
`)
	for _, tt := range []struct{ mode, message, diagnosis string }{
		{"graceful", "", ""},
		{"abrupt", "no response", "did not get its right answer"},
		{"stubborn", "still running 2s after SIGTERM", "must stop by itself"},
	} {
		t.Run(tt.mode, func(t *testing.T) {
			s := signalSession(t, tt.mode)
			rep := s.Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones[:1], Suites: []*Suite{suite}})
			st := rep.Milestones[0].Steps[0]
			if tt.message == "" {
				if st.Status != Passed {
					t.Fatalf("step %+v", st)
				}
				return
			}
			if st.Status != Failed || !strings.Contains(st.Message, tt.message) || !strings.Contains(st.Diagnosis, tt.diagnosis) {
				t.Fatalf("step %s: %q / %q", st.Status, st.Message, st.Diagnosis)
			}
		})
	}
}

// TestSignalStepExitStatus: a server that exits at once on SIGTERM passes
// a step without a request in flight only with status 0; a signal step
// outside start mode is skipped.
func TestSignalStepExitStatus(t *testing.T) {
	suite := mustDecode(t, `
format: 1
milestone: boot
steps:
  - { name: idle, signal: { send: SIGTERM, within: 2s } }
`)
	rep := signalSession(t, "abrupt").Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones[:1], Suites: []*Suite{suite}})
	if st := rep.Milestones[0].Steps[0]; st.Status != Failed || !strings.Contains(st.Message, "ended with signal: terminated") {
		t.Fatalf("abrupt: %+v", st)
	}
	rep = signalSession(t, "graceful").Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones[:1], Suites: []*Suite{suite}})
	if st := rep.Milestones[0].Steps[0]; st.Status != Passed {
		t.Fatalf("graceful: %+v", st)
	}
	r := &Runner{URLs: []string{"http://127.0.0.1:1"}}
	rep = r.Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones[:1], Suites: []*Suite{suite}})
	if st := rep.Milestones[0].Steps[0]; st.Status != Skipped {
		t.Fatalf("attach mode: %+v", st)
	}
}

func TestSignalDecodeProblems(t *testing.T) {
	for _, tt := range []struct{ yaml, want string }{
		{`{ name: x, signal: { send: SIGKILL } }`, "send must be SIGTERM, SIGINT or SIGHUP"},
		{`{ name: x, signal: { instance: 1 } }`, "instance 1 does not exist"},
		{`{ name: x, signal: { after: 1s } }`, "after goes with during"},
		{`{ name: x, signal: { within: 1m } }`, "within must be between"},
		{`{ name: x, signal: { during: { request: { path: "${nope}" } } } }`, "${nope} is not captured"},
		{`{ name: x, signal: { sent: SIGTERM } }`, "test.yaml:4:"},
	} {
		_, err := Decode("test.yaml", []byte("format: 1\nmilestone: solve\nsteps:\n  - "+tt.yaml+"\n"))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.yaml, err, tt.want)
		}
	}
}

// TestLogStep: a log step finds a JSON line of the server's output whose
// fields match, fails (with the closest line) when none does, and absent
// fails on a line that is there and passes on one that is not.
func TestLogStep(t *testing.T) {
	s := signalSession(t, "graceful")
	suite := mustDecode(t, `
format: 1
milestone: boot
steps:
  - { name: request, http: { request: { path: /hello, headers: { X-Request-Id: "${rand.id}" } } } }
  - name: logged
    log: { json: [ { path: .path, eq: /hello }, { path: .id, eq: "${rand.id}" } ] }
  - name: no secret
    log: { text: { contains: secret }, absent: true }
`)
	rep := s.Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones[:1], Suites: []*Suite{suite}})
	if rep.Status != Passed {
		t.Fatalf("report: %+v", firstFailure(rep))
	}
	bad := mustDecode(t, `
format: 1
milestone: boot
steps:
  - { name: request, http: { request: { path: /hello } } }
  - { name: wrong status, log: { json: [ { path: .path, eq: /hello }, { path: .status, eq: 500 } ], within: 300ms } }
`)
	rep = s.Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones[:1], Suites: []*Suite{bad}})
	if f := firstFailure(rep); f == nil || !strings.Contains(f.Diagnosis, "the closest line: .status") {
		t.Fatalf("failure %+v", f)
	}
	plain := mustDecode(t, `
format: 1
milestone: boot
steps:
  - { name: every line is JSON, log: { text: { matches: "^[^{]" }, absent: true } }
`)
	rep = s.Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones[:1], Suites: []*Suite{plain}})
	if f := firstFailure(rep); f == nil || !strings.Contains(f.Got, "listening, in plain words") {
		t.Fatalf("failure %+v", f)
	}
}

func TestLogDecodeProblems(t *testing.T) {
	for _, tt := range []struct{ yaml, want string }{
		{`{ name: x, log: { within: 1s } }`, "give json matchers or a text matcher"},
		{`{ name: x, log: { text: { contains: a }, absent: true, within: 1s } }`, "is not for absent"},
		{`{ name: x, log: { json: [ { eq: 1 } ] } }`, "path"},
		{`{ name: x, log: { text: { contains: "${nope}" } } }`, "${nope} is not captured"},
	} {
		_, err := Decode("test.yaml", []byte("format: 1\nmilestone: solve\nsteps:\n  - "+tt.yaml+"\n"))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.yaml, err, tt.want)
		}
	}
}
