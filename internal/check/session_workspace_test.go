package check

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestSessionWithoutServer(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"query.sql": countsQuery})
	// The run command is no server: opening must not start it.
	session, err := Open(context.Background(), Target{Program: &ProgramConfig{Dir: dir, Run: "no-such-program --serve",
		CheckEnv: map[string]string{"KATA_TMP": "${tmpdir}/k"}}}, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer session.Close()
	if session.Mode() != "program" || len(session.URLs()) != 0 {
		t.Errorf("mode %s, urls %v", session.Mode(), session.URLs())
	}
	s := mustDecode(t, `
format: 1
milestone: solve
steps:
  - name: counts
    sql: {fixture: fixtures/shop.sql, file: query.sql, expect: {columns: [name, orders], rows: [[ada, 3], [bob, 1]]}}
  - name: environment
    exec: {command: [sh, -c, 'echo "tmp=$KATA_TMP port=$${PORT:-none}"'], expect: {stdout: {matches: "tmp=.+/k port=none"}}}
`)
	plan := &Plan{Project: "kata", Milestones: solveMilestones, Suites: []*Suite{s}, Exercise: shopExercise()}
	if plan.NeedsServer() {
		t.Error("a plan of sql and exec steps needs no server")
	}
	rep := session.Run(context.Background(), plan)
	if rep.Status != Passed {
		for _, st := range rep.Milestones[0].Steps {
			t.Errorf("%s: %s %s %s", st.Name, st.Status, st.Message, st.Output)
		}
	}
	var out bytes.Buffer
	tr := NewTextReport(&out, &out, false)
	tr.Styles = Styles{}
	tr.Header("kata", session.Mode(), session.URLs(), 3)
	if got := out.String(); !strings.HasPrefix(got, "Checking kata against your program (program mode, seed 3)") {
		t.Errorf("header = %q", got)
	}
}

func TestPlanNeedsServer(t *testing.T) {
	for step, want := range map[string]bool{
		"http: {request: {path: /}}": true,
		"parallel: {copies: 2, request: {path: /}, expect: {counts: {any: any}}}":      true,
		"ws: {clients: [a], connect: {path: /ws}, script: [{client: a, close: true}]}": true,
		"exec: {command: ls}":                           false,
		"sql: {file: q.sql, expect: {rows: reference}}": false,
	} {
		p := &Plan{Suites: []*Suite{mustDecode(t, kindSuite(step))}}
		if p.NeedsServer() != want {
			t.Errorf("%s: NeedsServer = %v", step, !want)
		}
	}
}
