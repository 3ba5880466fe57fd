package classroom

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// checkOneLearner checks a single learner's hello project made of files.
func checkOneLearner(t *testing.T, files map[string]string, tweak func(*CheckOptions)) *Result {
	t.Helper()
	dir := t.TempDir()
	url := learnerRepo(t, filepath.Join(dir, "repo"), files)
	roster := fmt.Sprintf("format: 1\ncurriculum: ./course\nlearners:\n  - id: kim\n    name: Kim\n    projects:\n      - {project: hello, stack: go, git: %q}\n", url)
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
