package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/iostreams"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/quiz"
)

// quizEnv runs waymark over testdata/quizzes with progress in a temporary
// file and a clock the test moves.
type quizEnv struct {
	t            *testing.T
	progressFile string
	now          time.Time
	tty          bool
	input        string
	out, errOut  *bytes.Buffer
}

func newQuizEnv(t *testing.T) *quizEnv {
	return &quizEnv{t: t, progressFile: filepath.Join(t.TempDir(), "progress.yaml"),
		now: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)}
}

// run runs one command line and returns its exit code; its output is in
// e.out and e.errOut until the next run.
func (e *quizEnv) run(args ...string) int {
	e.t.Helper()
	io, in, out, errOut := iostreams.Test()
	io.SetTTY(e.tty)
	in.WriteString(e.input)
	env := map[string]string{"HOME": filepath.Dir(e.progressFile), "NO_COLOR": "1"}
	f := NewFactory(io, func(k string) string { return env[k] }, func() time.Time { return e.now })
	e.out, e.errOut = out, errOut
	return Run(e.t.Context(), f, append([]string{"--curriculum", "testdata/quizzes", "--progress", e.progressFile}, args...))
}

// mustRun runs a command line that must succeed.
func (e *quizEnv) mustRun(args ...string) string {
	e.t.Helper()
	if code := e.run(args...); code != 0 {
		e.t.Fatalf("waymark %s: exit %d\n%s%s", strings.Join(args, " "), code, e.out, e.errOut)
	}
	return e.out.String()
}

func (e *quizEnv) progress() *progress.Progress {
	e.t.Helper()
	p, err := progress.Open(e.progressFile).Load()
	mustT(e.t, err)
	return p
}

func (e *quizEnv) step(id string) *curriculum.Step {
	e.t.Helper()
	return mustCurriculum(e.t).Step(id)
}

// answersFor lists, for each asked question, the shown number of the right
// choice, or of a wrong one where wrong[i].
func answersFor(asked []quiz.Asked, wrong ...int) string {
	var parts []string
	for i, a := range asked {
		n := a.Answer()
		if slices.Contains(wrong, i) {
			n = (n + 1) % len(a.Order)
		}
		parts = append(parts, fmt.Sprint(n+1))
	}
	return strings.Join(parts, ",")
}

type quizResultJSON struct {
	Seed      uint64 `json:"seed"`
	Score     int    `json:"score"`
	Questions []struct {
		Key     string   `json:"key"`
		Choices []string `json:"choices"`
		Order   []int    `json:"order"`
		Answer  int      `json:"answer"`
		Correct int      `json:"correct"`
		Right   bool     `json:"right"`
	} `json:"questions"`
}

// --seed shuffles the choices, and --answers means the choices as shown:
// answering by the curriculum's places scores only where nothing moved.
func TestQuizSeedShufflesAndAnswersFollowTheShownOrder(t *testing.T) {
	e := newQuizEnv(t)
	web := e.step("web")
	asked := quiz.Attempt(web, 7)
	var got quizResultJSON
	mustT(t, json.Unmarshal([]byte(e.mustRun("quiz", "web", "--seed", "7", "--answers", answersFor(asked), "--json")), &got))
	if got.Seed != 7 || got.Score != 3 {
		t.Fatalf("seed %d, score %d: want seed 7 and every shown answer right", got.Seed, got.Score)
	}
	moved := 0
	for i, q := range got.Questions {
		a := asked[i]
		if !slices.Equal(q.Choices, a.Choices()) || q.Key != a.Key || q.Correct != a.Answer()+1 || !q.Right {
			t.Errorf("question %d: %+v, want choices %v", i+1, q, a.Choices())
		}
		for j, o := range q.Order {
			if a.Question.Choices[o-1] != q.Choices[j] {
				t.Errorf("question %d: order %v does not say where choice %q came from", i+1, q.Order, q.Choices[j])
			}
		}
		if a.Answer() != a.Question.Answer {
			moved++
		}
	}
	if moved == 0 {
		t.Fatal("seed 7 moves no answer: pick a seed that shuffles")
	}

	// The curriculum's places, answered under the same seed.
	var file []string
	for _, q := range web.Quiz.Questions {
		file = append(file, fmt.Sprint(q.Answer+1))
	}
	mustT(t, json.Unmarshal([]byte(e.mustRun("quiz", "web", "--seed", "7", "--answers", strings.Join(file, ","), "--json")), &got))
	if got.Score != 3-moved {
		t.Fatalf("file places under seed 7 scored %d, want %d", got.Score, 3-moved)
	}
}

// Without --seed, scripted answers are in the curriculum's order.
func TestQuizAnswersWithoutSeedKeepTheFileOrder(t *testing.T) {
	e := newQuizEnv(t)
	out := e.mustRun("quiz", "web", "--answers", "2,2,1")
	for _, want := range []string{"Choices in the curriculum's order (seed 0).", "  1) HTTP\n  2) DNS\n  3) TLS\n  4) TCP", "✓ 3/3 — passed."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// On a terminal each attempt is shuffled from the clock, and the seed is
// printed so that --seed replays it.
func TestQuizOnTerminalShufflesFromTheClock(t *testing.T) {
	e := newQuizEnv(t)
	e.tty, e.input = true, "1\n1\n1\n"
	out := e.mustRun("quiz", "web")
	seed := quiz.NewSeed(e.now)
	if !strings.Contains(out, fmt.Sprintf("Choices shuffled with seed %d (replay: --seed %d).", seed, seed)) {
		t.Fatalf("the seed is not printed:\n%s", out)
	}
	var shown strings.Builder
	for i, c := range quiz.Attempt(e.step("web"), seed)[0].Choices() {
		fmt.Fprintf(&shown, "  %d) %s\n", i+1, c)
	}
	if !strings.Contains(out, shown.String()) {
		t.Fatalf("the first question is not shown in seed %d's order:\n%s\nwant:\n%s", seed, out, shown.String())
	}

	e.tty, e.input = false, ""
	replay := e.mustRun("quiz", "web", "--seed", fmt.Sprint(seed), "--answers", "1,1,1")
	if !strings.Contains(replay, shown.String()) {
		t.Fatalf("--seed %d does not replay the order:\n%s", seed, replay)
	}
}

// A wrong answer is told the right choice by its shown number and text,
// then the explanation.
func TestQuizFeedbackNamesTheRightChoice(t *testing.T) {
	e := newQuizEnv(t)
	asked := quiz.Attempt(e.step("web"), 7)
	out := e.mustRun("quiz", "web", "--seed", "7", "--answers", answersFor(asked, 0))
	a := asked[0]
	wrong := (a.Answer() + 1) % 4
	for _, want := range []string{
		fmt.Sprintf("Your answer: %d) %s\n✗ Not quite. The answer is %d) DNS\nDNS resolves names.", wrong+1, a.Choices()[wrong], a.Answer()+1),
		"✓ Right. 201 says something new exists.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// Every finished attempt feeds the review schedule: right answers to box
// 2, wrong ones to box 1.
func TestQuizFeedsTheReviewSchedule(t *testing.T) {
	e := newQuizEnv(t)
	asked := quiz.Attempt(e.step("web"), 0)
	e.mustRun("quiz", "web", "--answers", answersFor(asked, 1))
	review := e.progress().Review
	want := map[string]progress.ReviewCard{
		asked[0].Key: {Box: 2, Due: "2026-11-26", At: e.now},
		asked[1].Key: {Box: 1, Due: "2026-11-25", At: e.now},
		asked[2].Key: {Box: 2, Due: "2026-11-26", At: e.now},
	}
	if len(review) != len(want) {
		t.Fatalf("review %v, want %v", review, want)
	}
	for k, w := range want {
		if c := review[k]; c.Box != w.Box || c.Due != w.Due || !c.At.Equal(w.At) {
			t.Errorf("%s: %+v, want %+v", k, c, w)
		}
	}

	// A quiz left half-way feeds nothing.
	before := e.progress()
	e.now = e.now.Add(time.Hour)
	e.tty, e.input = true, "1\nq\n"
	if code := e.run("quiz", "web"); code == 0 {
		t.Fatal("a quiz left with q succeeded")
	}
	if after := e.progress(); !reflect.DeepEqual(after.Review, before.Review) || after.Quizzes["web"].Attempts != 1 {
		t.Fatal("a quiz left half-way changed the progress")
	}
}

func TestQuizCmdSeedFlag(t *testing.T) {
	for _, tt := range []struct {
		args    []string
		seed    uint64
		hasSeed bool
	}{
		{[]string{"web"}, 0, false},
		{[]string{"web", "--seed", "0"}, 0, true},
		{[]string{"web", "--seed", "482913", "--answers", "1,2"}, 482913, true},
	} {
		io, _, _, _ := iostreams.Test()
		var got *QuizOptions
		cmd := NewCmdQuiz(NewFactory(io, func(string) string { return "" }, time.Now), func(o *QuizOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		mustT(t, cmd.Execute())
		if got.Seed != tt.seed || got.HasSeed != tt.hasSeed {
			t.Errorf("%v: seed %d, given %v", tt.args, got.Seed, got.HasSeed)
		}
	}
}
