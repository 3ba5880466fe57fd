package classroom

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func sixOptions(t *testing.T, dir string) CheckOptions {
	gocache, gomod := goCaches(t)
	return CheckOptions{Curriculum: "my-course", Templates: skeletonTemplates(t), Jobs: 2, Wall: 10 * time.Second,
		Memory: DefaultMemory, OutputCap: DefaultOutputCap, Exe: testExe(t), CacheDir: filepath.Join(dir, "cache"),
		GoCache: gocache, GoModCache: gomod}
}

// TestCheckSixLearners checks a class of six with the instructor's checks:
// each learner gets the right status and reason, within bounded time, and
// a re-run with nothing changed comes from the cache.
func TestCheckSixLearners(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs six servers")
	}
	dir := t.TempDir()
	r := sixLearners(t, dir)
	writeProgress(t, dir)
	o := sixOptions(t, dir)
	var progress bytes.Buffer
	o.Progress = &progress
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start := time.Now()
	rs, err := Check(ctx, r, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first run: %s\n%s", time.Since(start), progress.String())
	want := map[string]struct{ status, reason, passed string }{
		"ada": {StatusPassed, "", "boot greet"},
		"bob": {StatusFailing, "milestone greet fails: a name is greeted: ", "boot"},
		"cy":  {StatusNoBuild, "the code does not build: ./main.go:", ""},
		"dee": {StatusTimeout, "the build or the server hung", ""},
		"eve": {StatusUnreachable, "cannot fetch file://", ""},
		// Her own checks and manifest say greet passes; the instructor's do not.
		"fay": {StatusFailing, "milestone greet fails", "boot"},
	}
	if len(rs.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(rs.Results), len(want))
	}
	for _, res := range rs.Results {
		w := want[res.Learner]
		if res.Status != w.status || !strings.Contains(res.Reason, w.reason) || strings.Join(res.Passed, " ") != w.passed {
			t.Errorf("%s: %s %q passed %v; want %s %q passed %q\nlog: %q", res.Learner, res.Status, res.Reason, res.Passed, w.status, w.reason, w.passed, res.Log)
		}
		if res.Learner != "eve" && len(res.Commit) != 40 {
			t.Errorf("%s: commit %q", res.Learner, res.Commit)
		}
	}
	// The hung server was stopped with everything it started.
	if pid, err := os.ReadFile(filepath.Join(dir, "dee.pid")); err != nil {
		t.Errorf("the hung server never ran: %v", err)
	} else if n, _ := strconv.Atoi(string(pid)); n <= 0 || !gone(n, 5*time.Second) {
		t.Errorf("the hung server (pid %s) is still running", pid)
	}
	if cy := rs.Find("cy", "hello"); !strings.Contains(strings.Join(cy.Log, "\n"), "undefined: undefinedThing") {
		t.Errorf("cy's log does not show the compiler's error: %q", cy.Log)
	}
	checkGradebook(t, dir, r, rs)

	// Nothing changed: every checked result comes from the cache.
	progress.Reset()
	start = time.Now()
	again, err := Check(ctx, r, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("second run: %s\n%s", time.Since(start), progress.String())
	for _, res := range again.Results {
		cacheable := res.Learner != "dee" && res.Learner != "eve"
		if res.Cached != cacheable {
			t.Errorf("%s: cached = %v", res.Learner, res.Cached)
		}
		if res.Status != want[res.Learner].status {
			t.Errorf("%s: cached status %s", res.Learner, res.Status)
		}
	}
}

// gone waits up to limit for process pid to end (a zombie counts as ended).
func gone(pid int, limit time.Duration) bool {
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return true
		}
		if _, rest, ok := strings.Cut(string(stat), ") "); ok && strings.HasPrefix(rest, "Z") {
			return true
		}
	}
	return false
}
