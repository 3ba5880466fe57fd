package check

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// harness is how to run one harness process: the workspace's run command,
// which reads a case per line on stdin and answers a line per case.
type harness struct {
	words  []string
	dir    string
	env    []string // nil: waymark's own
	memory int64
	// startup is the allowance before the first answer, or before the
	// optional {"ready": true} line, for a first `go run` to compile.
	startup time.Duration
	// wait is how long case i may take from the previous answer (or the
	// ready line) before the process is stopped.
	wait func(i int) time.Duration
}

// Output limits of a harness.
const (
	maxAnswerLine = 16 << 20 // one answer
	maxHarnessOut = 64 << 20 // all of stdout
	maxStray      = 20       // lines that are not answers, kept for the report
	stderrKeep    = 16 << 10 // of stderr: its first and its last bytes
	// exitDrain bounds the reading of stdout after the program exited. A
	// last answer of megabytes is still being read and parsed then (for
	// long on a busy machine), so this is generous: stdout's end stops it
	// at once.
	exitDrain = 5 * time.Second
)

// answer is one line from the harness.
type answer struct {
	ID        int             `json:"id"`
	Result    json.RawMessage `json:"result"`
	Error     *string         `json:"error"`
	NS        *int64          `json:"ns"` // the time inside the call
	Milestone string          `json:"milestone"`
	wall      time.Duration   // from the previous answer (or ready line) to this one
}

// took is the time the call took: as the harness measured it, else as
// waymark saw it.
func (a *answer) took() time.Duration {
	if a.NS != nil && *a.NS >= 0 {
		return time.Duration(*a.NS)
	}
	return a.wall
}

// harnessRun is what one harness process did.
type harnessRun struct {
	answers   []*answer
	startup   time.Duration // start to the ready line, or to the first call
	stray     []string      // stdout lines that were not answers
	stderr    *headTail
	exited    bool   // it ended by itself before answering every case
	how       string // how it ended, when it did
	timedOut  int    // the case it was stopped on for taking too long; -1
	waited    time.Duration
	problem   string // a broken protocol or too much output
	startErr  error
	stopped   bool // the caller stopped at an answer
	cancelled bool
}

// harnessEvent is what the reader saw: an answer, a stray line, a problem,
// or the end of stdout.
type harnessEvent struct {
	a       *answer
	ready   bool
	stray   string
	problem string
	eof     bool
}

// run starts the harness, feeds it the cases and collects its answers,
// calling onAnswer for each in order; onAnswer returns true to stop. The
// process (its whole group) is always ended before run returns.
func (h *harness) run(ctx context.Context, cases []*judgeCase, onAnswer func(i int, a *answer) bool) *harnessRun {
	res := &harnessRun{timedOut: -1, stderr: &headTail{keep: stderrKeep}}
	if err := h.findProgram(); err != nil {
		res.startErr = err
		return res
	}
	argv := limitMemory(h.words, h.memory)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir, cmd.Env, cmd.Stderr, cmd.WaitDelay = h.dir, h.env, res.stderr, 2*time.Second
	inR, inW, err := os.Pipe()
	if err != nil {
		res.startErr = err
		return res
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		res.startErr = err
		return res
	}
	cmd.Stdin, cmd.Stdout = inR, outW
	setGroup(cmd)
	start := time.Now()
	err = cmd.Start()
	inR.Close()
	outW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		res.startErr = err
		return res
	}
	// exited closes when the process has ended and its stderr is read
	// (WaitDelay bounds the wait for a child that keeps stderr open).
	exited := make(chan struct{})
	var exitErr error
	go func() { exitErr = cmd.Wait(); close(exited) }()
	go feed(inW, cases)
	quit := make(chan struct{})
	events := make(chan harnessEvent, 64)
	go readAnswers(outR, events, quit)
	defer func() {
		close(quit)
		killGroup(cmd)
		outR.Close()
		<-exited // so the report holds all of stderr
	}()

	last, next := start, 0
	done := exited
	deadline := time.NewTimer(h.startup + h.wait(0))
	defer deadline.Stop()
	var drain <-chan time.Time
	for next < len(cases) {
		select {
		case ev := <-events:
			now := time.Now()
			switch {
			case ev.ready:
				res.startup, last = now.Sub(start), now
				resetTimer(deadline, h.wait(next))
			case ev.stray != "":
				if len(res.stray) < maxStray {
					res.stray = append(res.stray, ev.stray)
				}
			case ev.problem != "":
				res.problem = ev.problem
				return res
			case ev.eof:
				res.exited = true
				select {
				case <-exited:
					res.how = describeExit(exitErr)
				case <-time.After(2 * time.Second):
					res.how = "it closed its output but kept running"
				}
				return res
			default:
				a := ev.a
				if a.ID != next+1 {
					res.problem = fmt.Sprintf("it answered case %d when case %d was next (answer each case in order, once)", a.ID, next+1)
					return res
				}
				a.wall = now.Sub(last)
				if next == 0 && res.startup == 0 {
					res.startup = max(a.wall-a.took(), 0)
				}
				last = now
				res.answers = append(res.answers, a)
				if onAnswer != nil && onAnswer(next, a) {
					res.stopped = true
					return res
				}
				if next++; next < len(cases) {
					resetTimer(deadline, h.wait(next))
				}
			}
		case <-done:
			// Answers may still be in the pipe: read them until its end,
			// which comes at once unless a child of the program keeps it
			// open.
			res.how = describeExit(exitErr)
			drain = time.After(exitDrain)
			done = nil
		case <-drain:
			res.exited = true
			return res
		case <-deadline.C:
			res.timedOut, res.waited = next, time.Since(last)
			return res
		case <-ctx.Done():
			res.cancelled = true
			return res
		}
	}
	// Every case answered: let the harness end on its own (its stdin is
	// closed), briefly.
	select {
	case <-exited:
	case <-time.After(time.Second):
	}
	return res
}

func resetTimer(t *time.Timer, d time.Duration) {
	t.Stop()
	t.Reset(d)
}

func describeExit(err error) string {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return "exit status 0"
	case errors.As(err, &ee) && ee.ExitCode() >= 0:
		return fmt.Sprintf("exit status %d", ee.ExitCode())
	case errors.As(err, &ee):
		return strings.TrimPrefix(ee.String(), "signal: ") // "killed", "segmentation fault"
	}
	return err.Error()
}

// findProgram fails early, in words, when the run command's program is not
// there.
func (h *harness) findProgram() error {
	if len(h.words) == 0 {
		return errors.New("the workspace has no run command in .waymark.yaml")
	}
	p := h.words[0]
	if strings.ContainsRune(p, filepath.Separator) || strings.ContainsRune(p, '/') {
		if !filepath.IsAbs(p) {
			p = filepath.Join(h.dir, p)
		}
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("%s does not exist: build it first", h.words[0])
		}
		return nil
	}
	if _, err := exec.LookPath(p); err != nil {
		return fmt.Errorf("%s is not installed (or not on PATH)", p)
	}
	return nil
}

// feed writes every case, then closes the harness's stdin. A harness that
// stops reading makes a write fail once it is ended, which ends feed.
func feed(w *os.File, cases []*judgeCase) {
	defer w.Close()
	bw := bufio.NewWriterSize(w, 64<<10)
	for i, c := range cases {
		if _, err := bw.Write(c.line(i + 1)); err != nil {
			return
		}
	}
	_ = bw.Flush()
}

// readAnswers turns the harness's stdout into events until it ends, breaks
// the protocol or says too much.
func readAnswers(r *os.File, events chan<- harnessEvent, quit <-chan struct{}) {
	send := func(ev harnessEvent) bool {
		select {
		case events <- ev:
			return true
		case <-quit:
			return false
		}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	total := 0
	for {
		line, err := readLine(br, maxAnswerLine)
		total += len(line)
		switch {
		case errors.Is(err, errLineTooLong):
			send(harnessEvent{problem: fmt.Sprintf("it printed a line longer than %s", sizeText(maxAnswerLine))})
			return
		case total > maxHarnessOut:
			send(harnessEvent{problem: fmt.Sprintf("it printed more than %s", sizeText(maxHarnessOut))})
			return
		}
		if len(bytes.TrimSpace(line)) > 0 {
			a, ready, stray, problem := parseHarnessLine(line)
			if stray != "" && !send(harnessEvent{stray: stray}) {
				return
			}
			if (a != nil || ready || problem != "") && !send(harnessEvent{a: a, ready: ready, problem: problem}) {
				return
			}
		}
		if err != nil {
			send(harnessEvent{eof: true})
			return
		}
	}
}

var errLineTooLong = errors.New("line too long")

func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		frag, err := br.ReadSlice('\n')
		if len(line)+len(frag) > max {
			return line, errLineTooLong
		}
		line = append(line, frag...)
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, err
		}
	}
}

// parseHarnessLine reads one line of a harness's stdout: an answer, the
// ready line, or text that is not protocol (a stray print, which may also
// precede an answer on the same line).
func parseHarnessLine(line []byte) (a *answer, ready bool, stray, problem string) {
	line = bytes.TrimSpace(line)
	for i, tries := bytes.IndexByte(line, '{'), 0; i >= 0 && tries < 4; tries++ {
		var probe struct {
			ID    *int  `json:"id"`
			Ready *bool `json:"ready"`
		}
		probeErr := json.Unmarshal(line[i:], &probe)
		if probeErr == nil && (probe.ID != nil || probe.Ready != nil) {
			stray = strayText(line[:i])
			if probe.ID == nil {
				return nil, *probe.Ready, stray, ""
			}
			a = &answer{}
			_ = json.Unmarshal(line[i:], a)
			if a.Result == nil && a.Error == nil {
				return nil, false, stray, fmt.Sprintf("its answer to case %d has neither a result nor an error: %s", a.ID, firstLine(string(line[i:]), 120))
			}
			return a, false, stray, ""
		}
		if bytes.HasPrefix(line[i:], []byte(`{"id"`)) {
			var v any
			if err := json.Unmarshal(line[i:], &v); err != nil {
				return nil, false, strayText(line[:i]), fmt.Sprintf("an answer is not valid JSON (%v): %s — NaN and Infinity are not JSON", jsonProblem(err), firstLine(string(line[i:]), 120))
			}
			// Valid JSON that is not an answer: an id that is not the
			// case's number, or a ready that is not a boolean.
			why := "its id is null"
			if ute, ok := errors.AsType[*json.UnmarshalTypeError](probeErr); ok {
				want := map[string]string{"id": "a whole number", "ready": "true or false"}[ute.Field]
				why = fmt.Sprintf("its %s is JSON %s, where the protocol has %s", ute.Field, ute.Value, want)
			}
			return nil, false, strayText(line[:i]), fmt.Sprintf("an answer does not follow the protocol (%s): %s — id is the case's number, as it was sent", why, firstLine(string(line[i:]), 120))
		}
		next := bytes.IndexByte(line[i+1:], '{')
		if next < 0 {
			break
		}
		i += next + 1
	}
	return nil, false, strayText(line), ""
}

func strayText(b []byte) string {
	s := strings.ToValidUTF8(strings.TrimSpace(string(b)), "�")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// headTail keeps the first and the last keep bytes written to it: a
// compiler's first errors and a crash's last words.
type headTail struct {
	mu         sync.Mutex
	keep       int
	head, tail []byte
	total      int64
}

func (h *headTail) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.total += int64(len(p))
	if room := h.keep - len(h.head); room > 0 {
		h.head = append(h.head, p[:min(room, len(p))]...)
	}
	h.tail = append(h.tail, p...)
	if len(h.tail) > 2*h.keep {
		h.tail = append(h.tail[:0], h.tail[len(h.tail)-h.keep:]...)
	}
	return len(p), nil
}

func (h *headTail) headText() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return strings.ToValidUTF8(string(h.head), "�")
}

func (h *headTail) tailText(lines int) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	t := h.tail
	if len(t) > h.keep {
		t = t[len(t)-h.keep:]
	}
	return tailText(strings.ToValidUTF8(string(t), "�"), lines)
}
