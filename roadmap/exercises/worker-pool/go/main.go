// Command worker-pool runs the jobs read from standard input, one "NAME MS"
// a line, on -workers workers at once, and prints their results in input
// order. A job's work is to wait MS milliseconds, standing in for a call to
// another service.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	workers := flag.Int("workers", 4, "how many jobs run at once")
	flag.Parse()
	if *workers < 1 {
		fmt.Fprintln(os.Stderr, "worker-pool: -workers must be at least 1")
		os.Exit(1)
	}
	var jobs []string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		jobs = append(jobs, sc.Text())
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "worker-pool:", err)
		os.Exit(1)
	}
	failed := false
	for _, r := range runAll(jobs, *workers) {
		fmt.Println(r.text)
		failed = failed || r.failed
	}
	if failed {
		os.Exit(1)
	}
}

// result is what one job printed, and whether it failed.
type result struct {
	text   string
	failed bool
}

// runJob does one job: "NAME MS" waits MS milliseconds (0 to 2000).
func runJob(line string) result {
	name, ms, ok := strings.Cut(line, " ")
	n, err := strconv.Atoi(ms)
	if !ok || name == "" || err != nil || n < 0 || n > 2000 {
		return result{text: fmt.Sprintf("error: bad job %q", line), failed: true}
	}
	time.Sleep(time.Duration(n) * time.Millisecond)
	return result{text: fmt.Sprintf("%s done in %dms", name, n)}
}

// runAll runs every job with at most workers at once and returns their
// results in the jobs' order.
func runAll(jobs []string, workers int) []result {
	// waymark:begin solution solve
	results := make([]result, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = runJob(jobs[i]) // each index has one writer
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
	// waymark:end
}
