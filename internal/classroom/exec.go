package classroom

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
)

// SpecEnv names the variable that points the launcher at its spec; it is
// removed before the learner's command starts.
const SpecEnv = "WAYMARK_CLASS_SPEC"

// execSpec is what the launcher (`waymark class __exec`) runs: the check
// session starts the launcher as the project's run command, and the
// launcher applies the limits, caps the output and, when sandboxed, runs
// the learner's command under bubblewrap behind a loopback relay.
type execSpec struct {
	Command   []string `json:"command"`
	PortEnv   string   `json:"port_env"`
	DataLimit uint64   `json:"data_limit"` // bytes of writable memory per process; 0 for none
	FileLimit uint64   `json:"file_limit"` // the largest file a process may write
	OutputCap int64    `json:"output_cap"` // bytes of output passed on
	// Sandbox is bwrap's arguments up to the command; empty when the
	// command runs without a sandbox.
	Sandbox  []string `json:"sandbox,omitempty"`
	Socket   string   `json:"socket,omitempty"`    // the relay's Unix socket, in the private folder
	InnerExe string   `json:"inner_exe,omitempty"` // this program's path inside the sandbox
}

// ExecMain is `waymark class __exec` (the launcher, outside any sandbox)
// and `waymark class __relay SOCKET PORT -- COMMAND…` (inside one). It
// returns the exit code. Neither is for people to run.
func ExecMain(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "__relay" {
		return relayMain(args[1:], stderr)
	}
	data, err := os.ReadFile(os.Getenv(SpecEnv))
	if err != nil {
		fmt.Fprintln(stderr, "waymark class: the launcher needs its spec:", err)
		return 1
	}
	var spec execSpec
	if err := json.Unmarshal(data, &spec); err != nil || len(spec.Command) == 0 {
		fmt.Fprintln(stderr, "waymark class: a broken launcher spec:", err)
		return 1
	}
	os.Unsetenv(SpecEnv)
	if err := setLimits(spec.DataLimit, spec.FileLimit); err != nil {
		fmt.Fprintln(stderr, "waymark class: cannot set the limits:", err)
		return 1
	}
	out := &capWriter{w: stdout, left: spec.OutputCap, cap: spec.OutputCap}
	argv := spec.Command
	if len(spec.Sandbox) > 0 {
		port := os.Getenv(spec.PortEnv)
		ln, err := net.Listen("tcp", "127.0.0.1:"+port)
		if err != nil {
			fmt.Fprintln(stderr, "waymark class: cannot listen on the learner's port:", err)
			return 1
		}
		defer ln.Close()
		go forward(ln, func() (net.Conn, error) { return net.Dial("unix", spec.Socket) })
		argv = append(append(append([]string{"bwrap"}, spec.Sandbox...), spec.InnerExe, "class", "__relay", spec.Socket, port, "--"), spec.Command...)
	}
	code := runChild(argv, out, out, stderr)
	if out.oom {
		fmt.Fprintf(stdout, "[waymark: the program ran out of memory; the limit is %d MiB of writable memory per process]\n", spec.DataLimit>>20)
	}
	return code
}

// relayMain runs inside the sandbox: it passes connections on the Unix
// socket to the learner's server on the sandbox's own loopback, and runs
// the learner's command.
func relayMain(args []string, stderr io.Writer) int {
	if len(args) < 4 || args[2] != "--" {
		fmt.Fprintln(stderr, "usage: waymark class __relay SOCKET PORT -- COMMAND...")
		return 2
	}
	sock, port := args[0], args[1]
	os.Remove(sock)
	ln, err := net.Listen("unix", sock)
	if err != nil {
		fmt.Fprintln(stderr, "waymark class: cannot open the relay socket:", err)
		return 1
	}
	defer ln.Close()
	go forward(ln, func() (net.Conn, error) { return net.Dial("tcp", "127.0.0.1:"+port) })
	return runChild(args[3:], os.Stdout, os.Stderr, stderr)
}

// forward accepts connections on ln and joins each to one from dial.
func forward(ln net.Listener, dial func() (net.Conn, error)) {
	for {
		in, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer in.Close()
			up, err := dial()
			if err != nil {
				return // not listening yet: the client sees a closed connection and retries
			}
			defer up.Close()
			var wg sync.WaitGroup
			wg.Add(2)
			pipe := func(dst, src net.Conn) {
				defer wg.Done()
				_, _ = io.Copy(dst, src)
				if cw, ok := dst.(interface{ CloseWrite() error }); ok {
					_ = cw.CloseWrite()
				}
			}
			go pipe(up, in)
			go pipe(in, up)
			wg.Wait()
		}()
	}
}

// runChild runs argv with this process's environment, passes SIGTERM and
// SIGINT on to it, and returns its exit code (128+signal when killed).
func runChild(argv []string, stdout, stderr io.Writer, diag io.Writer) int {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(diag, "waymark class: cannot run %s: %v\n", strings.Join(argv, " "), err)
		return 127
	}
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	}
	if err != nil {
		return 1
	}
	return 0
}

// capWriter passes on the first cap bytes and drops the rest, saying so
// once, so that a learner's program cannot flood the results.
type capWriter struct {
	mu   sync.Mutex
	w    io.Writer
	left int64
	cap  int64
	said bool
	oom  bool // the output said the program ran out of memory
}

func (c *capWriter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cap <= 0 {
		return c.w.Write(p)
	}
	if bytes.Contains(p, []byte("out of memory")) || bytes.Contains(p, []byte("annot allocate memory")) {
		c.oom = true
	}
	n := int64(len(p))
	if c.left > 0 {
		k := min(n, c.left)
		_, _ = c.w.Write(p[:k])
		c.left -= k
		n -= k
	}
	if n > 0 && !c.said {
		c.said = true
		fmt.Fprintf(c.w, "\n[waymark: output capped at %d bytes; the rest was dropped]\n", c.cap)
	}
	return len(p), nil
}
