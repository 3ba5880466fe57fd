package cli

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/progress"
)

func TestProjectsRun(t *testing.T) {
	f, _, out, _ := newFixture(t)
	mustT(t, os.WriteFile(f.ProgressFlag, []byte(`format: 1
curriculum: backend
projects:
  demo:
    dir: /home/ada/demo
    stack: go
    mode: starter
    created: 2026-11-20T10:00:00Z
    milestones:
      boot:
        passed: 2026-11-21T10:00:00Z
        checks_sha256: 0000000000000000000000000000000000000000000000000000000000000000
`), 0o644))

	if err := projectsRun(&ProjectsOptions{F: f}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"demo  Demo service  (beginner; go, node)",
		"  A tiny service for tests.",
		"  ✓ boot  ○ auth",
		"  yours: /home/ada/demo (go, starter)",
		"Every project is started: run waymark check",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}

	out.Reset()
	if err := projectsRun(&ProjectsOptions{F: f, JSON: true}); err != nil {
		t.Fatal(err)
	}
	var got []projectJSON
	mustT(t, json.Unmarshal(out.Bytes(), &got))
	if len(got) != 1 || got[0].ID != "demo" || !got[0].Milestones[0].Passed || got[0].Milestones[1].Passed ||
		strings.Join(got[0].Stacks, ",") != "go,node" || got[0].Scaffolded == nil || got[0].Scaffolded.Dir != "/home/ada/demo" {
		t.Errorf("json = %+v", got)
	}
}

func TestProjectsRunNoProgress(t *testing.T) {
	f, _, out, _ := newFixture(t)
	if err := projectsRun(&ProjectsOptions{F: f, JSON: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"scaffolded": null`) || !strings.Contains(out.String(), `"passed": false`) {
		t.Errorf("json:\n%s", out)
	}
}

// The suggestion follows the learner: the first project not started yet, in
// the stack of their latest own folder.
func TestNextProjectHint(t *testing.T) {
	list := []projectJSON{{ID: "blog", Stacks: []string{"go", "node"}}, {ID: "chat", Stacks: []string{"go", "node"}}}
	p := progress.New("backend")
	if got := nextProjectHint(list, p); got != "Start one: waymark new blog --stack go" {
		t.Errorf("fresh: %q", got)
	}
	p.RecordProject("blog", "/b", "node", "starter", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	p.RecordProject("blog", "/b-ref", "go", progress.ModeSolution, time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC))
	list[0].Scaffolded = &scaffoldedJSON{Dir: "/b", Stack: "node"}
	if got := nextProjectHint(list, p); got != "Start one: waymark new chat --stack node" {
		t.Errorf("after a node blog: %q", got)
	}
}
