package lazyregexp

import (
	"slices"
	"strings"
	"testing"
)

func TestCompiledOnFirstUse(t *testing.T) {
	r := &Regexp{str: `^(\w+)-(\d+)$`} // as New makes it outside a test binary
	if r.rx != nil {
		t.Fatal("compiled before use")
	}
	if !r.MatchString("step-12") || r.MatchString("step") {
		t.Error("MatchString")
	}
	if r.rx == nil {
		t.Fatal("not compiled by its first use")
	}
	if got := r.FindStringSubmatch("step-12"); !slices.Equal(got, []string{"step-12", "step", "12"}) {
		t.Errorf("FindStringSubmatch: %q", got)
	}
	if got := r.FindStringSubmatchIndex("a-1"); !slices.Equal(got, []int{0, 3, 0, 1, 2, 3}) {
		t.Errorf("FindStringSubmatchIndex: %v", got)
	}
	words := New(`(\w)(\w*)`)
	if got := words.FindAllStringSubmatch("ab c", -1); len(got) != 2 || got[1][1] != "c" {
		t.Errorf("FindAllStringSubmatch: %q", got)
	}
	if got := words.ReplaceAllString("ab cd", "$2$1"); got != "ba dc" {
		t.Errorf("ReplaceAllString: %q", got)
	}
	if got := words.ReplaceAllStringFunc("ab", strings.ToUpper); got != "AB" {
		t.Errorf("ReplaceAllStringFunc: %q", got)
	}
	if words.String() != `(\w)(\w*)` {
		t.Errorf("String: %q", words.String())
	}
}

func TestBadPatternPanicsInTests(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a bad pattern did not panic at New in a test binary")
		}
	}()
	New(`(`)
}
