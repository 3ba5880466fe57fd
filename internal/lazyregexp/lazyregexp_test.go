package lazyregexp

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
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
	if got := words.FindString("  ab c"); got != "ab" {
		t.Errorf("FindString: %q", got)
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

// TestNoPackageLevelMustCompile: waymark's own code (not the templates'
// projects and exercises, which are the learner's) compiles no regular expression and
// parses no text or HTML template at package level, where every command
// would pay for it at start.
func TestNoPackageLevelMustCompile(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	checked := 0
	for _, dir := range []string{"cmd", "internal", "roadmap"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || path == filepath.Join(root, "roadmap", "exercises")) {
				return filepath.SkipDir // the learner's code, not waymark's
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			checked++
			for _, decl := range f.Decls {
				gd, ok := decl.(*ast.GenDecl)
				if !ok || gd.Tok != token.VAR {
					continue
				}
				ast.Inspect(gd, func(n ast.Node) bool {
					if _, ok := n.(*ast.FuncLit); ok {
						return false // runs when called, not at start
					}
					sel, ok := n.(*ast.SelectorExpr)
					if !ok {
						return true
					}
					switch x, _ := sel.X.(*ast.Ident); {
					case x == nil:
					case x.Name == "regexp" && sel.Sel.Name == "MustCompile":
						t.Errorf("%s: regexp.MustCompile at package level: use lazyregexp.New", fset.Position(sel.Pos()))
					case x.Name == "template" && sel.Sel.Name == "Must":
						t.Errorf("%s: a template parsed at package level: parse it on first use (sync.OnceValue)", fset.Position(sel.Pos()))
					}
					return true
				})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 50 {
		t.Fatalf("only %d files checked: the walk missed the code", checked)
	}
}
