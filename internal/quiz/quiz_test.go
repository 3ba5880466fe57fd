package quiz

import (
	"slices"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
)

var now = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func question(text string, answer int, choices ...string) curriculum.Question {
	return curriculum.Question{Q: text, Choices: choices, Answer: answer, Explain: "because"}
}

func testCurriculum() *curriculum.Curriculum {
	return &curriculum.Curriculum{ID: "test", Steps: []*curriculum.Step{
		{ID: "web", Title: "The web", Quiz: &curriculum.Quiz{Pass: 0.5, Questions: []curriculum.Question{
			question("What turns a name into an address?", 1, "HTTP", "DNS", "TLS"),
			question("Which part of a response says whether it worked?", 0, "The status line", "The body", "A header", "The URL"),
		}}},
		{ID: "notes", Title: "No quiz"},
		{ID: "data", Title: "Data", Quiz: &curriculum.Quiz{Pass: 1, Questions: []curriculum.Question{
			question("What does an index speed up?", 0, "Lookups", "Writes"),
		}}},
	}}
}

func TestKey(t *testing.T) {
	q := question("What turns a name into an address?", 1, "HTTP", "DNS", "TLS")
	key := Key("web", q)
	if !progress.ValidReviewKey(key) {
		t.Fatalf("%q is not a key the progress file accepts", key)
	}
	if key != "web/"+key[4:] || len(key) != len("web/")+8 {
		t.Fatalf("key %q is not step/8 hex digits", key)
	}
	same := []curriculum.Question{
		question("What turns a name  into\nan address?", 1, "HTTP", "DNS", "TLS"), // re-wrapped in the YAML
		question("What turns a name into an address?", 0, "DNS", "HTTP"),          // choices edited
		{Q: " What turns a name into an address? ", Explain: "a new explanation"},
	}
	for _, o := range same {
		if got := Key("web", o); got != key {
			t.Errorf("%q: key %s, want %s", o.Q, got, key)
		}
	}
	if Key("web", question("What turns a name into an IP address?", 1, "a", "b")) == key {
		t.Error("a reworded question keeps its key")
	}
	if Key("dns", q) == key {
		t.Error("the same question in another step has the same key")
	}
}

func TestOrderSeedZeroIsTheFileOrder(t *testing.T) {
	if got := Order(0, "web/1a2b3c4d", 4); !slices.Equal(got, []int{0, 1, 2, 3}) {
		t.Fatalf("seed 0: %v", got)
	}
}

// A printed seed must replay the same order with every later waymark, so
// the generator's output is pinned here.
func TestOrderIsPinned(t *testing.T) {
	tests := []struct {
		seed uint64
		key  string
		n    int
		want []int
	}{
		{482913, "web/1a2b3c4d", 4, []int{2, 1, 3, 0}},
		{482913, "web/5e6f7a8b", 4, []int{0, 3, 1, 2}},
		{7, "web/1a2b3c4d", 3, []int{0, 2, 1}},
		{7, "web/1a2b3c4d", 2, []int{1, 0}},
	}
	for _, tt := range tests {
		if got := Order(tt.seed, tt.key, tt.n); !slices.Equal(got, tt.want) {
			t.Errorf("Order(%d, %s, %d) = %v, want %v", tt.seed, tt.key, tt.n, got, tt.want)
		}
	}
}

// Every choice lands in every place about as often: over 6,000 seeds, each
// of the 4×4 counts is within 10% of the 1,500 expected.
func TestOrderIsAFairShuffle(t *testing.T) {
	const n, seeds = 4, 6000
	var count [n][n]int
	for seed := uint64(1); seed <= seeds; seed++ {
		order := Order(seed, "web/1a2b3c4d", n)
		sorted := slices.Clone(order)
		slices.Sort(sorted)
		if !slices.Equal(sorted, []int{0, 1, 2, 3}) {
			t.Fatalf("seed %d: %v is not a permutation", seed, order)
		}
		for place, choice := range order {
			count[place][choice]++
		}
	}
	for place := range n {
		for choice := range n {
			if c := count[place][choice]; c < 1350 || c > 1650 {
				t.Errorf("choice %d shown in place %d %d times out of %d", choice, place, c, seeds)
			}
		}
	}
}

func TestNewSeed(t *testing.T) {
	seen := map[uint64]bool{}
	for i := range 100 {
		s := NewSeed(now.Add(time.Duration(i) * time.Microsecond))
		if s < 100000 || s > 999999 {
			t.Fatalf("seed %d is not six digits", s)
		}
		seen[s] = true
	}
	if len(seen) < 95 {
		t.Fatalf("only %d different seeds from 100 instants", len(seen))
	}
	if first, again := NewSeed(now), NewSeed(now); first != again {
		t.Fatalf("the same clock gives seeds %d and %d: golden tests could not be stable", first, again)
	}
}

func TestAttemptShowsTheAnswerWhereItMoved(t *testing.T) {
	s := testCurriculum().Steps[0]
	moved := false
	for seed := uint64(1); seed < 50; seed++ {
		for _, a := range Attempt(s, seed) {
			if got, want := a.Choices()[a.Answer()], a.Question.Choices[a.Question.Answer]; got != want {
				t.Fatalf("seed %d: shown answer %q, want %q", seed, got, want)
			}
			moved = moved || a.Answer() != a.Question.Answer
		}
	}
	if !moved {
		t.Fatal("the right answer never moved: the choices are not shuffled")
	}
	for i, a := range Attempt(s, 0) {
		if !slices.Equal(a.Choices(), s.Quiz.Questions[i].Choices) || a.Key != Key("web", s.Quiz.Questions[i]) {
			t.Fatalf("seed 0, question %d: %v", i, a.Choices())
		}
	}
}

func TestPassedAndNeeded(t *testing.T) {
	q := &curriculum.Quiz{Pass: 0.7, Questions: make([]curriculum.Question, 10)}
	if Needed(q) != 7 || !Passed(q, 7) || Passed(q, 6) {
		t.Fatalf("needed %d, passed(7) %v, passed(6) %v", Needed(q), Passed(q, 7), Passed(q, 6))
	}
}
