package check

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

var (
	pythonOnce sync.Once
	pythonPath string
)

// python returns the path of a Python 3 interpreter (resolved once, past
// any version manager's shim) or skips the test.
func python(t testing.TB) string {
	t.Helper()
	pythonOnce.Do(func() {
		out, err := exec.Command("python3", "-c", "import sys; print(sys.executable)").Output()
		if err == nil {
			pythonPath = strings.TrimSpace(string(out))
		}
	})
	if pythonPath == "" {
		t.Skip("python3 is not installed: the judge tests with a Python harness are skipped")
	}
	return pythonPath
}

// pyHarness is a judge harness in Python around solve(*args), whose body
// is given. NotImplementedError answers as the starter's stub does.
func pyHarness(body string) string {
	return `import json, os, sys, time
def solve(*args):
` + indent(body, "    ") + `
for line in sys.stdin:
    case = json.loads(line)
    start = time.perf_counter_ns()
    try:
        result = solve(*case["args"])
        answer = {"id": case["id"], "result": result, "ns": time.perf_counter_ns() - start}
    except NotImplementedError:
        answer = {"id": case["id"], "error": "not implemented", "milestone": "solve"}
    except Exception as e:
        answer = {"id": case["id"], "error": repr(e), "ns": time.perf_counter_ns() - start}
    print(json.dumps(answer), flush=True)
`
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}

// twoSum is the reference: one pass with a map.
const twoSum = `nums, target = args
seen = {}
for i, x in enumerate(nums):
    if target - x in seen:
        return [seen[target - x], i]
    seen[x] = i
return []`

// judgeKata is an exercise whose reference is the Python harness around
// twoSum, with a case file.
type judgeKata struct {
	t       *testing.T
	ref     string // the reference workspace
	made    int    // how many times Reference was called
	files   fstest.MapFS
	harness string
}

func newJudgeKata(t *testing.T) *judgeKata {
	k := &judgeKata{t: t, ref: t.TempDir(), files: fstest.MapFS{
		"fixtures/examples.json": {Data: []byte(`[
  {"name": "the prompt's example", "args": [[2, 7, 11, 15], 9], "want": [0, 1]},
  {"args": [[3, 2, 4], 6], "want": [1, 2]},
  {"name": "negative numbers", "args": [[-1, -2, -3, -4], -7]}
]`)},
	}}
	k.harness = python(t) + " main.py"
	writeFiles(t, k.ref, map[string]string{"main.py": pyHarness(twoSum)})
	return k
}

func (k *judgeKata) exercise() *Exercise {
	return &Exercise{Files: k.files, Reference: func(context.Context) (string, func(), error) {
		k.made++
		return k.ref, func() {}, nil
	}}
}

// run checks steps against a learner whose solve has the given body.
func (k *judgeKata) run(body, steps string) *Report {
	k.t.Helper()
	dir := k.t.TempDir()
	writeFiles(k.t, dir, map[string]string{"main.py": pyHarness(body)})
	return k.runIn(dir, steps)
}

func (k *judgeKata) runIn(dir, steps string) *Report {
	k.t.Helper()
	return runExercise(k.t, &Runner{Dir: dir, Program: strings.Fields(k.harness)}, k.exercise(), steps)
}

// step runs one step with the given body and returns its result.
func (k *judgeKata) step(body, step string) *StepResult {
	k.t.Helper()
	return onlyStep(k.t, k.run(body, step))
}

const examplesStep = "  - name: examples\n    judge: {cases: fixtures/examples.json}\n"

// writeGoProgram writes a Go main package in a new folder and returns it.
func writeGoProgram(t testing.TB, src string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range map[string]string{"go.mod": "module kata\n\ngo 1.22\n", "main.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
