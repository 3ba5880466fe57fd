package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// Whole-process benchmarks: what a learner waits for, start-up included.
// Compare BenchmarkProcessStatus with BenchmarkProcessHello (a Go hello
// world built the same way) and BenchmarkProcessNew with
// BenchmarkProcessCopyAndGit (cp -r plus the C git) from the same run.
// BenchmarkProcessStatusVsHello runs the two in turn and reports the
// ratio itself, which a shared, loaded machine skews far less.
// WAYMARK_BENCH_BINARY names another waymark binary to measure instead of
// this tree's (an older build, say), with the same hello world and load.

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

func binaries(b *testing.B) (waymark, hello string) {
	b.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "waymark-bench-")
		if buildErr != nil {
			return
		}
		src := filepath.Join(binDir, "hello.go")
		if buildErr = os.WriteFile(src, []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n"), 0o644); buildErr != nil {
			return
		}
		for _, args := range [][]string{
			{"build", "-o", filepath.Join(binDir, "waymark"), "."},
			{"build", "-o", filepath.Join(binDir, "hello"), src},
		} {
			cmd := exec.Command("go", args...)
			cmd.Env = append(os.Environ(), "CGO_ENABLED=0") // as make build does, see the Makefile
			if out, err := cmd.CombinedOutput(); err != nil {
				buildErr = fmt.Errorf("go %v: %v\n%s", args, err, out)
				return
			}
		}
	})
	if buildErr != nil {
		b.Fatal(buildErr)
	}
	waymark = filepath.Join(binDir, "waymark")
	if other := os.Getenv("WAYMARK_BENCH_BINARY"); other != "" {
		waymark = other // another build, to compare with this one in the same conditions
	}
	return waymark, filepath.Join(binDir, "hello")
}

func run(b *testing.B, env []string, dir, name string, args ...string) {
	b.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env, cmd.Dir = env, dir
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

func benchEnv(b *testing.B) []string {
	home := b.TempDir()
	return append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+home+"/data", "XDG_CACHE_HOME="+home+"/cache",
		"XDG_CONFIG_HOME="+home+"/config", "WAYMARK_PROGRESS="+home+"/progress.yaml", "NO_COLOR=1")
}

func BenchmarkProcessHello(b *testing.B) {
	_, hello := binaries(b)
	for b.Loop() {
		run(b, nil, "", hello)
	}
}

func BenchmarkProcessStatus(b *testing.B) {
	waymark, _ := binaries(b)
	env := benchEnv(b)
	run(b, env, "", waymark, "done", "internet") // a real progress file, a warm cache
	for b.Loop() {
		run(b, env, "", waymark, "status")
	}
}

// BenchmarkProcessStatusVsHello alternates the hello world and `waymark
// status`, so that both meet the same load, and reports their medians and
// how many times the hello world status takes (goal: ≤ 5).
func BenchmarkProcessStatusVsHello(b *testing.B) {
	waymark, hello := binaries(b)
	env := benchEnv(b)
	run(b, env, "", waymark, "done", "internet")
	var hellos, statuses []time.Duration
	for b.Loop() {
		start := time.Now()
		run(b, nil, "", hello)
		mid := time.Now()
		run(b, env, "", waymark, "status")
		hellos, statuses = append(hellos, mid.Sub(start)), append(statuses, time.Since(mid))
	}
	h, s := median(hellos), median(statuses)
	b.ReportMetric(ms(h), "hello-ms")
	b.ReportMetric(ms(s), "status-ms")
	b.ReportMetric(float64(s)/float64(h), "×hello")
}

func median(ds []time.Duration) time.Duration {
	ds = slices.Clone(ds)
	slices.Sort(ds)
	return ds[len(ds)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func BenchmarkProcessNew(b *testing.B) {
	waymark, _ := binaries(b)
	env := benchEnv(b)
	parent := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		run(b, env, parent, waymark, "new", "tasks", fmt.Sprintf("t%d", i), "--stack", "go")
	}
}

func BenchmarkProcessCopyAndGit(b *testing.B) {
	waymark, _ := binaries(b)
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("no git binary to compare with")
	}
	env := benchEnv(b)
	parent := b.TempDir()
	run(b, env, parent, waymark, "new", "tasks", "src", "--stack", "go", "--no-git")
	i := 0
	for b.Loop() {
		i++
		dst := fmt.Sprintf("c%d", i)
		run(b, env, parent, "sh", "-c", "cp -r src "+dst+" && cd "+dst+
			" && git init -q -b main && git add -A && git -c user.name=a -c user.email=a@example.com commit -qm first")
	}
}

// BenchmarkProcessPractice is `waymark practice` writing an exercise's
// workspace (a Git repository with its first commit); compare it with
// BenchmarkProcessNew (goal: at most twice as long).
func BenchmarkProcessPractice(b *testing.B) {
	waymark, _ := binaries(b)
	env := benchEnv(b)
	parent := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		run(b, env, parent, waymark, "practice", "status-codes", fmt.Sprintf("p%d", i), "--stack", "go")
	}
}

// BenchmarkProcessCheckProgram is `waymark check` of the word-count
// reference in each stack, with the build cache warm: six program runs
// and their comparisons.
func BenchmarkProcessCheckProgram(b *testing.B) {
	waymark, _ := binaries(b)
	for _, stack := range []string{"go", "node", "python"} {
		b.Run(stack, func(b *testing.B) {
			if _, err := exec.LookPath(map[string]string{"go": "go", "node": "node", "python": "python3"}[stack]); err != nil {
				b.Skip(stack + " is not installed")
			}
			env := benchEnv(b)
			parent := b.TempDir()
			run(b, env, parent, waymark, "practice", "word-count", "wc", "--stack", stack, "--solution", "--no-git")
			dir := filepath.Join(parent, "wc")
			run(b, env, dir, waymark, "check") // warms the build cache
			for b.Loop() {
				run(b, env, dir, waymark, "check", "--no-record")
			}
		})
	}
}
