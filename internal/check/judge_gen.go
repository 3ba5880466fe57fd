package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Generated arguments are deterministic: the same gen and seed give the
// same JSON with any waymark, because the generator is written out here
// (SplitMix64, a fixed and documented algorithm) rather than taken from
// math/rand, whose algorithms may change between Go releases.

var gens = []string{"int", "ints", "sorted-ints", "float", "floats", "string", "strings", "bool"}

// maxSafeInt bounds generated integers: beyond 2^53 a JavaScript or JSON
// reader may round them.
const maxSafeInt = 1 << 53

const defaultAlphabet = "abcdefghijklmnopqrstuvwxyz"

// problem says what is wrong with g, or "".
func (g *Gen) problem() string {
	if !slices.Contains(gens, g.Gen) {
		return fmt.Sprintf("gen %q is not one of %v", g.Gen, gens)
	}
	scalar := g.Gen == "int" || g.Gen == "float" || g.Gen == "string" || g.Gen == "bool"
	list := g.Gen == "ints" || g.Gen == "sorted-ints" || g.Gen == "floats" || g.Gen == "strings"
	switch {
	case g.Value != nil && !scalar:
		return "value goes with int, float, string or bool"
	case g.Value != nil && !valueFits(g.Gen, g.Value.V):
		return fmt.Sprintf("value %s does not fit gen %s", show(g.Value.V), g.Gen)
	case g.Value != nil && (g.N != 0 || g.Min != nil || g.Max != nil || g.Seed != nil || g.Unique || g.Len != 0 || g.Alphabet != ""):
		return "a gen with a value takes nothing else"
	case (list || g.Gen == "string") && g.Value == nil && (g.N < 0 || g.N > MaxGenerated):
		return fmt.Sprintf("n (how many) from 0 to %d", MaxGenerated)
	case !list && g.Gen != "string" && g.N != 0:
		return "n goes with a list (ints, sorted-ints, floats, strings) or a string"
	case g.Gen == "strings" && (g.Len < 0 || g.Len*g.N > 4*MaxGenerated):
		return fmt.Sprintf("strings: len × n at most %d", 4*MaxGenerated)
	case g.Gen != "strings" && g.Len != 0:
		return "len goes with strings"
	case g.Alphabet != "" && g.Gen != "string" && g.Gen != "strings":
		return "alphabet goes with string or strings"
	case g.Alphabet != "" && !utf8.ValidString(g.Alphabet):
		return "alphabet is not valid text"
	case g.Unique && g.Gen != "ints" && g.Gen != "sorted-ints":
		return "unique goes with ints or sorted-ints"
	}
	numeric := g.Gen == "int" || g.Gen == "ints" || g.Gen == "sorted-ints" || g.Gen == "float" || g.Gen == "floats"
	if !numeric && (g.Min != nil || g.Max != nil) {
		return "min and max go with numbers"
	}
	if numeric && g.Value == nil {
		lo, hi := g.bounds()
		integer := g.Gen != "float" && g.Gen != "floats"
		switch {
		case lo > hi:
			return "min is larger than max"
		case integer && (lo != math.Trunc(lo) || hi != math.Trunc(hi)):
			return "min and max of integers are whole numbers"
		case integer && (lo < -maxSafeInt || hi > maxSafeInt):
			return "integers stay within ±2^53, which every language reads exactly"
		case g.Unique && hi-lo+1 < float64(g.N):
			return fmt.Sprintf("%d unique values do not fit between %s and %s", g.N, jsonNumber(lo), jsonNumber(hi))
		}
	}
	return ""
}

func valueFits(gen string, v any) bool {
	switch x := v.(type) {
	case float64:
		return gen == "float" || gen == "int" && x == math.Trunc(x) && math.Abs(x) <= maxSafeInt
	case string:
		return gen == "string"
	case bool:
		return gen == "bool"
	}
	return false
}

// bounds are min and max with their defaults: 0 to 100 for integers, 0 to
// 1 for floats.
func (g *Gen) bounds() (lo, hi float64) {
	lo, hi = 0, 100
	if g.Gen == "float" || g.Gen == "floats" {
		hi = 1
	}
	if g.Min != nil {
		lo = *g.Min
	}
	if g.Max != nil {
		hi = *g.Max
	}
	return lo, hi
}

// splitMix64 is the SplitMix64 generator (Steele, Lea and Flood, 2014).
type splitMix64 uint64

func (s *splitMix64) next() uint64 {
	*s += 0x9e3779b97f4a7c15
	z := uint64(*s)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// below returns a uniform number in [0, n), n > 0, by rejection (no
// modulo bias).
func (s *splitMix64) below(n uint64) uint64 {
	limit := -n % n // 2^64 mod n
	for {
		if x := s.next(); x >= limit {
			return x % n
		}
	}
}

// intIn returns a uniform integer in [lo, hi].
func (s *splitMix64) intIn(lo, hi int64) int64 {
	return lo + int64(s.below(uint64(hi-lo)+1))
}

// float returns a uniform float64 in [0, 1) with 53 random bits.
func (s *splitMix64) float() float64 { return float64(s.next()>>11) / (1 << 53) }

// write appends g's argument, as JSON, for the given repetition (which
// adds to the seed).
func (g *Gen) write(b *bytes.Buffer, rep int) {
	if g.Value != nil {
		v, _ := json.Marshal(g.Value.V)
		b.Write(v)
		return
	}
	seed := int64(1)
	if g.Seed != nil {
		seed = *g.Seed
	}
	rng := splitMix64(uint64(seed) + uint64(rep))
	lo, hi := g.bounds()
	switch g.Gen {
	case "int":
		b.WriteString(strconv.FormatInt(rng.intIn(int64(lo), int64(hi)), 10))
	case "float":
		b.WriteString(strconv.FormatFloat(lo+rng.float()*(hi-lo), 'g', -1, 64))
	case "bool":
		b.WriteString(strconv.FormatBool(rng.next()&1 == 1))
	case "ints", "sorted-ints":
		vals := g.ints(&rng, int64(lo), int64(hi))
		if g.Gen == "sorted-ints" {
			slices.Sort(vals)
		}
		b.WriteByte('[')
		for i, v := range vals {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatInt(v, 10))
		}
		b.WriteByte(']')
	case "floats":
		b.WriteByte('[')
		for i := range g.N {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatFloat(lo+rng.float()*(hi-lo), 'g', -1, 64))
		}
		b.WriteByte(']')
	case "string":
		writeJSONString(b, g.text(&rng, g.N))
	case "strings":
		b.WriteByte('[')
		for i := range g.N {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, g.text(&rng, g.Len))
		}
		b.WriteByte(']')
	}
}

// ints draws g.N integers in [lo, hi], all different when g.Unique.
func (g *Gen) ints(rng *splitMix64, lo, hi int64) []int64 {
	vals := make([]int64, g.N)
	if !g.Unique {
		for i := range vals {
			vals[i] = rng.intIn(lo, hi)
		}
		return vals
	}
	span := uint64(hi - lo + 1)
	if span <= 4*uint64(g.N) {
		// A small range: shuffle it partly (Fisher–Yates), no retries.
		all := make([]int64, span)
		for i := range all {
			all[i] = lo + int64(i)
		}
		for i := range vals {
			j := i + int(rng.below(span-uint64(i)))
			all[i], all[j] = all[j], all[i]
			vals[i] = all[i]
		}
		return vals
	}
	seen := make(map[int64]bool, g.N)
	for i := range vals {
		v := rng.intIn(lo, hi)
		for seen[v] {
			v = rng.intIn(lo, hi)
		}
		seen[v] = true
		vals[i] = v
	}
	return vals
}

func (g *Gen) text(rng *splitMix64, n int) string {
	alphabet := []rune(g.Alphabet)
	if len(alphabet) == 0 {
		alphabet = []rune(defaultAlphabet)
	}
	out := make([]rune, n)
	for i := range out {
		out[i] = alphabet[rng.below(uint64(len(alphabet)))]
	}
	return string(out)
}

func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Truncate(b.Len() - 1) // the encoder's newline
}
