package check

import (
	"fmt"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
)

// runFailure is a harness run that ended before answering every case, in
// the words of a report.
type runFailure struct {
	message, expected, got, why, output string
}

// describeRun explains why a harness did not answer every case: it could
// not start, broke the protocol, ran out of time, did not compile or
// crashed. Compiler errors come first and alone, since nothing else
// matters until the code builds.
func describeRun(run *harnessRun, cases []*judgeCase, words []string, memory int64) runFailure {
	cmd := strings.Join(words, " ")
	next := len(run.answers)
	switch {
	case run.startErr != nil:
		return runFailure{message: "could not run " + cmd + ": " + run.startErr.Error(), expected: "the run command to start", got: "an error",
			why: "the run command comes from the workspace's .waymark.yaml: is its language installed?"}
	case run.cancelled:
		return runFailure{message: "cancelled", expected: "an answer to every case", got: "cancelled"}
	case run.problem != "":
		return runFailure{message: "the program broke the judge's protocol: " + run.problem, expected: "one JSON answer per line", got: "something else",
			why:    "main is the judge's harness: it reads one case per line on stdin and writes one JSON answer per line; print debugging output to stderr, not stdout",
			output: harnessOutput(run, nil)}
	case run.timedOut >= 0:
		waited := max(run.waited.Round(time.Second), time.Second)
		note := ""
		if next == 0 && run.startup == 0 {
			note = " (its start-up included)"
		}
		return runFailure{message: fmt.Sprintf("%s took longer than %s%s: stopped", caseLabel(cases, run.timedOut), waited, note), got: "still running after " + waited.String(),
			why: "an endless loop, or an algorithm too slow for this input", output: harnessOutput(run, cases[run.timedOut])}
	case run.exited && next == 0:
		if lines := compileErrors(run.stderr.headText()); len(lines) > 0 {
			return runFailure{message: "the code does not compile", expected: "code that builds", got: "compiler errors", output: strings.Join(lines, "\n"),
				why: "fix the first error first: the ones after it often follow from it"}
		}
	}
	if !run.exited || next >= len(cases) {
		return runFailure{message: "the program did not answer every case", expected: "an answer to every case", got: fmt.Sprintf("%d answers", next)}
	}
	label := caseLabel(cases, next)
	return runFailure{message: fmt.Sprintf("the program stopped (%s) before answering %s", run.how, label), expected: "an answer to " + label, got: run.how,
		why: crashDiagnosis(run, len(cases), memory), output: harnessOutput(run, cases[next])}
}

var outOfMemory = []string{"MemoryError", "out of memory", "Out of memory", "heap out of memory", "Array buffer allocation failed",
	"Cannot allocate memory", "cannot allocate memory", "std::bad_alloc", "Allocation failed"}

func outOfMemoryIn(text string) bool {
	for _, m := range outOfMemory {
		if strings.Contains(text, m) {
			return true
		}
	}
	return false
}

func memoryDiagnosis(memory int64) string {
	return fmt.Sprintf("it ran out of memory: the limit is %s — does it build something much larger than its input (every pair, a copy at every step)?", sizeText(memory))
}

func crashDiagnosis(run *harnessRun, total int, memory int64) string {
	switch {
	case outOfMemoryIn(run.stderr.tailText(40)) || outOfMemoryIn(run.stderr.headText()):
		return memoryDiagnosis(memory)
	case strings.Contains(run.how, "killed"):
		return fmt.Sprintf("it was killed: by the memory limit (%s), or by the system", sizeText(memory))
	case len(run.answers) == 0 && len(run.stray) > 0:
		return "it printed lines that are not answers, then ended: is main still the judge's harness, reading the cases from stdin?"
	case run.how == "exit status 0":
		return fmt.Sprintf("it ended after %d of %d answers: does main read every line of stdin until it ends?", len(run.answers), total)
	}
	return "it crashed on this input: its last lines of error output say why"
}

// harnessOutput is the case's input, the stray lines and the end of the
// error output, for a report.
func harnessOutput(run *harnessRun, c *judgeCase) string {
	var b strings.Builder
	if c != nil {
		b.WriteString("input: " + summary(c.args, 300))
	}
	sr := &StepResult{Output: b.String()}
	addHarnessOutput(sr, run)
	return sr.Output
}

var (
	compileLine = lazyregexp.New(`^(#\s|\S+\.go:\d+:\d+: |\S+:\d+(:\d+)?: error|.*error TS\d+:|error(\[E\d+\])?: )`)
	pySyntax    = lazyregexp.New(`^(SyntaxError|IndentationError|TabError): `)
	jsSyntax    = lazyregexp.New(`^SyntaxError: `)
	jsWhere     = lazyregexp.New(`^\S+\.(js|mjs|cjs|ts):\d+$`)
)

// maxCompileLines bounds the compiler errors shown.
const maxCompileLines = 10

// compileErrors finds a compiler's errors at the start of a program's
// error output (Go, Python and Node syntax errors, TypeScript, and the
// file:line: error form of most compilers): the first few, trimmed, or
// nil when the output is not a compiler's.
func compileErrors(head string) []string {
	lines := strings.Split(strings.TrimRight(head, "\n"), "\n")
	var out []string
	for i, l := range lines {
		switch {
		case pySyntax.MatchString(l):
			from := max(i-5, 0)
			for j := i - 1; j >= from; j-- {
				if strings.HasPrefix(strings.TrimSpace(lines[j]), "File \"") {
					from = j
					break
				}
			}
			return trimLines(lines[from : i+1])
		case jsSyntax.MatchString(l) && i > 0:
			from := max(i-6, 0)
			for j := i - 1; j >= from; j-- {
				if jsWhere.MatchString(lines[j]) {
					from = j
					break
				}
			}
			return trimLines(lines[from : i+1])
		case compileLine.MatchString(l), len(out) > 0 && strings.HasPrefix(l, "\t"):
			out = append(out, l)
		}
	}
	return trimLines(out)
}

func trimLines(lines []string) []string {
	if len(lines) == 0 {
		return nil
	}
	out := make([]string, 0, min(len(lines), maxCompileLines+1))
	for i, l := range lines {
		if i == maxCompileLines {
			out = append(out, fmt.Sprintf("… (%d more lines)", len(lines)-maxCompileLines))
			break
		}
		if len(l) > 200 {
			l = l[:200] + "…"
		}
		out = append(out, l)
	}
	return out
}
