// Package quiz is how waymark asks quiz questions, wherever it asks them
// (`waymark quiz`, `waymark review`, the TUI): the order a question's
// choices are shown in, shuffled per attempt from a seed so that an attempt
// can be replayed; the stable key that names a question in the progress
// file's review schedule; scoring and recording an attempt; and which
// questions are due for review.
package quiz

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// Asked is one question as it is put to the learner.
type Asked struct {
	// Key names the question in the review schedule.
	Key      string
	Step     *curriculum.Step
	Question curriculum.Question
	// Order lists, for each choice as shown, its index in
	// Question.Choices.
	Order []int
}

// Choices are the question's choices in the order shown.
func (a Asked) Choices() []string {
	out := make([]string, len(a.Order))
	for i, o := range a.Order {
		out[i] = a.Question.Choices[o]
	}
	return out
}

// Answer is the position of the right choice as shown, from 0.
func (a Asked) Answer() int {
	for i, o := range a.Order {
		if o == a.Question.Answer {
			return i
		}
	}
	return -1 // unreachable for a validated question
}

// Key names a question in the review schedule: its step id and the first
// eight hexadecimal digits of the sha256 of its text, spaces collapsed. It
// survives edits to the choices, the explanation, the question's place in
// the quiz and the layout of the YAML; rewording the question makes it a
// new question, which is what a reworded question is to the learner.
func Key(stepID string, q curriculum.Question) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(q.Q), " ")))
	return stepID + "/" + hex.EncodeToString(sum[:4])
}

// NewSeed picks the seed of a new attempt from the clock: six digits, easy
// to read back and type, never 0 (which keeps the file's order).
func NewSeed(now time.Time) uint64 {
	s := splitmix(now.UnixNano())
	return 100000 + s.next()%900000
}

// Order is the order in which a question of n choices is shown under seed:
// Order(seed, key, n)[i] is the index of the i-th choice shown. Seed 0 is
// the curriculum's own order. The order depends only on the seed and the
// question's key, so a seed replays an attempt even after other questions
// were added or removed.
//
// The generator is written out here (SplitMix64 and a Fisher-Yates
// shuffle) rather than taken from math/rand, whose algorithms may change
// between Go releases: a seed printed today must replay the same order
// with any later waymark.
func Order(seed uint64, key string, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	if seed == 0 {
		return out
	}
	r := splitmix(seed ^ fnv64(key))
	for i := n - 1; i > 0; i-- {
		j := int(r.next() % uint64(i+1))
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Attempt is a step's quiz as asked under seed, in the quiz's own order of
// questions.
func Attempt(s *curriculum.Step, seed uint64) []Asked {
	if s.Quiz == nil {
		return nil
	}
	out := make([]Asked, len(s.Quiz.Questions))
	for i, q := range s.Quiz.Questions {
		out[i] = ask(s, q, seed)
	}
	return out
}

func ask(s *curriculum.Step, q curriculum.Question, seed uint64) Asked {
	key := Key(s.ID, q)
	return Asked{Key: key, Step: s, Question: q, Order: Order(seed, key, len(q.Choices))}
}

// Passed reports whether score right answers pass quiz q.
func Passed(q *curriculum.Quiz, score int) bool {
	return float64(score) >= q.Pass*float64(len(q.Questions))-1e-9
}

// Needed is how many right answers pass quiz q.
func Needed(q *curriculum.Quiz) int {
	return int(q.Pass*float64(len(q.Questions)) + 0.999)
}

// splitmix is the state of a SplitMix64 generator: small, fast and fully
// determined by its seed.
type splitmix uint64

func (s *splitmix) next() uint64 {
	*s += 0x9e3779b97f4a7c15
	z := uint64(*s)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// fnv64 is the 64-bit FNV-1a hash of s.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
