package authoring

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/scaffold"
)

func TestInitValidates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "course")
	if _, err := Init(dir); err != nil {
		t.Fatal(err)
	}
	res, err := Validate(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 {
		t.Fatalf("problems:\n%v", res.Problems)
	}
	if len(res.Projects) != 1 || res.Curriculum.ID != "my-course" {
		t.Fatalf("projects = %d, id = %q", len(res.Projects), res.Curriculum.ID)
	}
	if _, err := Init(dir); err == nil {
		t.Error("Init into a non-empty folder succeeded")
	}
}

// TestInitRuns is the full run: the sample reference passes every
// milestone and the starter fails greet.
func TestInitRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs Go programs")
	}
	dir := filepath.Join(t.TempDir(), "course")
	if _, err := Init(dir); err != nil {
		t.Fatal(err)
	}
	res, err := Validate(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	p := res.Projects[0]
	ref := Run(context.Background(), res.Templates, p, "", "go", scaffold.Solution(), time.Minute)
	if !ref.Passed() {
		t.Fatalf("reference: err=%v report=%+v", ref.Err, ref.Report)
	}
	st := Run(context.Background(), res.Templates, p, "", "go", scaffold.Starter(), time.Minute)
	if st.Err != nil || st.Passed() {
		t.Fatalf("starter: err=%v passed=%v", st.Err, st.PassedIDs())
	}
	if got := st.PassedIDs(); len(got) != 1 || got[0] != "boot" {
		t.Errorf("starter passed %v, want [boot]", got)
	}
}

// TestValidateProjectProblems breaks the sample: an unbalanced marker, a
// milestone without checks, a milestone without a hint.
func TestValidateProjectProblems(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "course")
	if _, err := Init(dir); err != nil {
		t.Fatal(err)
	}
	edit := func(name, old, new string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), old) {
			t.Fatalf("%s has no %q", name, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("templates/hello/go/main.go", "\t// waymark:end\n", "")
	edit("templates/hello/project.yaml", "    hint: Answer GET /api/hello", "    summary_typo: x\n    hint: Answer GET /api/hello")
	if err := os.Remove(filepath.Join(dir, "templates/hello/checks/greet.yaml")); err != nil {
		t.Fatal(err)
	}
	res, err := Validate(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	got := res.Problems.Error()
	for _, want := range []string{"summary_typo"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	// Fix the manifest so the project loads, and look for the others.
	edit("templates/hello/project.yaml", "    summary_typo: x\n", "")
	res, _ = Validate(context.Background(), dir)
	got = res.Problems.Error()
	for _, want := range []string{`milestone "greet" has no checks`, "templates/hello/go/main.go:"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
}

// TestValidateRefusesEscapingLinks moves a lesson and a check file out of
// the curriculum folder and leaves links behind that reach them through a
// chain (l2 is the folder's parent, though each link stays inside as text):
// validation reports both links and reads neither file.
func TestValidateRefusesEscapingLinks(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "course")
	if _, err := Init(dir); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	must(os.Symlink("..", filepath.Join(dir, "sub", "up")))
	must(os.Symlink("sub/up", filepath.Join(dir, "l1")))
	must(os.Symlink("l1/..", filepath.Join(dir, "l2")))
	must(os.MkdirAll(filepath.Join(root, "outside"), 0o755))
	for name, via := range map[string]string{
		"lessons/http-messages.md":          "../l2/outside/http-messages.md",
		"templates/hello/checks/greet.yaml": "../../../l2/outside/greet.yaml",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		must(os.Rename(p, filepath.Join(root, "outside", filepath.Base(p))))
		must(os.Symlink(via, p))
	}

	res, err := Validate(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	got := res.Problems.Error()
	for _, want := range []string{
		"curriculum.yaml:",
		"lesson lessons/http-messages.md: lessons/http-messages.md is a symbolic link that leads outside the curriculum folder",
		"templates/hello/checks/greet.yaml is a symbolic link that leads outside the curriculum folder",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	if res.Curriculum != nil {
		if md, err := res.Curriculum.Lesson("http-messages"); md != "" || err == nil {
			t.Errorf("the lesson outside was read: %q", md)
		}
	}
}
