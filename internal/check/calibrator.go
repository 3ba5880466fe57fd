package check

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"time"
)

// CalibratorEnv is set in the environment of a calibration server that
// Runner.Calibrator starts, so a program can tell that it is one.
const CalibratorEnv = "WAYMARK_CALIBRATOR"

// calibrationSpec is what a calibration server answers: the learner's own
// responses to replay, one per request of a sequence, or a broadcast room.
type calibrationSpec struct {
	Room    bool               `json:"room,omitempty"`
	Replies []calibrationReply `json:"replies,omitempty"`
}

type calibrationReply struct {
	Status      int    `json:"status"`
	ContentType string `json:"content_type,omitempty"`
	Body        []byte `json:"body,omitempty"`
}

// handler is the minimal server the spec describes.
func (spec *calibrationSpec) handler() http.Handler {
	if spec.Room {
		return newCalibrationHub()
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		_, _ = io.Copy(io.Discard, req.Body)
		i, _ := strconv.Atoi(req.Header.Get(calibrationHeader))
		if i < 0 || i >= len(spec.Replies) {
			i = 0
		}
		rep := spec.Replies[i]
		if rep.ContentType != "" {
			w.Header().Set("Content-Type", rep.ContentType)
		}
		w.WriteHeader(rep.Status)
		_, _ = w.Write(rep.Body)
	})
}

// calibrationServer starts the minimal server for spec and returns its
// base URL and how to stop it. With a Calibrator command it is a process
// of its own, as the learner's server is: in waymark's process it would
// share the load generator's threads, and on a busy machine a process
// gets its share of the cores by its threads.
func (r *Runner) calibrationServer(ctx context.Context, spec *calibrationSpec) (string, func(), error) {
	if len(r.Calibrator) == 0 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return "", nil, err
		}
		srv := &http.Server{Handler: spec.handler(), ReadHeaderTimeout: 5 * time.Second}
		go func() { _ = srv.Serve(ln) }()
		return "http://" + ln.Addr().String(), func() { _ = srv.Close() }, nil
	}
	cmd := exec.Command(r.Calibrator[0], r.Calibrator[1:]...)
	cmd.Env = append(os.Environ(), CalibratorEnv+"=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return "", nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, fmt.Errorf("starting the calibration server: %w", err)
	}
	stop := func() {
		_ = stdin.Close()
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}
	ready := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadBytes('\n')
		var msg struct {
			Ready bool   `json:"ready"`
			Addr  string `json:"addr"`
		}
		if json.Unmarshal(line, &msg) == nil && msg.Ready {
			ready <- msg.Addr
		}
		close(ready)
	}()
	if err := json.NewEncoder(stdin).Encode(spec); err != nil {
		stop()
		return "", nil, fmt.Errorf("the calibration server did not read its answers: %w", err)
	}
	select {
	case addr, ok := <-ready:
		host, _, _ := net.SplitHostPort(addr)
		if !ok || !IsLoopbackHost(host) {
			stop()
			return "", nil, errors.New("the calibration server did not say where it listens")
		}
		return "http://" + addr, stop, nil
	case <-time.After(10 * time.Second):
	case <-ctx.Done():
	}
	stop()
	return "", nil, errors.New("the calibration server did not start within 10s")
}

// ServeCalibration is the calibration server's program: it reads what to
// answer as one JSON line on in, listens on a loopback port, says where on
// out ({"ready": true, "addr": "127.0.0.1:PORT"}) and serves until in
// closes.
func ServeCalibration(in io.Reader, out io.Writer) error {
	br := bufio.NewReader(in)
	line, err := br.ReadBytes('\n')
	if err != nil {
		return fmt.Errorf("reading the calibration: %w", err)
	}
	var spec calibrationSpec
	if err := json.Unmarshal(line, &spec); err != nil {
		return fmt.Errorf("reading the calibration: %w", err)
	}
	if !spec.Room && len(spec.Replies) == 0 {
		return errors.New("a calibration needs replies or a room")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: spec.handler(), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	if _, err := fmt.Fprintf(out, "{\"ready\": true, \"addr\": %q}\n", ln.Addr().String()); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, br)
	return nil
}
