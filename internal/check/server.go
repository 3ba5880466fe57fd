package check

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ServerConfig says how to start a project's server for start mode.
type ServerConfig struct {
	Dir      string            // the project folder
	Run      string            // the command, split on spaces, no shell
	PortEnv  string            // the variable the server reads its port from; PORT if empty
	Health   string            // the path answering 200 once ready; "/" if empty
	CheckEnv map[string]string // extra environment; "${tmpdir}" → TempDir
	BaseEnv  []string          // waymark's own environment (KEY=value)
	TempDir  string            // a fresh folder for this run (the caller removes it)
	// Instances to start (all share the environment, hence the database).
	Instances int
	// BootTimeout bounds the wait for the health path (a first `go run`
	// compiles, so it is generous by default).
	BootTimeout time.Duration
	Grace       time.Duration // between SIGTERM and SIGKILL
}

// Server is the learner's server, started by waymark.
type Server struct {
	URLs []string
	Env  []string // the environment the server got (KEY=value)

	procs []*proc
	log   *lineRing
}

type proc struct {
	cmd  *exec.Cmd
	done chan error
	mu   sync.Mutex
	err  error
	exit bool
}

// StartError is a server that did not come up: it exited early or never
// answered its health path.
type StartError struct {
	Reason string
	Log    []string
}

func (e *StartError) Error() string { return e.Reason }

// Expand replaces ${tmpdir} in the stack's check_env values.
func (c *ServerConfig) expand(v string) string { return strings.ReplaceAll(v, "${tmpdir}", c.TempDir) }

// Environment returns the server's environment for a port, and the check
// environment lookups see (check_env over waymark's own).
func (c *ServerConfig) Environment(port string) []string {
	env := c.workEnvironment()
	pe := c.PortEnv
	if pe == "" {
		pe = "PORT"
	}
	return append(env, pe+"="+port)
}

// workEnvironment is waymark's own environment with check_env over it:
// what a program (a judge harness, an exec step) gets without a server.
func (c *ServerConfig) workEnvironment() []string {
	env := append([]string(nil), c.BaseEnv...)
	for _, k := range sortedKeys(c.CheckEnv) {
		env = append(env, k+"="+c.expand(c.CheckEnv[k]))
	}
	return env
}

// StartServer starts cfg.Instances copies of the project's server on free
// loopback ports and waits until each answers its health path.
func StartServer(ctx context.Context, cfg ServerConfig) (*Server, error) {
	words := strings.Fields(cfg.Run)
	if len(words) == 0 {
		return nil, errors.New("the project has no run command in .waymark.yaml")
	}
	if cfg.BootTimeout <= 0 {
		cfg.BootTimeout = 2 * time.Minute
	}
	if cfg.Grace <= 0 {
		cfg.Grace = 3 * time.Second
	}
	if se := Preflight(cfg.Dir); se != nil {
		return nil, se
	}
	health := cfg.Health
	if health == "" {
		health = "/"
	}
	s := &Server{log: &lineRing{max: 200}}
	for i := range max(cfg.Instances, 1) {
		port, err := freePort()
		if err != nil {
			s.Stop()
			return nil, err
		}
		env := cfg.Environment(port)
		if i == 0 {
			s.Env = env
		}
		cmd := exec.Command(words[0], words[1:]...)
		cmd.Dir = cfg.Dir
		cmd.Env = env
		var out writerFunc = func(b []byte) { s.log.write(prefix(i, cfg.Instances), b) }
		cmd.Stdout, cmd.Stderr = out, out
		cmd.WaitDelay = cfg.Grace
		setGroup(cmd)
		if err := cmd.Start(); err != nil {
			s.Stop()
			return nil, &StartError{Reason: fmt.Sprintf("could not run %q in %s: %v", cfg.Run, cfg.Dir, err)}
		}
		p := &proc{cmd: cmd, done: make(chan error, 1)}
		go func() {
			err := cmd.Wait()
			p.mu.Lock()
			p.err, p.exit = err, true
			p.mu.Unlock()
			p.done <- err
			close(p.done)
		}()
		s.procs = append(s.procs, p)
		s.URLs = append(s.URLs, "http://127.0.0.1:"+port)
	}
	deadline := time.Now().Add(cfg.BootTimeout)
	client := &http.Client{Timeout: time.Second}
	for i, u := range s.URLs {
		if err := waitHealthy(ctx, client, u+health, s.procs[i], deadline); err != nil {
			s.Stop()
			log := s.LastLines(logLines)
			reason := err.Error() + fmt.Sprintf(" (started with: %s, %s=%s)", cfg.Run, portEnv(cfg), portOf(u))
			if why := missingModule(log); why != "" {
				reason = why + "; " + reason
			}
			return nil, &StartError{Reason: reason, Log: log}
		}
	}
	return s, nil
}

func portEnv(cfg ServerConfig) string {
	if cfg.PortEnv == "" {
		return "PORT"
	}
	return cfg.PortEnv
}

func prefix(i, n int) string {
	if n <= 1 {
		return ""
	}
	return "[" + strconv.Itoa(i) + "] "
}

func waitHealthy(ctx context.Context, client *http.Client, u string, p *proc, deadline time.Time) error {
	last := ""
	for {
		select {
		case <-p.done:
			return fmt.Errorf("your server exited before it answered %s (%s)", pathOf(u), p.how())
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		resp, err := client.Get(u)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = fmt.Sprintf("; it last answered %d", resp.StatusCode)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("your server did not answer 200 on %s within the boot timeout%s — does it listen on the port from %s?", u, last, "its port variable")
		}
		select {
		case <-p.done:
		case <-ctx.Done():
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func (p *proc) how() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var ee *exec.ExitError
	if errors.As(p.err, &ee) {
		if ee.ExitCode() >= 0 {
			return "exit status " + strconv.Itoa(ee.ExitCode())
		}
		return ee.String()
	}
	if p.err != nil {
		return p.err.Error()
	}
	return "exit status 0"
}

// Exited reports whether any instance has stopped, and how.
func (s *Server) Exited() (bool, string) {
	for _, p := range s.procs {
		p.mu.Lock()
		exited := p.exit
		p.mu.Unlock()
		if exited {
			return true, p.how()
		}
	}
	return false, ""
}

// LastLines returns up to n of the server's last output lines.
func (s *Server) LastLines(n int) []string { return s.log.last(n) }

// Stop ends every instance: SIGTERM to its process group, then SIGKILL
// after the grace period.
func (s *Server) Stop() {
	var wg sync.WaitGroup
	for _, p := range s.procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.mu.Lock()
			exited := p.exit
			p.mu.Unlock()
			if exited {
				return
			}
			stopGroup(p.cmd, p.done, 3*time.Second)
		}()
	}
	wg.Wait()
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("no free port: %w", err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port), nil
}

type writerFunc func([]byte)

func (f writerFunc) Write(b []byte) (int, error) { f(b); return len(b), nil }

// lineRing keeps the last lines written to it.
type lineRing struct {
	mu      sync.Mutex
	lines   []string
	partial map[string]string
	max     int
}

func (r *lineRing) write(prefix string, b []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.partial == nil {
		r.partial = map[string]string{}
	}
	text := r.partial[prefix] + string(b)
	parts := strings.Split(text, "\n")
	r.partial[prefix] = parts[len(parts)-1]
	if len(r.partial[prefix]) > 4096 {
		parts = append(parts, r.partial[prefix])
		r.partial[prefix] = ""
	}
	for _, line := range parts[:len(parts)-1] {
		if len(line) > 300 {
			line = line[:300] + "…"
		}
		r.lines = append(r.lines, prefix+line)
	}
	if len(r.lines) > r.max {
		r.lines = append([]string(nil), r.lines[len(r.lines)-r.max:]...)
	}
}

func (r *lineRing) last(n int) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]string(nil), r.lines...)
	for p, l := range r.partial {
		if l != "" {
			out = append(out, p+l)
		}
	}
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return out
}

// EnvLookup returns a lookup over an environment list (KEY=value), later
// entries winning.
func EnvLookup(env []string) func(string) (string, bool) {
	m := map[string]string{}
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// SystemEnv is waymark's own environment.
func SystemEnv() []string { return os.Environ() }
