package scaffold

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
)

// tidyGo removes the imports that only the stripped code used and gofmt's
// the result, so that a starter compiles. orig is the reference the output
// came from: an import whose guessed name the reference does not use either
// is kept, because then the guess is wrong (the reference compiles), not the
// import unused.
func tidyGo(path string, orig, out []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, out, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("%s: the stripped file is not valid Go (does every solution block end where a statement ends?): %w", path, err)
	}
	origFile, err := parser.ParseFile(token.NewFileSet(), path, orig, 0)
	if err != nil {
		origFile = nil // not Go: no second opinion on the guessed names
	}

	type span struct{ from, to int }
	var cut []span
	tf := fset.File(f.Pos())
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		var unused []*ast.ImportSpec
		for _, s := range gd.Specs {
			is := s.(*ast.ImportSpec)
			if !importUsed(f, origFile, is) {
				unused = append(unused, is)
			}
		}
		switch {
		case len(unused) == 0:
		case len(unused) == len(gd.Specs):
			from := gd.Pos()
			if gd.Doc != nil {
				from = gd.Doc.Pos()
			}
			cut = append(cut, span{lineStart(out, tf.Offset(from)), lineEnd(out, tf.Offset(gd.End()))})
		default:
			for _, is := range unused {
				from, to := is.Pos(), is.End()
				if is.Doc != nil {
					from = is.Doc.Pos()
				}
				if is.Comment != nil {
					to = is.Comment.End()
				}
				cut = append(cut, span{lineStart(out, tf.Offset(from)), lineEnd(out, tf.Offset(to))})
			}
		}
	}
	src := out
	if len(cut) > 0 {
		slices.SortFunc(cut, func(a, b span) int { return a.from - b.from })
		var b []byte
		last := 0
		for _, c := range cut {
			if c.from < last {
				continue
			}
			b = append(b, out[last:c.from]...)
			last = c.to
		}
		src = append(b, out[last:]...)
	}
	formatted, err := format.Source(src)
	if err != nil {
		return nil, fmt.Errorf("%s: formatting the stripped file: %w", path, err)
	}
	return formatted, nil
}

// importUsed reports whether the import is needed by f. Blank and dot
// imports always are.
func importUsed(f, orig *ast.File, is *ast.ImportSpec) bool {
	p, err := strconv.Unquote(is.Path.Value)
	if err != nil {
		return true
	}
	name := importName(p)
	if is.Name != nil {
		name = is.Name.Name
	}
	if name == "_" || name == "." {
		return true
	}
	if usesPackage(f, name) {
		return true
	}
	// The reference compiles, so if it does not use the name either, the
	// name is a wrong guess: keep the import rather than break the build.
	return orig != nil && !usesPackage(orig, name)
}

// usesPackage reports whether f has a selector name.X where name resolves to
// nothing in the file (so to an import).
func usesPackage(f *ast.File, name string) bool {
	used := false
	ast.Inspect(f, func(n ast.Node) bool {
		if used {
			return false
		}
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == name && id.Obj == nil {
				used = true
			}
		}
		return !used
	})
	return used
}

var (
	majorVersion = lazyregexp.New(`^v[0-9]+$`)
	dotVersion   = lazyregexp.New(`\.v[0-9]+$`)
)

// importName guesses the package name of an import path the way goimports
// does without loading it: the last element, skipping a /vN major version,
// without a .vN suffix or a go- prefix, hyphens removed.
func importName(importPath string) string {
	elems := strings.Split(importPath, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && majorVersion.MatchString(name) {
		name = elems[len(elems)-2]
	}
	name = dotVersion.ReplaceAllString(name, "")
	name = strings.TrimPrefix(name, "go-")
	return strings.ReplaceAll(name, "-", "")
}

func lineStart(b []byte, off int) int {
	for off > 0 && b[off-1] != '\n' {
		off--
	}
	return off
}

func lineEnd(b []byte, off int) int {
	for off < len(b) && b[off] != '\n' {
		off++
	}
	if off < len(b) {
		off++
	}
	return off
}
