package check

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestSplitMix64IsTheReferenceAlgorithm(t *testing.T) {
	// The published outputs for seed 1234567 (Vigna's splitmix64.c).
	s := splitMix64(1234567)
	for _, want := range []uint64{6457827717110365317, 3203168211198807973} {
		if got := s.next(); got != want {
			t.Fatalf("next = %d, want %d", got, want)
		}
	}
}

func genText(g *Gen, rep int) string {
	var b bytes.Buffer
	g.write(&b, rep)
	return b.String()
}

func fp(v float64) *float64 { return &v }
func ip(v int64) *int64     { return &v }

func TestGeneratorsAreStable(t *testing.T) {
	// Pinned: a change here changes every exercise's generated cases.
	cases := []struct {
		g    *Gen
		rep  int
		want string
	}{
		{&Gen{Gen: "ints", N: 6, Min: fp(-10), Max: fp(10), Seed: ip(7)}, 0, "[-1,-7,-10,-7,9,-4]"},
		{&Gen{Gen: "ints", N: 6, Min: fp(-10), Max: fp(10), Seed: ip(7)}, 1, "[-6,10,3,6,-3,-7]"},
		{&Gen{Gen: "sorted-ints", N: 5, Min: fp(0), Max: fp(1000), Seed: ip(7), Unique: true}, 0, "[308,310,348,451,528]"},
		{&Gen{Gen: "int", Min: fp(1), Max: fp(6), Seed: ip(42)}, 0, "2"},
		{&Gen{Gen: "float", Seed: ip(1)}, 0, "0.5665615751722809"},
		{&Gen{Gen: "string", N: 8, Seed: ip(3)}, 0, `"jdbhizmg"`},
		{&Gen{Gen: "strings", N: 3, Len: 2, Alphabet: "ab", Seed: ip(3)}, 0, `["bb","bb","ab"]`},
		{&Gen{Gen: "int", Value: &Value{V: float64(12)}}, 3, "12"},
		{&Gen{Gen: "string", Value: &Value{V: "<a&b>"}}, 0, `"\u003ca\u0026b\u003e"`},
	}
	for _, c := range cases {
		if got := genText(c.g, c.rep); got != c.want {
			t.Errorf("%s seed %v rep %d = %s, want %s", c.g.Gen, c.g.Seed, c.rep, got, c.want)
		}
	}
}

func TestGeneratorsKeepTheirBounds(t *testing.T) {
	for _, g := range []*Gen{
		{Gen: "ints", N: 5000, Min: fp(-3), Max: fp(3), Seed: ip(1)},
		{Gen: "ints", N: 7, Min: fp(-3), Max: fp(3), Seed: ip(2), Unique: true},     // the whole range, shuffled
		{Gen: "ints", N: 3000, Min: fp(0), Max: fp(1e9), Seed: ip(3), Unique: true}, // by rejection
		{Gen: "sorted-ints", N: 2000, Min: fp(-1e6), Max: fp(1e6), Seed: ip(4)},     // sorted
		{Gen: "ints", N: 100, Min: fp(-(1 << 53)), Max: fp(1 << 53), Seed: ip(5)},   // the widest range
		{Gen: "floats", N: 1000, Min: fp(-2.5), Max: fp(2.5), Seed: ip(6)},          // floats
		{Gen: "strings", N: 50, Len: 4, Alphabet: "héllo", Seed: ip(7)},             // runes, not bytes
		{Gen: "string", N: 0, Seed: ip(8)},                                          // empty
		{Gen: "bool", Seed: ip(9)},                                                  // a bool
	} {
		if p := g.problem(); p != "" {
			t.Fatalf("%+v: %s", g, p)
		}
		var v any
		if err := json.Unmarshal([]byte(genText(g, 0)), &v); err != nil {
			t.Fatalf("%s: not JSON: %v", g.Gen, err)
		}
		lo, hi := g.bounds()
		switch x := v.(type) {
		case []any:
			seen := map[any]bool{}
			var nums []float64
			for _, e := range x {
				switch e := e.(type) {
				case float64:
					if e < lo || e > hi {
						t.Errorf("%s: %v outside [%v, %v]", g.Gen, e, lo, hi)
					}
					nums = append(nums, e)
				case string:
					if len([]rune(e)) != g.Len || strings.Trim(e, g.Alphabet) != "" {
						t.Errorf("%s: %q is not %d of %q", g.Gen, e, g.Len, g.Alphabet)
					}
				}
				if g.Unique && seen[e] {
					t.Errorf("%s: %v twice", g.Gen, e)
				}
				seen[e] = true
			}
			if len(x) != g.N {
				t.Errorf("%s: %d items, want %d", g.Gen, len(x), g.N)
			}
			if g.Gen == "sorted-ints" && !slices.IsSorted(nums) {
				t.Errorf("sorted-ints are not sorted")
			}
		case string:
			if x != "" {
				t.Errorf("string of 0 = %q", x)
			}
		case bool:
		default:
			t.Errorf("%s gave %T", g.Gen, v)
		}
	}
}

func TestCompareModes(t *testing.T) {
	cases := []struct {
		mode, want, got string
		same            bool
	}{
		{"exact", "[0, 1]", "[0,1]", true},
		{"exact", "[0, 1]", "[1, 0]", false},
		{"exact", "3", "3.0", true},
		{"exact", "300", "3e2", true},
		{"exact", "9007199254740993", "9007199254740992", false}, // above 2^53, still exact
		{"exact", `{"a": 1, "b": [true, null]}`, `{"b":[true,null],"a":1.0}`, true},
		{"exact", `"1"`, "1", false},
		{"exact", "0.1", "0.10000001", false},
		{"unordered", "[1, 2, 2, 3]", "[2, 3, 1, 2]", true},
		{"unordered", "[1, 2, 2, 3]", "[1, 2, 3, 3]", false},
		{"unordered", `[["eat", "tea"], ["bat"]]`, `[["bat"], ["tea", "eat"]]`, true},
		{"unordered", "[1, 2]", "[1, 2, 2]", false},
		{"float", "0.3333333", "0.33333334", true},
		{"float", "[1.0, 2.5]", "[1.0000001, 2.5000002]", true},
		{"float", "1.0", "1.01", false},
		{"float", "0", "1e-9", true},
		{"float", "[1, 2]", "[2, 1]", false},
		{"float", `{"x": 1.5}`, `{"x": 1.5000001}`, true},
		{"exact", "[1]", "not json", false},
	}
	for _, c := range cases {
		if got := sameAnswer(c.mode, []byte(c.want), []byte(c.got)); got != c.same {
			t.Errorf("%s: %s vs %s = %v", c.mode, c.want, c.got, got)
		}
	}
}

func TestSummary(t *testing.T) {
	for raw, want := range map[string]string{
		"[[1,2,3,4,5,6,7,8,9,10], 12]":      "[[1, 2, 3, 4, 5, 6, 7, 8, … 10 items in all], 12]",
		`"` + strings.Repeat("a", 50) + `"`: `"` + strings.Repeat("a", 40) + `"… (50 characters)`,
		"[[[1, 2], [3]]]":                   "[[[… 2 items], [… 1 items]]]",
		`{"a": 1}`:                          `{"a":1}`,
	} {
		if got := summary([]byte(raw), 300); got != want {
			t.Errorf("summary(%s) = %s, want %s", raw, got, want)
		}
	}
}

func TestParseCaseFile(t *testing.T) {
	cases, err := parseCaseFile("c.json", []byte(`[{"name": "first", "args": [ [1, 2], 3 ], "want": null}, {"args": []}]`))
	if err != nil || len(cases) != 2 || cases[0].name != "first" || string(cases[0].args) != "[[1,2],3]" || string(cases[0].want) != "null" || cases[1].want != nil || cases[1].name != "case 2" {
		t.Fatalf("cases %+v, %v", cases, err)
	}
	for text, want := range map[string]string{
		`{"args": []}`: "c.json:1:1: a case file is a JSON array",
		"[\n  {\"args\": [1]},\n  {\"arg\": [1]}\n]": "c.json:3:3: case 2: unknown field \"arg\"",
		`[{"args": 1}]`:                         "c.json:1:2: case 1: args must be a list",
		`[{"name": "x"}]`:                       "case 1: args must be a list",
		"[{\"args\": [1]},\n {\"args\": [1,}]":  "c.json:2:14: invalid character '}'",
		`[{"args": [1]}] [`:                     "text after the array of cases",
		`[]`:                                    "the file has no case",
		`[{"args": [1]}`:                        "the JSON ends too early",
		`[{"args": [1], "want": 1, "name": 2}]`: "cannot unmarshal number",
	} {
		if _, err := parseCaseFile("c.json", []byte(text)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", text, err, want)
		}
	}
}

func TestParseHarnessLine(t *testing.T) {
	str := func(s string) *string { return &s }
	cases := []struct {
		line         string
		id           int
		ready        bool
		stray, issue string
		err          *string
	}{
		{`{"id": 1, "result": [0, 1], "ns": 1520}`, 1, false, "", "", nil},
		{`{"id": 2, "error": "not implemented", "milestone": "solve"}`, 2, false, "", "", str("not implemented")},
		{`{"ready": true}`, 0, true, "", "", nil},
		{`debug: x = 3{"id": 3, "result": null}`, 3, false, "debug: x = 3", "", nil},
		{`{"x": 1} {"id": 4, "result": 1}`, 4, false, `{"x": 1}`, "", nil},
		{`hello`, 0, false, "hello", "", nil},
		{`{"x": 1}`, 0, false, `{"x": 1}`, "", nil},
		{`{"id": 5, "result": NaN}`, 0, false, "", "an answer is not valid JSON", nil},
		{`{"id": 6}`, 0, false, "", "has neither a result nor an error", nil},
		{`{"id": "7", "result": 1}`, 0, false, "", "(its id is JSON string, where the protocol has a whole number)", nil},
		{`{"id": 1.5, "result": 1}`, 0, false, "", "its id is JSON number 1.5,", nil},
		{`{"id": null, "result": 1}`, 0, false, "", "its id is null", nil},
		{`{"id": 8, "ready": "yes"}`, 0, false, "", "(its ready is JSON string, where the protocol has true or false)", nil},
	}
	for _, c := range cases {
		a, ready, stray, problem := parseHarnessLine([]byte(c.line))
		if ready != c.ready || stray != c.stray || !strings.Contains(problem, c.issue) || (c.issue == "") != (problem == "") {
			t.Errorf("%s: ready %v stray %q problem %q", c.line, ready, stray, problem)
		}
		if (a != nil) != (c.id > 0) || a != nil && (a.ID != c.id || (a.Error == nil) != (c.err == nil)) {
			t.Errorf("%s: answer %+v", c.line, a)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	cases := map[string]struct {
		stderr string
		want   []string
	}{
		"go": {"# kata\n./main.go:4:2: undefined: x\n./main.go:5:2: declared and not used: y\n", []string{"# kata", "./main.go:4:2: undefined: x", "./main.go:5:2: declared and not used: y"}},
		"python": {"  File \"/w/main.py\", line 2\n    def solve(*args:\n                   ^\nSyntaxError: '(' was never closed\n",
			[]string{`  File "/w/main.py", line 2`, "    def solve(*args:", "                   ^", "SyntaxError: '(' was never closed"}},
		"node": {"/w/main.js:3\n  return [;\n          ^\n\nSyntaxError: Unexpected token ';'\n    at internalCompileFunction (node:internal/vm:76:18)\n",
			[]string{"/w/main.js:3", "  return [;", "          ^", "", "SyntaxError: Unexpected token ';'"}},
		"typescript":                     {"main.ts(3,5): error TS2322: Type 'string' is not assignable to type 'number'.\n", []string{"main.ts(3,5): error TS2322: Type 'string' is not assignable to type 'number'."}},
		"a crash is not a compile error": {"Traceback (most recent call last):\n  File \"main.py\", line 9, in <module>\nZeroDivisionError: division by zero\n", nil},
		"many errors are trimmed":        {strings.Repeat("./a.go:1:1: bad\n", 14), append(slices.Repeat([]string{"./a.go:1:1: bad"}, 10), "… (4 more lines)")},
	}
	for name, c := range cases {
		if got := compileErrors(c.stderr); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q\nwant %q", name, got, c.want)
		}
	}
}

func FuzzCaseFile(f *testing.F) {
	f.Add([]byte(`[{"name": "a", "args": [[1, 2], 3], "want": [0]}]`))
	f.Add([]byte(`[{"args": []}, {"args": [null], "want": null}]`))
	f.Add([]byte("[\n{\"arg\": 1}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cases, err := parseCaseFile("f.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.json:") {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		for _, c := range cases {
			var args []any
			if json.Unmarshal(c.args, &args) != nil || c.want != nil && !json.Valid(c.want) {
				t.Fatalf("accepted a case that is not JSON: %s / %s", c.args, c.want)
			}
		}
	})
}

func FuzzHarnessLine(f *testing.F) {
	f.Add([]byte(`{"id": 1, "result": [0, 1], "ns": 1520}`))
	f.Add([]byte(`x{"id": 2, "error": "not implemented", "milestone": "solve"}`))
	f.Add([]byte(`{"ready": true}`))
	f.Add([]byte(`{"id": 5, "result": NaN}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		a, ready, _, problem := parseHarnessLine(line)
		if a != nil && (ready || problem != "" || a.Result == nil && a.Error == nil || a.Result != nil && !json.Valid(a.Result)) {
			t.Fatalf("answer %+v with ready %v, problem %q", a, ready, problem)
		}
	})
}
