package classroom

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// checkOneLearner checks a single learner's hello project made of files.
func checkOneLearner(t *testing.T, files map[string]string, tweak func(*CheckOptions), stack ...string) *Result {
	t.Helper()
	if len(stack) == 0 {
		stack = []string{"go"}
	}
	dir := t.TempDir()
	url := learnerRepo(t, filepath.Join(dir, "repo"), files)
	roster := fmt.Sprintf("format: 1\ncurriculum: ./course\nlearners:\n  - id: kim\n    name: Kim\n    projects:\n      - {project: hello, stack: %s, git: %q}\n", stack[0], url)
	writeFiles(t, dir, map[string]string{"class.yaml": roster})
	r, err := LoadRoster(filepath.Join(dir, "class.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	o := sixOptions(t, dir)
	tweak(&o)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rs, err := Check(ctx, r, o)
	if err != nil {
		t.Fatal(err)
	}
	return rs.Results[0]
}

// TestOutputCapped: a server that floods its output and dies keeps only
// the cap's worth, and says that it was cut.
func TestOutputCapped(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a server")
	}
	flood := `for i := 0; i < 200000; i++ {
		fmt.Println("spam spam spam spam spam spam spam spam spam spam spam spam spam spam")
	}
	os.Exit(1)`
	res := checkOneLearner(t, helloProject(flood, greetOK), func(o *CheckOptions) { o.OutputCap = 64 << 10 })
	log := strings.Join(res.Log, "\n")
	if res.Status != StatusNoStart || !strings.Contains(log, "output capped at 65536 bytes") {
		t.Fatalf("%s %q\nlog: %q", res.Status, res.Reason, res.Log)
	}
}

// TestMemoryLimit: a server that takes more memory than allowed dies, and
// the reason says so.
func TestMemoryLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a server")
	}
	hog := `big := make([]byte, 3<<30)
	for i := range big {
		big[i] = 1
	}`
	res := checkOneLearner(t, helloProject(hog, greetOK), func(o *CheckOptions) { o.Memory = 1 << 30 })
	if res.Status != StatusNoStart || !strings.Contains(res.Reason, "ran out of memory") {
		t.Fatalf("%s %q\nlog: %q", res.Status, res.Reason, res.Log)
	}
}

// TestScrubbedEnv: a learner's build and server see where the tools are,
// never the instructor's tokens, agents or home.
func TestScrubbedEnv(t *testing.T) {
	instructor := map[string]string{"PATH": "/usr/bin", "GOPROXY": "https://proxy.example.com", "HOME": "/home/teacher",
		"GITHUB_TOKEN": "ghp_x", "SSH_AUTH_SOCK": "/run/user/1000/agent.sock", "AWS_SECRET_ACCESS_KEY": "k", "DATABASE_URL": "postgres://prod"}
	w := &workDirs{Root: "/w", Home: "/w/home", Tmp: "/w/tmp"}
	env := scrubbedEnv(func(k string) (string, bool) { v, ok := instructor[k]; return v, ok }, w, "/c/build", "/c/mod")
	got := strings.Join(env, "\n")
	for _, want := range []string{"PATH=/usr/bin", "GOPROXY=https://proxy.example.com", "HOME=/w/home", "TMPDIR=/w/tmp",
		"GOCACHE=/c/build", "GOMODCACHE=/c/mod", "GOTOOLCHAIN=local"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s", want)
		}
	}
	for _, leak := range []string{"ghp_x", "/run/user/1000/agent.sock", "AWS_SECRET", "postgres://prod", "/home/teacher"} {
		if strings.Contains(got, leak) {
			t.Errorf("the learner's environment has %s:\n%s", leak, got)
		}
	}
}

// TestServerSeesNoSecrets: end to end, a server that looks for the
// instructor's token does not find it.
func TestServerSeesNoSecrets(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a server")
	}
	greet := `if os.Getenv("GITHUB_TOKEN") != "" || os.Getenv("WAYMARK_CLASS_SPEC") != "" {
			writeJSON(w, http.StatusOK, map[string]string{"message": "leaked"})
			return
		}
		` + greetOK
	res := checkOneLearner(t, helloProject("", greet), func(o *CheckOptions) {
		o.Getenv = func(k string) (string, bool) {
			if k == "GITHUB_TOKEN" {
				return "ghp_secret", true
			}
			return os.LookupEnv(k)
		}
	})
	if res.Status != StatusPassed {
		t.Fatalf("%s %q", res.Status, res.Reason)
	}
}
