package check

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// The judge's compare modes. Answers are decoded with their numbers kept as
// written (json.Number), so that 1, 1.0 and 1e0 are the same number and a
// 64-bit integer is compared exactly.

// floatTolerance is the relative (and, near zero, absolute) difference the
// float mode accepts.
const floatTolerance = 1e-6

// sameAnswer reports whether got is the answer want, in the given mode.
func sameAnswer(mode string, want, got json.RawMessage) bool {
	if bytes.Equal(want, got) {
		return true
	}
	w, err1 := decodeAnswer(want)
	g, err2 := decodeAnswer(got)
	if err1 != nil || err2 != nil {
		return false
	}
	switch mode {
	case "unordered":
		return canonical(w, true) == canonical(g, true)
	case "float":
		return closeEnough(w, g)
	}
	return canonical(w, false) == canonical(g, false)
}

func decodeAnswer(raw json.RawMessage) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// canonical writes v in one spelling: numbers normalised, object keys
// sorted (encoding/json already sorts), and with unordered set every list
// sorted, at every depth, as a multiset.
func canonical(v any, unordered bool) string {
	var b strings.Builder
	writeCanonical(&b, v, unordered)
	return b.String()
}

func writeCanonical(b *strings.Builder, v any, unordered bool) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case string:
		b.WriteString(strconv.Quote(x))
	case json.Number:
		b.WriteString(normalNumber(x))
	case []any:
		items := make([]string, len(x))
		for i, e := range x {
			items[i] = canonical(e, unordered)
		}
		if unordered {
			slices.Sort(items)
		}
		b.WriteString("[" + strings.Join(items, ",") + "]")
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(k) + ":")
			writeCanonical(b, x[k], unordered)
		}
		b.WriteByte('}')
	}
}

// normalNumber spells a JSON number one way: an integer (even 3.0 or 3e2)
// exactly, in decimal; anything else as the shortest float64.
func normalNumber(n json.Number) string {
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return strconv.FormatInt(i, 10)
	}
	// Without an exponent, big.Rat stays as small as the text; with one
	// (1e999999) it could grow without bound, so those go through float64.
	if !strings.ContainsAny(string(n), "eE") && len(n) < 400 {
		if r, ok := new(big.Rat).SetString(string(n)); ok && r.IsInt() {
			return r.Num().String()
		}
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		return string(n)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// closeEnough compares numbers within floatTolerance, everything else
// exactly, lists in order.
func closeEnough(want, got any) bool {
	switch w := want.(type) {
	case json.Number:
		g, ok := got.(json.Number)
		if !ok {
			return false
		}
		a, err1 := w.Float64()
		c, err2 := g.Float64()
		if err1 != nil || err2 != nil {
			return normalNumber(w) == normalNumber(g)
		}
		diff := math.Abs(a - c)
		return diff <= floatTolerance || diff <= floatTolerance*math.Max(math.Abs(a), math.Abs(c))
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !closeEnough(w[i], g[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for k, v := range w {
			if gv, has := g[k]; !has || !closeEnough(v, gv) {
				return false
			}
		}
		return true
	}
	return canonical(want, false) == canonical(got, false)
}

// summary shows a JSON value for a report: long lists and strings
// shortened, saying how long they are.
func summary(raw json.RawMessage, width int) string {
	v, err := decodeAnswer(raw)
	if err != nil {
		return firstLine(string(raw), width)
	}
	var b strings.Builder
	writeSummary(&b, v, 2)
	s := b.String()
	if len(s) > width {
		s = s[:width] + "…"
	}
	return s
}

func writeSummary(b *strings.Builder, v any, depth int) {
	const items, chars = 8, 40
	switch x := v.(type) {
	case []any:
		if depth == 0 && len(x) > 0 {
			b.WriteString("[… " + strconv.Itoa(len(x)) + " items]")
			return
		}
		b.WriteByte('[')
		for i, e := range x {
			if i == items {
				b.WriteString(", … " + strconv.Itoa(len(x)) + " items in all")
				break
			}
			if i > 0 {
				b.WriteString(", ")
			}
			writeSummary(b, e, depth-1)
		}
		b.WriteByte(']')
	case string:
		if r := []rune(x); len(r) > chars {
			b.WriteString(strconv.Quote(string(r[:chars])) + "… (" + strconv.Itoa(len(r)) + " characters)")
			return
		}
		b.WriteString(strconv.Quote(x))
	case map[string]any:
		out, _ := json.Marshal(x)
		b.Write(out)
	default:
		b.WriteString(canonical(x, false))
	}
}
