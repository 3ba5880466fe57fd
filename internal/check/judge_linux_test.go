package check

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestJudgeMemoryLimit(t *testing.T) {
	if !memoryLimited {
		t.Skip("memory limits are enforced on Linux only")
	}
	var before, after syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_DATA, &before); err != nil {
		t.Fatal(err)
	}
	k := newJudgeKata(t)
	step := "  - name: m\n    judge: {cases: fixtures/examples.json, memory: 64MiB}\n"
	// Caught by the harness: the answer is an error naming MemoryError.
	sr := k.step("block = bytearray(512 << 20)\n"+twoSum, step)
	mustContain(t, "message", sr.Message, "MemoryError")
	mustContain(t, "diagnosis", sr.Diagnosis, "it ran out of memory: the limit is 64 MiB")
	// Within the limit the same harness passes.
	if sr := k.step("block = bytearray(8 << 20)\n"+twoSum, step); sr.Status != Passed {
		t.Errorf("8 MiB within a 64 MiB limit: %s", sr.Message)
	}

	if _, err := exec.LookPath("go"); err == nil {
		// A Go program that runs out: the runtime's fatal error is a crash.
		dir := writeGoProgram(t, "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar keep [][]byte\n\tfor i := 0; i < 64; i++ {\n\t\tb := make([]byte, 16<<20)\n\t\tfor j := range b {\n\t\t\tb[j] = 1\n\t\t}\n\t\tkeep = append(keep, b)\n\t}\n\tfmt.Println(len(keep))\n}\n")
		sr = onlyStep(t, runExercise(t, &Runner{Dir: dir, Program: strings.Fields("go run .")}, nil, "  - name: g\n    judge: {cases: [{args: [1], want: 1}], memory: 256MiB}\n"))
		mustContain(t, "message", sr.Message, "the program stopped (exit status ")
		mustContain(t, "diagnosis", sr.Diagnosis, "it ran out of memory: the limit is 256 MiB")
		mustContain(t, "output", sr.Output, "out of memory")
	}

	if err := syscall.Getrlimit(syscall.RLIMIT_DATA, &after); err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Errorf("waymark's own data limit changed: %+v, then %+v", before, after)
	}
}

func TestJudgeStopsTheWholeGroup(t *testing.T) {
	k := newJudgeKata(t)
	dir := t.TempDir()
	// The harness starts a child of its own, then loops on the first case.
	writeFiles(t, dir, map[string]string{"main.py": `import subprocess, sys
child = subprocess.Popen(["sleep", "300"])
open("child.pid", "w").write(str(child.pid))
sys.stdin.readline()
while True: pass
`})
	r := &Runner{Dir: dir, Program: strings.Fields(k.harness), BootTimeout: time.Second}
	sr := onlyStep(t, runExercise(t, r, nil, "  - name: g\n    judge: {cases: [{args: [1], want: 1}], time_limit: 1s}\n"))
	mustContain(t, "message", sr.Message, "case 1 of 1 took longer than 3s (its start-up included): stopped")
	data, err := os.ReadFile(filepath.Join(dir, "child.pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(string(data))
	for deadline := time.Now().Add(3 * time.Second); alive(pid); {
		if time.Now().After(deadline) {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("the harness's child %d outlived the step", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// alive reports whether pid runs (a zombie waiting for its parent does not).
func alive(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z" && fields[0] != "X"
}
