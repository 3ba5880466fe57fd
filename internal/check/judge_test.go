package check

import (
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestJudgePasses(t *testing.T) {
	k := newJudgeKata(t)
	rep := k.run(twoSum, examplesStep+`
  - name: written out
    judge:
      cases:
        - { args: [[1, 5, 9], 14], want: [1, 2] }
        - { name: no pair, args: [[1, 2], 9], want: [] }
      time_limit: 2s
  - name: a large input
    judge:
      generate:
        - { gen: ints, n: 2000, min: -1000, max: 1000, seed: 7 }
        - { gen: int, value: 12 }
      want: reference
      repeat: 3
      too_slow: "O(n²)?"
`)
	if rep.Status != Passed {
		for _, s := range rep.Milestones[0].Steps {
			t.Errorf("%s: %s %s\n%s", s.Name, s.Status, s.Message, s.Output)
		}
	}
	if k.made != 1 {
		t.Errorf("the reference was made %d times for one run, want 1", k.made)
	}
}

func TestJudgeFailures(t *testing.T) {
	k := newJudgeKata(t)
	cases := []struct {
		name, body, message, expected, got, why string
	}{
		{"wrong answer", "return [1, 0]", `case 1 of 3 (the prompt's example): wrong answer`, "[0, 1]", "[1, 0]", "the right items, in another order"},
		{"nothing returned", "return None", "case 1 of 3 (the prompt's example): wrong answer", "[0, 1]", "null", "returned nothing"},
		{"not implemented", "raise NotImplementedError", "case 1 of 3 (the prompt's example): not implemented", "", "not implemented",
			"not implemented yet — this is milestone solve's job: remember what you have seen"},
		{"an exception", "return args[0][99]", "case 1 of 3 (the prompt's example) failed: IndexError('list index out of range')", "", "an error: IndexError", "your function failed on this input"},
		{"crash", "sys.stderr.write('fatal: boom\\n')\nos._exit(3)", "the program stopped (exit status 3) before answering case 1 of 3 (the prompt's example)", "", "exit status 3", "it crashed on this input"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sr := k.step(c.body, examplesStep)
			mustContain(t, "message", sr.Message, c.message)
			mustContain(t, "expected", sr.Expected, c.expected)
			mustContain(t, "got", sr.Got, c.got)
			mustContain(t, "diagnosis", sr.Diagnosis, c.why)
		})
	}
}

func TestJudgeFailureReportShowsTheCase(t *testing.T) {
	k := newJudgeKata(t)
	// Right on the first two cases, wrong on the third, with a debugging print.
	sr := k.step("print('looking at', args)\nsys.stderr.write('thinking hard\\n')\nreturn [0, 1] if args[1] == 9 else ([1, 2] if args[1] == 6 else [0, 0])", examplesStep)
	mustContain(t, "message", sr.Message, "case 3 of 3 (negative numbers): wrong answer")
	mustContain(t, "expected", sr.Expected, "[2, 3]") // the reference's answer: the case has no want
	mustContain(t, "output", sr.Output, "input: [[-1, -2, -3, -4], -7]", "lines on stdout that are not answers", "looking at ([2, 7, 11, 15], 9)", "its error output (last lines):\nthinking hard")
	mustContain(t, "try it", sr.Curl, `printf '%s\n' '{"id":3,"args":[[-1,-2,-3,-4],-7]}' | `, "main.py")
}

func TestJudgeTooSlow(t *testing.T) {
	k := newJudgeKata(t)
	// The harness reports the time of the call; this one claims 3 s.
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.py": strings.Replace(pyHarness(twoSum), `"ns": time.perf_counter_ns() - start`, `"ns": 3000000000`, 1)})
	sr := onlyStep(t, k.runIn(dir, `
  - name: a large input
    judge:
      generate: [{ gen: ints, n: 1000, min: 0, max: 50, seed: 3 }, { gen: int, value: 60 }]
      want: reference
      time_limit: 10x
      too_slow: "O(n²)?"
`))
	mustContain(t, "message", sr.Message, "the generated case is correct but too slow: O(n²)?")
	mustContain(t, "expected", sr.Expected, "at most 1s (10x the reference's ", "at least 1s)")
	mustContain(t, "got", sr.Got, "3s")
	mustContain(t, "output", sr.Output, "input: [[", "… 1000 items in all], 60]")
	if sr.Curl != "" {
		t.Errorf("a large case has no command to paste: %q", sr.Curl)
	}
	sr = onlyStep(t, k.runIn(dir, "  - name: absolute\n    judge: {cases: fixtures/examples.json, time_limit: 5s}\n"))
	if sr.Status != Passed {
		t.Errorf("3s is within an absolute 5s limit: %s", sr.Message)
	}
}

func TestJudgeLoopIsStopped(t *testing.T) {
	k := newJudgeKata(t)
	start := time.Now()
	sr := k.step("if args[1] == 6:\n    while True: pass\n"+twoSum, "  - name: examples\n    judge: {cases: fixtures/examples.json, too_slow: \"O(n²)?\"}\n")
	mustContain(t, "message", sr.Message, "case 2 of 3 took longer than 2s: stopped")
	mustContain(t, "diagnosis", sr.Diagnosis, "an endless loop, or an algorithm too slow for this input (O(n²)?)")
	mustContain(t, "expected", sr.Expected, "at most 1s")
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the loop ran %s", d)
	}
}

func TestJudgeCompileErrorsComeFirst(t *testing.T) {
	k := newJudgeKata(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.py": strings.Replace(pyHarness(twoSum), "def solve(*args):", "def solve(*args:", 1)})
	sr := onlyStep(t, k.runIn(dir, examplesStep))
	mustContain(t, "message", sr.Message, "the code does not compile")
	mustContain(t, "output", sr.Output, `main.py", line 2`, "SyntaxError: ")
	mustContain(t, "diagnosis", sr.Diagnosis, "fix the first error first")

	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not installed")
	}
	goDir := writeGoProgram(t, "package main\n\nfunc main() {\n\tundefinedThing()\n\tx := 1\n}\n")
	sr = onlyStep(t, runExercise(t, &Runner{Dir: goDir, Program: strings.Fields("go run .")}, nil, "  - name: g\n    judge: {cases: [{args: [1], want: 1}], time_limit: 2s}\n"))
	mustContain(t, "message", sr.Message, "the code does not compile")
	mustContain(t, "output", sr.Output, "./main.go:4:2: undefined: undefinedThing", "declared and not used: x")
}

func TestJudgeOutputIsCapped(t *testing.T) {
	k := newJudgeKata(t)
	for name, c := range map[string]struct{ body, want string }{
		"one huge line": {"sys.stdout.write('x' * (100 << 20))\nreturn 1", "printed a line longer than 16 MiB"},
		"many lines":    {"line = 'x' * 1023 + '\\n'\nfor _ in range(100 << 10): sys.stdout.write(line)\nreturn 1", "printed more than 64 MiB"},
	} {
		t.Run(name, func(t *testing.T) {
			sr := k.step(c.body, examplesStep)
			mustContain(t, "message", sr.Message, "the program broke the judge's protocol: it "+c.want)
		})
	}
}

func TestJudgeProtocolProblems(t *testing.T) {
	k := newJudgeKata(t)
	for name, c := range map[string]struct{ main, want string }{
		"out of order": {`import sys
for line in sys.stdin: print('{"id": 7, "result": 1}', flush=True)`, "it answered case 7 when case 1 was next"},
		"NaN": {`import sys, json
for line in sys.stdin: print(json.dumps({"id": json.loads(line)["id"], "result": float("nan")}), flush=True)`, "an answer is not valid JSON"},
		"no result": {`import sys, json
for line in sys.stdin: print(json.dumps({"id": json.loads(line)["id"]}), flush=True)`, "its answer to case 1 has neither a result nor an error"},
		"reads nothing": {`print("hello")`, "printed lines that are not answers, then ended"},
		"stops early": {`import sys, json
line = sys.stdin.readline()
print(json.dumps({"id": 1, "result": [0, 1]}), flush=True)`, "it ended after 1 of 3 answers"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"main.py": c.main})
			sr := onlyStep(t, k.runIn(dir, examplesStep))
			mustContain(t, "report", sr.Message+" "+sr.Diagnosis, c.want)
		})
	}
}

func TestJudgeReadyLineStartsTheClock(t *testing.T) {
	k := newJudgeKata(t)
	dir := t.TempDir()
	// Slow to start (a compile, say), then it says it is ready; the first
	// case loops. Without a reference the start-up allowance is the boot
	// timeout, so only the ready line makes it stop after 2s.
	writeFiles(t, dir, map[string]string{"main.py": "import time, sys\ntime.sleep(0.5)\nprint('{\"ready\": true}', flush=True)\nsys.stdin.readline()\nwhile True: pass\n"})
	start := time.Now()
	r := &Runner{Dir: dir, Program: strings.Fields(k.harness), BootTimeout: time.Minute}
	sr := onlyStep(t, runExercise(t, r, nil, "  - name: r\n    judge: {cases: [{args: [1], want: 1}], time_limit: 1s}\n"))
	mustContain(t, "message", sr.Message, "case 1 of 1 took longer than 2s: stopped")
	if d := time.Since(start); d > 8*time.Second {
		t.Errorf("stopped after %s: the ready line did not start the clock", d)
	}
}

func TestJudgeReferenceProblems(t *testing.T) {
	k := newJudgeKata(t)
	writeFiles(t, k.ref, map[string]string{"main.py": pyHarness("return [9, 9]")})
	sr := k.step(twoSum, examplesStep)
	mustContain(t, "message", sr.Message, "the exercise's reference solution answers [9, 9] to case 1 of 3 (the prompt's example), which expects [0, 1]")
	mustContain(t, "diagnosis", sr.Diagnosis, "a problem with the exercise, not with your work")

	writeFiles(t, k.ref, map[string]string{"main.py": "import sys\nsys.exit(4)\n"})
	sr = k.step(twoSum, examplesStep)
	mustContain(t, "message", sr.Message, "the exercise's reference solution failed: the program stopped (exit status 4)")

	sr = onlyStep(t, runExercise(t, &Runner{Dir: t.TempDir(), Program: strings.Fields(k.harness)}, &Exercise{Files: k.files}, examplesStep))
	mustContain(t, "message", sr.Message, "compares with the exercise's reference solution, and this run has none")
}

func TestJudgeCannotStart(t *testing.T) {
	sr := onlyStep(t, runExercise(t, &Runner{Dir: t.TempDir(), Program: strings.Fields("no-such-language main.x")}, nil,
		"  - name: s\n    judge: {cases: [{args: [1], want: 1}], time_limit: 2s}\n"))
	mustContain(t, "message", sr.Message, "could not run no-such-language main.x: no-such-language is not installed")
	sr = onlyStep(t, runExercise(t, &Runner{Dir: t.TempDir()}, nil, "  - name: s\n    judge: {cases: [{args: [1], want: 1}]}\n"))
	if sr.Status != Skipped {
		t.Errorf("a judge step without a harness: %s %s", sr.Status, sr.Message)
	}
}

// TestJudgeReadsAnswersLeftInThePipe: a harness that writes a large answer
// and exits at once can leave the end of it unread (or unparsed, on a busy
// machine) when its exit is noticed; the answer still counts. Here a child
// that keeps stdout open finishes the answer a second after its parent
// exited.
func TestJudgeReadsAnswersLeftInThePipe(t *testing.T) {
	k := newJudgeKata(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.py": `import json, os, sys, time
case = json.loads(sys.stdin.readline())
sys.stdout.write('{"id": %d, "result": ' % case["id"])
sys.stdout.flush()
if os.fork() == 0:
    os.close(2)  # so that only stdout stays open
    time.sleep(1)
    sys.stdout.write('1}\n')
    sys.stdout.flush()
os._exit(0)
`})
	sr := onlyStep(t, k.runIn(dir, "  - name: late\n    judge: {cases: [{args: [1], want: 1}], time_limit: 5s}\n"))
	if sr.Status != Passed {
		t.Errorf("the answer finished after the exit was not read: %s — %s", sr.Message, sr.Diagnosis)
	}
}
