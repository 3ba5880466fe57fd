// Command line-filter prints the lines of standard input that contain a
// pattern, like a small grep: -i ignores case, -c prints only the count.
// It exits 0 when a line matched, 1 when none did and 2 on a usage error.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = "usage: line-filter [-i] [-c] PATTERN"

// run is the whole program, with its arguments and streams given, and
// returns its exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// waymark:begin solution solve
	fs := flag.NewFlagSet("line-filter", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, usage) }
	ignoreCase := fs.Bool("i", false, "ignore case")
	count := fs.Bool("c", false, "print only how many lines matched")
	if err := fs.Parse(args); err != nil {
		return 2 // the flag package printed the problem and the usage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	pattern := fs.Arg(0)
	if *ignoreCase {
		pattern = strings.ToLower(pattern)
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	matched := 0
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		cmp := line
		if *ignoreCase {
			cmp = strings.ToLower(line)
		}
		if !strings.Contains(cmp, pattern) {
			continue
		}
		matched++
		if !*count {
			fmt.Fprintln(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(stderr, "line-filter:", err)
		return 2
	}
	if *count {
		fmt.Fprintln(out, matched)
	}
	if matched == 0 {
		return 1
	}
	return 0
	// waymark:end
}
