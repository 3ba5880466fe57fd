package browser

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Project is a generated project ready to run: what its .waymark.yaml and
// the manifest's check_env say, as `waymark check` runs it.
type Project struct {
	ID       string            // the project: chat, blog, …
	Solution bool              // the reference solution, or the learner's starter
	Dir      string            // its folder, prepared (npm install done)
	Run      string            // the command, split on spaces, no shell
	PortEnv  string            // the variable the port goes in; PORT if empty
	Health   string            // the path answering 200 once ready
	Env      map[string]string // check_env: "${tmpdir}" is a fresh folder
}

// Has reports whether a project has pages to drive in the browser.
func Has(id string) bool { _, ok := scenarios[id]; return ok }

// scenarios are the projects with web pages: what a person does with the
// solution's pages, and with the starter's.
var scenarios = map[string]struct{ solution, starter func(*testing.T, *Server) }{
	"chat": {chat, chatStarter},
	"blog": {dashboard, dashboardStarter},
}

// Run starts the project's server and drives its pages in the browser.
func Run(t *testing.T, p Project) {
	t.Helper()
	sc, ok := scenarios[p.ID]
	if !ok {
		t.Fatalf("project %s has no browser scenario", p.ID)
	}
	Chromium(t)
	srv := Start(t, p)
	if p.Solution {
		sc.solution(t, srv)
	} else {
		sc.starter(t, srv)
	}
}

// Server is a project's server on a loopback port of its own, which it
// keeps across restarts (the pages reconnect to the same address).
type Server struct {
	t      *testing.T
	p      Project
	argv   []string
	env    []string
	Env    map[string]string // check_env, expanded
	URL    string            // http://127.0.0.1:<port>
	out    *lockedBuffer
	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
}

// Start runs the project's server and waits for its health path. The
// server stops when the test ends; if the test failed, its log is shown.
func Start(t *testing.T, p Project) *Server {
	t.Helper()
	argv := strings.Fields(p.Run)
	if len(argv) == 0 {
		t.Fatalf("%s: no run command", p.Dir)
	}
	tmp := t.TempDir()
	s := &Server{t: t, p: p, argv: argv, Env: map[string]string{}, out: &lockedBuffer{}}
	port := freePort(t)
	s.URL = "http://127.0.0.1:" + strconv.Itoa(port)
	portEnv := p.PortEnv
	if portEnv == "" {
		portEnv = "PORT"
	}
	s.env = os.Environ()
	for k, v := range p.Env {
		v = strings.ReplaceAll(v, "${tmpdir}", tmp)
		s.Env[k] = v
		s.env = append(s.env, k+"="+v)
	}
	s.env = append(s.env, portEnv+"="+strconv.Itoa(port))
	t.Cleanup(func() {
		s.Stop()
		if t.Failed() {
			t.Logf("server log (%s in %s):\n%s", p.Run, filepath.Base(p.Dir), s.out.tail(6000))
		}
	})
	s.Start()
	return s
}

// Start runs the server (again) and waits until it answers its health path.
func (s *Server) Start() {
	s.t.Helper()
	cmd := exec.Command(s.argv[0], s.argv[1:]...)
	cmd.Dir = s.p.Dir
	cmd.Env = s.env
	cmd.Stdout, cmd.Stderr = s.out, s.out
	setGroup(cmd)
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("run %s: %v", s.p.Run, err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	s.mu.Lock()
	s.cmd, s.exited = cmd, exited
	s.mu.Unlock()

	health := s.p.Health
	if health == "" {
		health = "/"
	}
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(3 * time.Minute) // a first `go run` compiles
	for {
		select {
		case <-exited:
			s.t.Fatalf("%s exited before answering %s:\n%s", s.p.Run, health, s.out.tail(4000))
		default:
		}
		if res, err := client.Get(s.URL + health); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s did not answer %s within 3 minutes:\n%s", s.p.Run, health, s.out.tail(4000))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Stop ends the server as an operator would, with SIGTERM to its process
// group (`go run` and its child), and SIGKILL after ten seconds.
func (s *Server) Stop() {
	s.mu.Lock()
	cmd, exited := s.cmd, s.exited
	s.cmd = nil
	s.mu.Unlock()
	if cmd != nil {
		stopGroup(cmd, exited, 10*time.Second)
	}
}

// post sends a JSON request and returns the answer's body, failing the test
// unless the status is want. auth is the Authorization header, if any.
func (s *Server) post(path, auth, body string, want int) []byte {
	s.t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+path, strings.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
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

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
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

// uniq is a short name no other run of the scenario uses.
func uniq(prefix string) string {
	return fmt.Sprintf("%s%d", prefix, time.Now().UnixNano()%1_000_000_000)
}
