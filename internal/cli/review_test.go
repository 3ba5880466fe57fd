package cli

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/quiz"
)

// dayLater moves the clock on by days.
func (e *quizEnv) dayLater(days int) { e.now = e.now.AddDate(0, 0, days) }

func TestReviewBeforeAnyQuiz(t *testing.T) {
	e := newQuizEnv(t)
	out := e.mustRun("review")
	if !strings.Contains(out, "Nothing to review yet") || !strings.HasSuffix(out, "\n  waymark quiz web\n") {
		t.Fatalf("output:\n%s", out)
	}
}

func TestReviewWithNothingDueSaysWhen(t *testing.T) {
	e := newQuizEnv(t)
	e.mustRun("quiz", "web", "--answers", answersFor(quiz.Attempt(e.step("web"), 0)))
	if out := e.mustRun("review"); out != "Nothing to review now. Next: 3 questions due in 2 days (Thu 26 Nov).\n" {
		t.Fatalf("output %q", out)
	}
	e.dayLater(1)
	if out := e.mustRun("review"); !strings.Contains(out, "Next: 3 questions due tomorrow.") {
		t.Fatalf("a day later: %q", out)
	}
}

type reviewResultJSON struct {
	Seed      uint64 `json:"seed"`
	Due       int    `json:"due"`
	Right     *int   `json:"right"`
	Questions []struct {
		Key     string   `json:"key"`
		Step    string   `json:"step"`
		Choices []string `json:"choices"`
		Answer  *int     `json:"answer"`
		Correct *int     `json:"correct"`
	} `json:"questions"`
	Next struct {
		Due       int    `json:"due"`
		Day       string `json:"day"`
		Questions int    `json:"questions"`
	} `json:"next"`
}

// The questions got wrong come back the next day; answered right when
// due, they move up a box and come back two days later.
func TestReviewAsksWhatIsDueAndMovesItOn(t *testing.T) {
	e := newQuizEnv(t)
	webQs := quiz.Attempt(e.step("web"), 0)
	e.mustRun("quiz", "web", "--answers", answersFor(webQs, 0, 2))                      // two wrong
	e.mustRun("quiz", "data", "--answers", answersFor(quiz.Attempt(e.step("data"), 0))) // right
	e.dayLater(1)

	// --json alone lists what is due, without the answers, and saves nothing.
	before, err := os.ReadFile(e.progressFile)
	mustT(t, err)
	var list reviewResultJSON
	mustT(t, json.Unmarshal([]byte(e.mustRun("review", "--json", "--seed", "5")), &list))
	if list.Due != 2 || len(list.Questions) != 2 || list.Questions[0].Key != webQs[0].Key || list.Questions[1].Key != webQs[2].Key {
		t.Fatalf("due list %+v", list)
	}
	if list.Questions[0].Correct != nil || list.Questions[0].Answer != nil || list.Right != nil {
		t.Fatal("the list of what is due gives the answers away")
	}
	if after, _ := os.ReadFile(e.progressFile); string(after) != string(before) {
		t.Fatal("listing what is due changed the progress file")
	}

	// Answered as shown under the same seed: both right.
	due := quiz.Review(quiz.Due(mustCurriculum(t), e.progress(), e.now), 5)
	if want := list.Questions[1].Choices; strings.Join(due[1].Choices(), "|") != strings.Join(want, "|") {
		t.Fatalf("--json showed %v, the review asks %v", want, due[1].Choices())
	}
	out := e.mustRun("review", "--seed", "5", "--answers", answersFor(due))
	for _, want := range []string{"Choices shuffled with seed 5", "From The web\n1/2 What turns a name into an address?", "2 of 2 right.\nNext: 2 questions due tomorrow.\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	p := e.progress()
	for _, k := range []string{webQs[0].Key, webQs[2].Key} {
		if c := p.Review[k]; c.Box != 2 || c.Due != "2026-11-27" {
			t.Errorf("%s after a right review: %+v", k, c)
		}
	}
	if p.Quizzes["web"].Attempts != 1 {
		t.Error("a review counted as a quiz attempt")
	}
}

func TestReviewLimitAndWrongAnswers(t *testing.T) {
	e := newQuizEnv(t)
	e.mustRun("quiz", "web", "--answers", answersFor(quiz.Attempt(e.step("web"), 0), 0, 1, 2))
	e.dayLater(3)
	var got reviewResultJSON
	due := quiz.Review(quiz.Due(mustCurriculum(t), e.progress(), e.now), 0)
	mustT(t, json.Unmarshal([]byte(e.mustRun("review", "--limit", "1", "--answers", answersFor(due[:1], 0), "--json")), &got))
	if len(got.Questions) != 1 || *got.Right != 0 || got.Next.Due != 2 {
		t.Fatalf("got %+v", got)
	}
	if c := e.progress().Review[due[0].Key]; c.Box != 1 || c.Due != "2026-11-28" {
		t.Fatalf("wrong again: %+v, want box 1 due the next day", c)
	}
	out := e.mustRun("review", "--limit", "1", "--answers", answersFor(due[1:2]))
	if !strings.Contains(out, "1 question is still due now: waymark review\n") {
		t.Fatalf("output:\n%s", out)
	}
}

func TestReviewErrors(t *testing.T) {
	e := newQuizEnv(t)
	if code := e.run("review", "--answers", "1"); code != ExitUsage || !strings.Contains(e.errOut.String(), "no question is due") {
		t.Fatalf("answers with nothing due: exit %d %s", code, e.errOut)
	}
	e.mustRun("quiz", "web", "--answers", "3,3,3") // all wrong
	e.dayLater(1)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"review"}, "no terminal to ask on: give the answers with --answers (3 numbers"},
		{[]string{"review", "--answers", "1,1"}, "--answers has 2 answers; this review asks 3 questions"},
		{[]string{"review", "--answers", "1,9,1"}, "answer 2 is \"9\"; question 2 has choices 1 to 4"},
		{[]string{"review", "--limit", "0"}, "--limit must be at least 1"},
	} {
		if code := e.run(tt.args...); code != ExitUsage || !strings.Contains(e.errOut.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tt.args, code, e.errOut, tt.want)
		}
	}
}

// On a terminal every answer counts: leaving with q keeps those given.
func TestReviewOnTerminalKeepsAnswersGivenBeforeLeaving(t *testing.T) {
	e := newQuizEnv(t)
	e.mustRun("quiz", "web", "--answers", "3,3,3") // all wrong
	e.dayLater(1)
	due := quiz.Review(quiz.Due(mustCurriculum(t), e.progress(), e.now), quiz.NewSeed(e.now))
	e.tty, e.input = true, answersFor(due[:1])+"\nq\n"
	out := e.mustRun("review")
	if !strings.Contains(out, "Review left after 1 of 3: those answers are saved.\n1 of 1 right.\n2 questions are still due now") {
		t.Fatalf("output:\n%s", out)
	}
	if c := e.progress().Review[due[0].Key]; c.Box != 2 {
		t.Fatalf("the answer given was not saved: %+v", c)
	}
	e.input = "q\n"
	if code := e.run("review"); code != ExitError || !strings.Contains(e.errOut.String(), "nothing was saved") {
		t.Fatalf("leaving at once: exit %d %s", code, e.errOut)
	}
}

func TestStatusCountsQuestionsToReview(t *testing.T) {
	e := newQuizEnv(t)
	e.mustRun("quiz", "web", "--answers", answersFor(quiz.Attempt(e.step("web"), 0), 0, 1))
	if out := e.mustRun("status"); strings.Contains(out, "to review") {
		t.Fatalf("nothing is due yet:\n%s", out)
	}
	e.dayLater(1)
	if out := e.mustRun("status"); !strings.Contains(out, "↺ 2 questions to review: waymark review\n") {
		t.Fatalf("status:\n%s", out)
	}
	var got struct {
		Review struct {
			Due, Scheduled, Questions int
			Day                       string
		} `json:"review"`
	}
	mustT(t, json.Unmarshal([]byte(e.mustRun("status", "--json")), &got))
	if r := got.Review; r.Due != 2 || r.Scheduled != 3 || r.Day != "2026-11-26" || r.Questions != 1 {
		t.Fatalf("status --json review: %+v", r)
	}
}

func mustCurriculum(t *testing.T) *curriculum.Curriculum {
	t.Helper()
	c, err := curriculum.Load(os.DirFS("testdata/quizzes"), nil)
	mustT(t, err)
	return c
}
