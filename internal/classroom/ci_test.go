package classroom

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func ciRoster(t *testing.T, n int) *Roster {
	t.Helper()
	var b strings.Builder
	b.WriteString("format: 1\ncurriculum: builtin\nlearners:\n")
	for i := range n {
		stack := "go"
		if i%2 == 1 {
			stack = "node"
		}
		fmt.Fprintf(&b, "  - {id: l%d, name: L%d, projects: [{project: tasks, stack: %s, git: 'https://example.com/l%d.git'}]}\n", i, i, stack, i)
	}
	r, err := ParseRoster("class.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestCIFilesParse: both CI files are YAML with one job per learner's
// project, each checking that learner's project only.
func TestCIFilesParse(t *testing.T) {
	r := ciRoster(t, 3)
	o := CIOptions{Roster: "course/class.yaml", Version: "v1.2.0", GoVersion: "1.26",
		InstallCurriculum: "waymark curriculum add 'https://example.com/c.git' --name c"}
	gh, err := GitHubWorkflow(r, o)
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Needs    string `yaml:"needs"`
			Strategy struct {
				FailFast bool                           `yaml:"fail-fast"`
				Matrix   map[string][]map[string]string `yaml:"matrix"`
			} `yaml:"strategy"`
			Steps []map[string]any `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(gh), &wf); err != nil {
		t.Fatalf("%v\n%s", err, gh)
	}
	check := wf.Jobs["check"]
	if inc := check.Strategy.Matrix["include"]; len(inc) != 3 || inc[1]["learner"] != "l1" || inc[1]["stack"] != "node" || check.Strategy.FailFast {
		t.Errorf("matrix: %+v", check.Strategy)
	}
	if wf.Jobs["report"].Needs != "check" {
		t.Errorf("report job: %+v", wf.Jobs["report"])
	}
	for _, want := range []string{"setup-node", "waymark@v1.2.0", "waymark curriculum add 'https://example.com/c.git'",
		`waymark class check 'course/class.yaml' --allow-exec --learner "${{ matrix.learner }}"`, "merge-multiple: true"} {
		if !strings.Contains(gh, want) {
			t.Errorf("the workflow lacks %q", want)
		}
	}

	gl, err := GitLabPipeline(r, o)
	if err != nil {
		t.Fatal(err)
	}
	type job struct {
		Stage    string `yaml:"stage"`
		Parallel struct {
			Matrix []map[string]string `yaml:"matrix"`
		} `yaml:"parallel"`
		Script []string `yaml:"script"`
	}
	var doc struct {
		Stages []string `yaml:"stages"`
		Check  job      `yaml:"check"`
		Report job      `yaml:"report"`
	}
	if err := yaml.Unmarshal([]byte(gl), &doc); err != nil {
		t.Fatalf("%v\n%s", err, gl)
	}
	if m := doc.Check.Parallel.Matrix; len(m) != 3 || m[2]["LEARNER"] != "l2" || m[2]["PROJECT"] != "tasks" {
		t.Errorf("parallel matrix: %+v", m)
	}
	if s := strings.Join(doc.Report.Script, "\n"); !strings.Contains(s, "--results results") {
		t.Errorf("report script: %q", s)
	}
}

func TestCITooManyJobs(t *testing.T) {
	r := ciRoster(t, MaxGitLabJobs+1)
	if _, err := GitLabPipeline(r, CIOptions{GoVersion: "1.26"}); err == nil || !strings.Contains(err.Error(), "split the roster") {
		t.Errorf("gitlab: %v", err)
	}
	if _, err := GitHubWorkflow(r, CIOptions{GoVersion: "1.26"}); err != nil {
		t.Errorf("github: %v", err)
	}
}
