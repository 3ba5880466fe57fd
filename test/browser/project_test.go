package browser

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/cli"
	"github.com/waymark-dev/waymark/internal/iostreams"
)

// stacks are the stacks whose projects the browser tests run.
var stacks = []string{"go", "node"}

// server is a generated project's server, run as its README says, on a
// loopback port of its own with a database in a temporary folder.
type server struct {
	t    *testing.T
	dir  string
	argv []string
	env  []string
	URL  string // http://127.0.0.1:<port>

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
	out  *lockedBuffer
}

// project generates project in stack with `waymark new` (the solution, or
// the starter when solution is false), prepares it as a learner would (go
// build, npm install) and starts its server with env added to the
// environment. The server stops when the test ends.
func project(t *testing.T, id, stack string, solution bool, env map[string]string) *server {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(t.TempDir(), id)
	args := []string{"new", id, dir, "--stack", stack, "--no-git"}
	if solution {
		args = append(args, "--solution")
	}
	if code, stderr := waymarkNew(home, args); code != 0 {
		t.Fatalf("waymark %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	s := &server{t: t, dir: dir}
	switch stack {
	case "go":
		bin := filepath.Join(t.TempDir(), "server")
		run(t, dir, 5*time.Minute, "go", "build", "-o", bin, "./cmd/server")
		s.argv = []string{bin}
	case "node":
		npm, err := exec.LookPath("npm")
		if err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("CI=true but npm is not installed")
			}
			t.Skip("npm is not installed")
		}
		run(t, dir, 8*time.Minute, npm, "install", "--no-audit", "--no-fund", "--prefer-offline")
		s.argv = []string{"node", "src/server.js"}
	default:
		t.Fatalf("no way to run stack %s", stack)
	}
	port := freePort(t)
	s.URL = "http://127.0.0.1:" + strconv.Itoa(port)
	s.env = append(os.Environ(),
		"PORT="+strconv.Itoa(port),
		"DATABASE_URL=sqlite://"+filepath.Join(t.TempDir(), "app.db"),
		"BCRYPT_COST=4",
		"APP_ENV=development",
	)
	for k, v := range env {
		s.env = append(s.env, k+"="+v)
	}
	s.out = &lockedBuffer{}
	s.start()
	t.Cleanup(func() {
		s.stop()
		if t.Failed() {
			t.Logf("server log (%s):\n%s", strings.Join(s.argv, " "), s.out.tail(4000))
		}
	})
	return s
}

// waymarkNew runs `waymark new` in process with an isolated home.
func waymarkNew(home string, args []string) (int, string) {
	io, _, _, errOut := iostreams.Test()
	env := map[string]string{
		"HOME":             home,
		"XDG_DATA_HOME":    filepath.Join(home, "data"),
		"XDG_CONFIG_HOME":  filepath.Join(home, "config"),
		"WAYMARK_PROGRESS": filepath.Join(home, "progress.yaml"),
	}
	getenv := func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		return os.Getenv(k)
	}
	code := cli.Run(context.Background(), cli.NewFactory(io, getenv, time.Now), args)
	return code, errOut.String()
}

// run runs a preparation command in dir, failing the test if it fails.
func run(t *testing.T, dir string, limit time.Duration, name string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// start runs the server and waits until it answers /healthz.
func (s *server) start() {
	s.t.Helper()
	cmd := exec.Command(s.argv[0], s.argv[1:]...)
	cmd.Dir = s.dir
	cmd.Env = s.env
	cmd.Stdout, cmd.Stderr = s.out, s.out
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	s.mu.Lock()
	s.cmd, s.done = cmd, done
	s.mu.Unlock()

	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case <-done:
			s.t.Fatalf("%s exited before answering /healthz:\n%s", strings.Join(s.argv, " "), s.out.tail(4000))
		default:
		}
		if res, err := client.Get(s.URL + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s did not answer /healthz within a minute:\n%s", strings.Join(s.argv, " "), s.out.tail(4000))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop ends the server as an operator would (SIGTERM), killing it if it
// takes more than ten seconds.
func (s *server) stop() {
	s.mu.Lock()
	cmd, done := s.cmd, s.done
	s.cmd = nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
	}
}

// post sends a JSON request to the server and decodes the answer into out
// (when not nil), failing the test unless the status is want.
func (s *server) post(path, token, body string, want int) []byte {
	s.t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+path, strings.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	if res.StatusCode != want {
		s.t.Fatalf("POST %s: %d, want %d: %s", path, res.StatusCode, want, b.String())
	}
	return b.Bytes()
}

// lockedBuffer is a bytes.Buffer that a process's output and the test may
// use at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) tail(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}

// uniq is a short name no other run of the test uses.
func uniq(prefix string) string {
	return fmt.Sprintf("%s%d", prefix, time.Now().UnixNano()%1_000_000_000)
}
