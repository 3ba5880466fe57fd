package check

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// echoHarness answers every case with the sum of its first argument, the
// way an exercise's Go harness does, timing the call.
const echoHarness = `package main

import (
	"bufio"
	"encoding/json"
	"os"
	"time"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	for in.Scan() {
		var c struct {
			ID   int       ` + "`json:\"id\"`" + `
			Args [][]int   ` + "`json:\"args\"`" + `
		}
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			panic(err)
		}
		start := time.Now()
		sum := 0
		for _, x := range c.Args[0] {
			sum += x
		}
		ns := time.Since(start).Nanoseconds()
		enc.Encode(map[string]any{"id": c.ID, "result": sum, "ns": ns})
		out.Flush()
	}
}
`

// BenchmarkJudgeOverhead measures what the engine adds per case: writing
// it, reading and comparing the answer (the harness does almost nothing).
// The goal is at most 2 ms a case.
func BenchmarkJudgeOverhead(b *testing.B) {
	if _, err := exec.LookPath("go"); err != nil {
		b.Skip("go is not installed")
	}
	dir := writeGoProgram(b, echoHarness)
	build := exec.Command("go", "build", "-o", "harness", ".")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	for _, n := range []int{1, 1000} {
		var cases strings.Builder
		for i := range n {
			fmt.Fprintf(&cases, "        - { args: [[%d, 2, 3]], want: %d }\n", i, i+5)
		}
		s := mustDecodeB(b, "format: 1\nmilestone: solve\nsteps:\n  - name: many\n    judge:\n      time_limit: 2s\n      cases:\n"+cases.String())
		plan := &Plan{Project: "kata", Milestones: solveMilestones, Suites: []*Suite{s}}
		r := &Runner{Dir: dir, Program: []string{filepath.Join(dir, "harness")}}
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			for b.Loop() {
				if rep := r.Run(context.Background(), plan); rep.Status != Passed {
					b.Fatalf("%+v", rep.Milestones[0].Steps[0])
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(n), "ms/case")
		})
	}
}

// BenchmarkSQLStep measures one sql step: a fresh in-memory database, the
// fixture, the learner's query and the comparison. The goal is 0.3 s.
func BenchmarkSQLStep(b *testing.B) {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "query.sql"), []byte(countsQuery), 0o644); err != nil {
		b.Fatal(err)
	}
	s := mustDecodeB(b, "format: 1\nmilestone: solve\nsteps:\n"+sqlStep("{columns: [name, orders], rows: [[ada, 3], [bob, 1]]}"))
	plan := &Plan{Project: "kata", Milestones: solveMilestones, Suites: []*Suite{s}, Exercise: shopExercise()}
	r := &Runner{Dir: dir}
	for b.Loop() {
		if rep := r.Run(context.Background(), plan); rep.Status != Passed {
			b.Fatalf("%+v", rep.Milestones[0].Steps[0])
		}
	}
}

func mustDecodeB(b *testing.B, text string) *Suite {
	b.Helper()
	s, err := Decode("bench.yaml", []byte(text))
	if err != nil {
		b.Fatal(err)
	}
	return s
}
