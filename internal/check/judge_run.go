package check

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/shell"
)

// DefaultHarnessBoot bounds a harness's start-up when the session sets no
// BootTimeout: a first `go run` compiles.
const DefaultHarnessBoot = 2 * time.Minute

// runJudge runs the step's cases through the reference (when it needs
// expected answers or times from it) and then through the learner's
// harness, stopping at the first case that fails.
func (r *Runner) runJudge(ctx context.Context, p *Plan, j *JudgeStep, sr *StepResult) error {
	cases, err := r.judgeCases(j)
	if err != nil {
		return exerciseFailure(sr, err)
	}
	limit := j.TimeLimit
	if limit.Factor == 0 && limit.Duration == 0 {
		limit = TimeLimit{Duration: DefaultJudgeCase, Text: DefaultJudgeCase.String()}
		if r.exercise.hasReference() {
			limit = TimeLimit{Factor: DefaultJudgeFactor, Text: fmt.Sprintf("%dx", DefaultJudgeFactor)}
		}
	}
	memory := j.memory()
	boot := r.BootTimeout
	if boot <= 0 {
		boot = DefaultHarnessBoot
	}
	words := r.Program
	refTimes := make([]time.Duration, len(cases))
	startup := boot
	needRef := limit.Factor > 0
	for _, c := range cases {
		needRef = needRef || c.want == nil
	}
	if needRef {
		refStartup, err := r.calibrate(ctx, j, cases, refTimes, words, memory, boot)
		if err != nil {
			return exerciseFailure(sr, err)
		}
		// The learner's code compiles where the reference's did, with the
		// same warm caches: a generous multiple of its start-up is enough.
		startup = min(boot, max(10*time.Second, 3*refStartup+5*time.Second))
	}
	limits := make([]time.Duration, len(cases))
	for i := range cases {
		limits[i] = caseLimit(limit, refTimes[i])
	}
	h := &harness{words: words, dir: r.Dir, env: r.ExecEnv, memory: memory, startup: startup,
		wait: func(i int) time.Duration { return 2 * limits[i] }}
	var failure error
	run := h.run(ctx, cases, func(i int, a *answer) bool {
		failure = r.judgeAnswer(p, j, sr, cases, i, a, limit, limits[i], refTimes[i])
		return failure != nil
	})
	if failure != nil {
		addHarnessOutput(sr, run)
		return failure
	}
	if len(run.answers) == len(cases) {
		return nil
	}
	f := describeRun(run, cases, words, memory)
	sr.Diagnosis, sr.Output = f.why, f.output
	if run.timedOut >= 0 {
		if j.TooSlow != "" {
			sr.Diagnosis += " (" + j.TooSlow + ")"
		}
		f.expected = describeLimit(limit, limits[run.timedOut], refTimes[run.timedOut])
		sr.Curl = reproduce(cases[run.timedOut], run.timedOut, strings.Join(r.Program, " "))
	}
	return failf(sr, f.expected, f.got, "%s", f.message)
}

// calibrate runs the reference on the cases: its answers become the
// expected ones where a case has none (and must agree where it has), and
// its times are the base of factor limits. It returns its start-up time.
func (r *Runner) calibrate(ctx context.Context, j *JudgeStep, cases []*judgeCase, times []time.Duration, words []string, memory int64, boot time.Duration) (time.Duration, error) {
	dir, err := r.exercise.reference(ctx)
	if err != nil {
		return 0, err
	}
	ref := &harness{words: words, dir: dir, env: r.ExecEnv, memory: memory, startup: boot,
		wait: func(int) time.Duration { return MaxJudgeCase }}
	run := ref.run(ctx, cases, nil)
	if len(run.answers) < len(cases) {
		f := describeRun(run, cases, words, memory)
		return 0, &errExercise{"the exercise's reference solution failed: " + f.message + indentBlock(f.output)}
	}
	for i, a := range run.answers {
		c := cases[i]
		switch {
		case a.Error != nil:
			return 0, exerciseErrorf("the exercise's reference solution fails %s: %s", caseLabel(cases, i), firstLine(*a.Error, 200))
		case c.want == nil:
			c.want = a.Result
		case !sameAnswer(j.Compare, c.want, a.Result):
			return 0, exerciseErrorf("the exercise's reference solution answers %s to %s, which expects %s", summary(a.Result, 120), caseLabel(cases, i), summary(c.want, 120))
		}
		times[i] = a.took()
	}
	return run.startup, nil
}

func (j *JudgeStep) memory() int64 {
	if j.Memory == 0 {
		return DefaultJudgeMemory
	}
	return int64(j.Memory)
}

func caseLimit(l TimeLimit, ref time.Duration) time.Duration {
	if l.Duration > 0 {
		return l.Duration
	}
	return min(max(time.Duration(l.Factor*float64(ref)), MinJudgeCase), MaxJudgeCase)
}

// judgeAnswer checks one answer: an error (the starter's stub among them),
// a wrong result, or a right one too late.
func (r *Runner) judgeAnswer(p *Plan, j *JudgeStep, sr *StepResult, cases []*judgeCase, i int, a *answer, l TimeLimit, limit, ref time.Duration) error {
	c := cases[i]
	label := caseLabel(cases, i)
	fill := func() {
		sr.Output = "input: " + summary(c.args, 300)
		sr.Curl = reproduce(c, i, strings.Join(r.Program, " "))
	}
	switch {
	case a.Error != nil && (*a.Error == "not implemented" || a.Milestone != ""):
		sr.Diagnosis = notImplemented(p, a.Milestone)
		return failf(sr, summary(c.want, 200), "not implemented", "%s: not implemented", label)
	case a.Error != nil:
		fill()
		sr.Diagnosis = "your function failed on this input (an exception, a panic): the message says where"
		if outOfMemoryIn(*a.Error) {
			sr.Diagnosis = memoryDiagnosis(j.memory())
		}
		return failf(sr, summary(c.want, 200), "an error: "+firstLineOf(*a.Error, 300), "%s failed: %s", label, firstLineOf(*a.Error, 120))
	case !sameAnswer(j.Compare, c.want, a.Result):
		fill()
		sr.Diagnosis = wrongDiagnosis(j.Compare, c.want, a.Result)
		return failf(sr, summary(c.want, 200), summary(a.Result, 200), "%s: wrong answer", label)
	case a.took() > limit:
		fill()
		sr.Diagnosis = "the answer is right but takes too long on this input: is there a loop inside a loop over it? A map, sorting or two pointers may do it in one pass"
		slow := "correct but too slow"
		if j.TooSlow != "" {
			slow += ": " + j.TooSlow
		}
		return failf(sr, describeLimit(l, limit, ref), roundDuration(a.took()).String(), "%s is %s", label, slow)
	}
	return nil
}

func wrongDiagnosis(mode string, want, got []byte) string {
	switch {
	case string(got) == "null":
		return "it returned nothing (null, None, nil): does every path through the function return its answer?"
	case mode != "unordered" && sameAnswer("unordered", want, got):
		return "the right items, in another order: this exercise wants them in the order shown"
	}
	return ""
}

// caseLabel names case i for a message.
func caseLabel(cases []*judgeCase, i int) string {
	c := cases[i]
	switch {
	case len(cases) == 1 && strings.HasPrefix(c.name, "generated"):
		return "the generated case"
	case strings.HasPrefix(c.name, "case ") || strings.HasPrefix(c.name, "generated"):
		return fmt.Sprintf("case %d of %d", i+1, len(cases))
	}
	return fmt.Sprintf("case %d of %d (%s)", i+1, len(cases), c.name)
}

// reproduce is a command that sends the case to the harness by hand, when
// the case is short enough to paste.
func reproduce(c *judgeCase, i int, run string) string {
	line := strings.TrimSpace(string(c.line(i + 1)))
	if len(line) > 400 || run == "" {
		return ""
	}
	return "printf '%s\\n' " + shell.Quote(line) + " | " + run
}

// addHarnessOutput adds what the harness printed besides its answers.
func addHarnessOutput(sr *StepResult, run *harnessRun) {
	var b strings.Builder
	b.WriteString(sr.Output)
	if len(run.stray) > 0 {
		b.WriteString("\nlines on stdout that are not answers (print debugging output to stderr):\n  " + strings.Join(run.stray, "\n  "))
	}
	if lines, ok := goCrash(run.stderr.headText()); ok {
		b.WriteString("\nits error output (where it stopped):\n" + lines)
	} else if t := run.stderr.tailText(15); strings.TrimSpace(t) != "" {
		b.WriteString("\nits error output (last lines):\n" + t)
	}
	sr.Output = strings.TrimLeft(b.String(), "\n")
}

func indentBlock(s string) string {
	if s == "" {
		return ""
	}
	return "\n  " + strings.ReplaceAll(s, "\n", "\n  ")
}

// goCrash finds a Go panic or fatal error, whose first lines say what
// happened and where while its last are other goroutines' stacks.
func goCrash(head string) (string, bool) {
	lines := strings.Split(head, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "fatal error: ") {
			return strings.Join(lines[i:min(i+12, len(lines))], "\n"), true
		}
	}
	return "", false
}
