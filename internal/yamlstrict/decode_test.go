package yamlstrict

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

type doc struct {
	Pos     Pos               `yaml:"-"`
	Name    string            `yaml:"name"`
	Count   int               `yaml:"count"`
	Ratio   float64           `yaml:"ratio"`
	On      bool              `yaml:"on"`
	At      time.Time         `yaml:"at"`
	Tags    []string          `yaml:"tags"`
	Items   map[string]*item  `yaml:"items"`
	Loose   map[string]string `yaml:"loose"`
	Old     []string          `yaml:"old,legacy"`
	Special upper             `yaml:"special"`
	Inline  `yaml:",inline"`
}

type Inline struct {
	Extra string `yaml:"extra"`
}

type item struct {
	Pos  Pos `yaml:"-"`
	Size int `yaml:"size"`
}

// upper decodes itself: a word, upper-cased.
type upper string

func (u *upper) UnmarshalStrict(d *Decoder, n *yaml.Node) {
	if n.Kind != yaml.ScalarNode {
		d.Errorf(n, "expected a word")
		return
	}
	*u = upper(strings.ToUpper(n.Value))
}

func decode(t *testing.T, src string, aliases bool) (*doc, Index, Errors) {
	t.Helper()
	root, errs := Parse("f.yaml", []byte(src))
	if errs != nil {
		return nil, nil, errs
	}
	d := &Decoder{File: "f.yaml", Aliases: aliases, Index: Index{}}
	var v doc
	d.Decode(root, &v)
	return &v, d.Index, d.Errors()
}

func TestDecodeFillsEveryKind(t *testing.T) {
	v, ix, errs := decode(t, `name: ada
count: 3
ratio: 0.5
on: true
at: 2026-11-24T10:00:00Z
tags: [a, b]
items:
  x: {size: 2}
loose: {k: v}
special: word
extra: inline
old: [kept]
`, false)
	if errs != nil {
		t.Fatal(errs)
	}
	want := &doc{Pos: Pos{"f.yaml", 1, 1}, Name: "ada", Count: 3, Ratio: 0.5, On: true,
		At: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC), Tags: []string{"a", "b"},
		Items: map[string]*item{"x": {Pos: Pos{"f.yaml", 8, 6}, Size: 2}}, Loose: map[string]string{"k": "v"},
		Old: []string{"kept"}, Special: "WORD", Inline: Inline{Extra: "inline"}}
	if !reflect.DeepEqual(v, want) {
		t.Fatalf("got %+v\nwant %+v", v, want)
	}
	if p := ix.At("items.x.size"); p.Line != 8 || p.Col != 13 {
		t.Errorf("index of items.x.size: %v", p)
	}
	if p := ix.At("tags[1]"); p.Line != 6 || p.Col != 11 {
		t.Errorf("index of tags[1]: %v", p)
	}
	if p := ix.At("items.x.missing"); p.Line != 8 {
		t.Errorf("a missing path falls back to its parent: %v", p)
	}
}

func TestDecodeReportsEveryProblemWhereItIs(t *testing.T) {
	_, _, errs := decode(t, `name: [not, a, string]
count: ninety
colour: red
items:
  x: {size: 1}
  x: {size: 2}
on: maybe
ratio: .nan
name: again
special: [a]
`, false)
	want := []string{
		`f.yaml:1:7: expected a string, got a list`,
		`f.yaml:2:8: expected a whole number, got "ninety"`,
		`f.yaml:3:1: unknown key "colour" (known keys: at, count, extra, items, loose, name, on, ratio, special, tags)`,
		`f.yaml:6:3: key "x" appears twice (first at line 5)`,
		`f.yaml:7:5: expected true or false, got "maybe"`,
		`f.yaml:8:8: expected a number, got ".nan"`,
		`f.yaml:9:1: key "name" appears twice (first at line 1)`,
		`f.yaml:10:10: expected a word`,
	}
	if len(errs) != len(want) {
		t.Fatalf("%d problems, want %d:\n%v", len(errs), len(want), errs)
	}
	for i, e := range errs {
		if e.Error() != want[i] {
			t.Errorf("problem %d:\n got %s\nwant %s", i, e, want[i])
		}
	}
}

func TestAliases(t *testing.T) {
	src := "tags: &t [a, b]\nloose: {k: v}\nold: *t\n"
	if _, _, errs := decode(t, src, false); len(errs) != 2 || !strings.Contains(errs[0].Msg, "anchors and aliases are not supported") {
		t.Errorf("without Aliases: %v", errs)
	}
	v, _, errs := decode(t, src, true)
	if errs != nil || !reflect.DeepEqual(v.Old, []string{"a", "b"}) {
		t.Errorf("with Aliases: %+v, %v", v, errs)
	}
}

// A billion-laughs document of aliases repeating aliases stops at the
// decoder's bound instead of exhausting memory.
func TestAliasExpansionIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("l0: &l0 [[], [], [], [], [], [], [], [], [], []]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("l")
		b.WriteString(string(rune('0' + i)))
		b.WriteString(": &l")
		b.WriteString(string(rune('0' + i)))
		b.WriteString(" [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*l")
			b.WriteString(string(rune('0' + i - 1)))
		}
		b.WriteString("]\n")
	}
	root, errs := Parse("bomb.yaml", []byte(b.String()))
	if errs != nil {
		t.Fatal(errs)
	}
	type nest []nest
	d := &Decoder{File: "bomb.yaml", Aliases: true}
	var v map[string]nest
	d.Decode(root, &v)
	if len(d.Errors()) != 1 || !strings.Contains(d.Errors()[0].Msg, "more than") {
		t.Fatalf("problems: %v", d.Errors())
	}
}

func TestParseProblems(t *testing.T) {
	for src, want := range map[string]string{
		"":                            "f.yaml:1:1: the file is empty",
		"# only a comment\n":          "f.yaml:1:1: the file is empty",
		"a: 1\n---\nb: 2\n":           "f.yaml:3:1: a second YAML document (after ---): keep one document per file",
		"a:\n\tb: 1\n":                "f.yaml:2: a tab in the indentation: YAML indents with spaces only",
		"a: [1, 2\n":                  "f.yaml:",
		"key: value\n  bad: indent\n": "f.yaml:2",
	} {
		_, errs := Parse("f.yaml", []byte(src))
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), want) {
			t.Errorf("%q: %v, want %q…", src, errs, want)
		}
	}
	if _, errs := Parse("f.yaml", nil); !Empty(errs) {
		t.Error("Empty does not recognise an empty file")
	}
}

func TestLongValuesAreCut(t *testing.T) {
	_, _, errs := decode(t, "count: "+strings.Repeat("x", 100)+"\n", false)
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, `"`+strings.Repeat("x", maxQuoted)+`…"`) {
		t.Errorf("%v", errs)
	}
}

func TestErrorsSortAndString(t *testing.T) {
	es := Errors{{Pos{"b", 1, 1}, "x"}, {Pos{"a", 2, 1}, "y"}, {Pos{"a", 1, 5}, "z"}}
	if err := es.Err(); err.Error() != "a:1:5: z\na:2:1: y\nb:1:1: x" {
		t.Errorf("sorted: %q", err)
	}
	if (Errors{}).Err() != nil {
		t.Error("no problem is not nil")
	}
	if e := (&Error{Pos{"f", 3, 0}, "m"}); e.String() != "f:3: m" {
		t.Errorf("String: %q", e.String())
	}
}
