package classroom

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// needBwrap skips a test where bubblewrap is missing, except in CI, where
// .ci/run installs it and its absence is a failure.
func needBwrap(t *testing.T) {
	t.Helper()
	if Bwrap() != "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("bubblewrap (bwrap) is not installed; .ci/run installs it")
	}
	t.Skip("bubblewrap (bwrap) is not installed, so the sandbox is not tested here (Debian: apt-get install bubblewrap)")
}

// probeGreet greets correctly only when the server finds itself confined:
// it cannot reach a port the test listens on, cannot see or write the
// test's folder, and can write to its own HOME.
func probeGreet(hostAddr, secret, outside string) string {
	return fmt.Sprintf(`jail := ""
		if c, err := net.DialTimeout("tcp", %q, time.Second); err == nil {
			c.Close()
			jail += " reached the host"
		}
		if _, err := os.Stat(%q); err == nil {
			jail += " saw a secret"
		}
		if os.WriteFile(%q, []byte("x"), 0o644) == nil {
			jail += " wrote outside"
		}
		if os.WriteFile(os.Getenv("HOME")+"/mine", []byte("x"), 0o644) != nil {
			jail += " cannot write at home"
		}
		name := r.URL.Query().Get("name")
		if name == "" {
			name = "world"
		}
		writeJSON(w, http.StatusOK, map[string]string{"message": "Hello, " + name + "!" + jail})`, hostAddr, secret, outside)
}

// TestSandbox runs a learner whose server probes its confinement, with and
// without --sandbox: only the sandboxed run passes, and without the
// sandbox the reason shows what it could do.
func TestSandbox(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs servers")
	}
	needBwrap(t)
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	secret := filepath.Join(dir, "secret.txt")
	writeFiles(t, dir, map[string]string{"secret.txt": "instructor's"})
	outside := filepath.Join(dir, "outside.txt")
	files := helloProject("", probeGreet(ln.Addr().String(), secret, outside))
	files["main.go"] = strings.Replace(files["main.go"], `"net/http"`, "\"net\"\n\t\"net/http\"", 1)
	url := learnerRepo(t, filepath.Join(dir, "repos", "sam"), files)
	roster := fmt.Sprintf("format: 1\ncurriculum: ./course\nlearners:\n  - id: sam\n    name: Sam\n    projects:\n      - {project: hello, stack: go, git: %q}\n", url)
	writeFiles(t, dir, map[string]string{"class.yaml": roster})
	r, err := LoadRoster(filepath.Join(dir, "class.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	o := sixOptions(t, dir)
	o.CacheDir = ""
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	o.Sandbox = true
	rs, err := Check(ctx, r, o)
	if err != nil {
		t.Fatal(err)
	}
	if res := rs.Results[0]; res.Status != StatusPassed || !res.Sandbox {
		t.Fatalf("sandboxed: %s %q\nlog: %q", res.Status, res.Reason, res.Log)
	}
	t.Logf("sandboxed: %s in %dms", rs.Results[0].Status, rs.Results[0].Millis)
	if _, err := os.Stat(outside); err == nil {
		t.Fatal("the sandboxed server wrote outside its folder")
	}

	o.Sandbox = false
	rs, err = Check(ctx, r, o)
	if err != nil {
		t.Fatal(err)
	}
	res := rs.Results[0]
	if res.Status != StatusFailing {
		t.Fatalf("unsandboxed: %s %q", res.Status, res.Reason)
	}
	_, step := res.Failing()
	if step == nil || !strings.Contains(step.Got+step.Message, "reached the host saw a secret wrote outside") {
		t.Errorf("unsandboxed failure does not show the escapes: %+v", step)
	}
}

// TestSandboxNeedsBwrap: without bubblewrap, --sandbox says what to
// install instead of running unconfined.
func TestSandboxNeedsBwrap(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	r, err := ParseRoster("class.yaml", []byte("format: 1\ncurriculum: builtin\nlearners: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Check(context.Background(), r, CheckOptions{Sandbox: true, Exe: "waymark"})
	if err == nil || !strings.Contains(err.Error(), "apt-get install bubblewrap") {
		t.Fatalf("err = %v", err)
	}
}
