package scaffold

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var testMilestones = []string{"boot", "auth", "tasks"}

func known(m string) bool { return slices.Contains(testMilestones, m) }

func keepNone(string) bool { return false }
func keepAll(string) bool  { return true }
func keepThrough(last string) func(string) bool {
	return func(m string) bool { return slices.Index(testMilestones, m) <= slices.Index(testMilestones, last) }
}

func TestStripOutput(t *testing.T) {
	tests := []struct {
		name, path, src string
		keep            func(string) bool
		want            string
	}{
		{
			name: "no markers is byte for byte",
			path: "a.go", keep: keepNone,
			src:  "package a\n\nimport   \"fmt\"\n",
			want: "package a\n\nimport   \"fmt\"\n",
		},
		{
			name: "yaml block with stub",
			path: "config.yaml", keep: keepNone,
			src: `a: 1
# waymark:begin solution auth
secret: real-secret-value
# waymark:stub
# secret: changeme
# waymark:end
b: 2
`,
			want: "a: 1\nsecret: changeme\nb: 2\n",
		},
		{
			name: "solution keeps the block, drops markers and stub",
			path: "config.yaml", keep: keepAll,
			src:  "a: 1\n  # waymark:begin solution auth\nsecret: real-secret-value\n# waymark:stub\n# secret: changeme\n# waymark:end\n",
			want: "a: 1\nsecret: real-secret-value\n",
		},
		{
			name: "empty stub removes",
			path: "schema.sql", keep: keepNone,
			src:  "CREATE TABLE a (id int);\n-- waymark:begin solution tasks\nCREATE TABLE tasks (id int);\n-- waymark:stub\n-- waymark:end\n",
			want: "CREATE TABLE a (id int);\n",
		},
		{
			name: "default stub outside Go is a comment",
			path: "Makefile", keep: keepNone,
			src:  "run:\n\t# waymark:begin solution boot\n\tgo run ./cmd/server\n\t# waymark:end\n",
			want: "run:\n\t# TODO(boot): not implemented yet\n",
		},
		{
			name: "default stub in markdown",
			path: "README.md.tmpl", keep: keepNone,
			src:  "# x\n<!-- waymark:begin solution auth -->\nTokens are rotated on every refresh.\n<!-- waymark:end -->\n",
			want: "# x\n<!-- TODO(auth): not implemented yet -->\n",
		},
		{
			name: "html stub is uncommented",
			path: "index.html", keep: keepNone,
			src:  "<p>\n<!-- waymark:begin solution auth -->\n<form>login</form>\n<!-- waymark:stub -->\n<!-- <p>TODO</p> -->\n<!-- waymark:end -->\n",
			want: "<p>\n<p>TODO</p>\n",
		},
		{
			name: "through keeps earlier milestones",
			path: "x.sh", keep: keepThrough("auth"),
			src:  "#!/bin/sh\n# waymark:begin solution boot\necho booting the server now\n# waymark:end\n# waymark:begin solution auth\necho authenticating users\n# waymark:end\n# waymark:begin solution tasks\necho managing every task\n# waymark:end\n",
			want: "#!/bin/sh\necho booting the server now\necho authenticating users\n# TODO(tasks): not implemented yet\n",
		},
		{
			name: "crlf line endings survive",
			path: "a.yaml", keep: keepNone,
			src:  "a: 1\r\n# waymark:begin solution auth\r\nb: secret-value-here\r\n# waymark:end\r\nc: 3\r\n",
			want: "a: 1\r\n# TODO(auth): not implemented yet\r\nc: 3\r\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Strip(tt.path, []byte(tt.src), tt.keep, known)
			if err != nil {
				t.Fatalf("Strip: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("got:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}
}

func TestStripGo(t *testing.T) {
	src := `package api

import (
	"encoding/json"
	"errors"
	"net/http"

	"golang.org/x/crypto/bcrypt"
	yaml "gopkg.in/yaml.v3"
	_ "modernc.org/sqlite"
)

var _ = yaml.Marshal

func login(w http.ResponseWriter, r *http.Request) error {
	// waymark:begin solution auth
	var in struct{ Password string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return errors.New("bad request body")
	}
	_, err := bcrypt.GenerateFromPassword([]byte(in.Password), 12)
	return err
	// waymark:stub
	// w.WriteHeader(http.StatusNotImplemented)
	// return nil
	// waymark:end
}

func logout(w http.ResponseWriter) {
	// waymark:begin solution auth
	w.Header().Set("Clear-Site-Data", "\"cookies\"")
	// waymark:end
}

// waymark:begin solution tasks
func listTasks() []string { return []string{"first task"} }

// waymark:end
`
	want := `package api

import (
	"net/http"

	yaml "gopkg.in/yaml.v3"
	_ "modernc.org/sqlite"
)

var _ = yaml.Marshal

func login(w http.ResponseWriter, r *http.Request) error {
	w.WriteHeader(http.StatusNotImplemented)
	return nil
}

func logout(w http.ResponseWriter) {
	panic("TODO(auth): not implemented yet")
}

// TODO(tasks): not implemented yet
`
	got, err := Strip("internal/api/auth.go", []byte(src), keepNone, known)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("starter:\n%s\nwant:\n%s", got, want)
	}

	sol, err := Strip("internal/api/auth.go", []byte(src), keepAll, known)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(sol), "waymark:") || !strings.Contains(string(sol), `"golang.org/x/crypto/bcrypt"`) {
		t.Errorf("solution lost code or kept markers:\n%s", sol)
	}
}

func TestStripPython(t *testing.T) {
	src := `import bcrypt


def login(password: str) -> str:
    # waymark:begin solution auth
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()
    # waymark:end


def logout() -> None:
    # waymark:begin solution auth
    forget_the_session_everywhere()
    # waymark:stub
    # pass
    # waymark:end


# waymark:begin solution tasks
def list_tasks() -> list[str]:
    return ["first task"]
# waymark:end
`
	want := `import bcrypt


def login(password: str) -> str:
    raise NotImplementedError("TODO(auth): not implemented yet")


def logout() -> None:
    pass


# TODO(tasks): not implemented yet
`
	for _, name := range []string{"src/app/auth.py", "src/app/auth.py.tmpl"} {
		got, err := Strip(name, []byte(src), keepNone, known)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s starter:\n%s\nwant:\n%s", name, got, want)
		}
	}
}

// TestStripGoCompiles type-checks a stripped package in a module of its own:
// the import pruning must leave a starter that builds.
func TestStripGoCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go toolchain")
	}
	src := `package main

import (
	"fmt"
	"os"
	"strings"
	str "strconv"
	mathrand "math/rand/v2"
)

func main() {
	// waymark:begin solution auth
	n, _ := str.Atoi(strings.TrimSpace(os.Args[1]))
	fmt.Println(n, mathrand.IntN(3))
	// waymark:stub
	// fmt.Println("not implemented")
	// waymark:end
}

func helper() {
	// waymark:begin solution tasks
	os.Exit(strings.Count("abc", "b"))
	// waymark:end
}
`
	for _, keep := range []func(string) bool{keepNone, keepThrough("auth"), keepAll} {
		out, err := Strip("main.go", []byte(src), keep, known)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		must(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/x\n\ngo 1.22\n"), 0o644))
		must(t, os.WriteFile(filepath.Join(dir, "main.go"), out, 0o644))
		cmd := exec.Command(goBin, "vet", ".")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go vet of stripped file failed: %v\n%s\n--- file:\n%s", err, b, out)
		}
	}
}

func TestStripErrors(t *testing.T) {
	tests := []struct {
		name, path, src, want string
	}{
		{"end without begin", "a.go", "package a\n// waymark:end\n", "a.go:2: waymark:end without a waymark:begin"},
		{"stub outside", "a.go", "package a\n\n// waymark:stub\n", "a.go:3: waymark:stub outside a solution block"},
		{"never closed", "a.yaml", "a: 1\n# waymark:begin solution auth\nb: 2\n", "a.yaml:2: waymark:begin is never closed"},
		{"nested", "a.yaml", "# waymark:begin solution auth\n# waymark:begin solution tasks\n# waymark:end\n# waymark:end\n", "a.yaml:2: waymark:begin inside the block opened at line 1"},
		{"unknown marker", "a.sql", "-- waymark:begin solution auth\n-- waymark:stop\n", `a.sql:2: unknown marker "waymark:stop"`},
		{"unknown milestone", "a.go", "package a\n// waymark:begin solution payments\n// waymark:end\n", `a.go:2: unknown milestone "payments"`},
		{"malformed begin", "a.go", "package a\n// waymark:begin auth\n// waymark:end\n", `a.go:2: malformed marker`},
		{"two stubs", "a.go", "// waymark:begin solution auth\n// waymark:stub\n// waymark:stub\n// waymark:end\n", "a.go:3: second waymark:stub"},
		{"not alone on line", "a.go", "package a\nvar x = 1 // waymark:begin solution auth\n", "a.go:2: a waymark marker must be a comment alone on its line"},
		{"stub not a comment", "a.yaml", "# waymark:begin solution auth\na: 1\n# waymark:stub\nb: 2\n# waymark:end\n", "a.yaml:4: stub line is not a # comment"},
		{"no comment syntax", "data.json", "{\"a\": \"waymark:begin solution auth\"}\n", "data.json:1: solution markers are not supported"},
		{"stripped go does not parse", "a.go", "package a\nvar x = (1 +\n// waymark:begin solution auth\n2)\n// waymark:end\n", "a.go: the stripped file is not valid Go"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Strip(tt.path, []byte(tt.src), keepNone, known)
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %q\nwant prefix %q", err, tt.want)
			}
		})
	}
}

func TestStripMarkerErrorType(t *testing.T) {
	_, err := Strip("x/a.go", []byte("// waymark:end\n"), keepNone, known)
	var me *MarkerError
	if !errors.As(err, &me) || me.Path != "x/a.go" || me.Line != 1 {
		t.Fatalf("got %#v", err)
	}
}

func TestLeakCheck(t *testing.T) {
	// The stub re-states a solution line on purpose: lines the output gets
	// from elsewhere are not leaks.
	src := "# waymark:begin solution auth\nexport TOKEN_SECRET=abcdef123456\n# waymark:stub\n# export TOKEN_SECRET=abcdef123456\n# waymark:end\n"
	if _, err := Strip("a.sh", []byte(src), keepNone, known); err != nil {
		t.Fatalf("restated line flagged: %v", err)
	}
	// A leak the stripper cannot produce by itself is still caught by
	// checkLeaks, which guards the Go post-processing.
	r, err := stripMarkers("a.sh", []byte("# waymark:begin solution auth\nexport TOKEN_SECRET=abcdef123456\n# waymark:end\n"), keepNone, known)
	if err != nil {
		t.Fatal(err)
	}
	err = r.checkLeaks("a.sh", []byte("# TODO\n  export TOKEN_SECRET=abcdef123456\n"))
	if err == nil || !strings.Contains(err.Error(), "a.sh:2: solution line leaked") {
		t.Fatalf("leak not reported: %v", err)
	}
	// Short lines are not distinctive.
	r, _ = stripMarkers("a.sh", []byte("# waymark:begin solution auth\nexit 1\n# waymark:end\n"), keepNone, known)
	if err := r.checkLeaks("a.sh", []byte("exit 1\n")); err != nil {
		t.Fatalf("short line flagged: %v", err)
	}
}

func TestImportName(t *testing.T) {
	for path, want := range map[string]string{
		"fmt":                            "fmt",
		"net/http":                       "http",
		"github.com/jackc/pgx/v5":        "pgx",
		"github.com/jackc/pgx/v5/stdlib": "stdlib",
		"gopkg.in/yaml.v3":               "yaml",
		"github.com/mattn/go-isatty":     "isatty",
		"github.com/golang-jwt/jwt/v5":   "jwt",
		"github.com/go-git/go-git/v5":    "git",
		"example.com/some-thing":         "something",
		"math/rand/v2":                   "rand",
	} {
		if got := importName(path); got != want {
			t.Errorf("importName(%q) = %q, want %q", path, got, want)
		}
	}
}

func FuzzStrip(f *testing.F) {
	f.Add("a.go", "package a\n\nimport \"fmt\"\n\nfunc f() {\n\t// waymark:begin solution auth\n\tfmt.Println(1)\n\t// waymark:end\n}\n")
	f.Add("a.yaml", "# waymark:begin solution auth\na: 1\n# waymark:stub\n# a: 0\n# waymark:end\n")
	f.Add("a.md", "<!-- waymark:begin solution tasks -->\nx\n<!-- waymark:end -->\n")
	f.Add("a.sql", "-- waymark:begin solution nope\n-- waymark:end\n")
	f.Add("Makefile", "# waymark:end\n")
	f.Fuzz(func(t *testing.T, path, src string) {
		for _, keep := range []func(string) bool{keepNone, keepAll, keepThrough("auth")} {
			out, err := Strip(path, []byte(src), keep, known)
			if err != nil {
				continue
			}
			if _, ok := commentFor(path); ok && strings.Contains(src, "waymark:") {
				// Whatever survives, no marker line may remain.
				style, _ := commentFor(path)
				for _, l := range strings.Split(string(out), "\n") {
					if _, _, isMarker := parseMarker(style, l); isMarker && markerWord.MatchString(l) {
						t.Fatalf("marker survived in %q:\n%s", path, out)
					}
				}
			}
		}
	})
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
