package templates

import (
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// waymark's own CI installs every Python template on a fresh runner: the
// setup-python step keeps pip's cache between runs, keyed on files that
// exist (a pattern that matches nothing fails the step), so a second run
// installs from the cache instead of downloading every package again.
func TestRootWorkflowKeepsPipCache(t *testing.T) {
	data, err := os.ReadFile("../.github/workflows/ci.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	found := false
	for job, j := range wf.Jobs {
		for _, s := range j.Steps {
			if !strings.HasPrefix(s.Uses, "actions/setup-python@") {
				continue
			}
			found = true
			if s.With["cache"] != "pip" {
				t.Errorf("job %s: setup-python has cache %q, want pip", job, s.With["cache"])
			}
			pattern := s.With["cache-dependency-path"]
			matches, err := fs.Glob(os.DirFS(".."), pattern)
			if err != nil || len(matches) == 0 {
				t.Errorf("job %s: cache-dependency-path %q matches no file (%v)", job, pattern, err)
			}
			for _, m := range matches {
				if path.Base(m) != "pyproject.toml" {
					t.Errorf("job %s: cache-dependency-path matches %s, not a pyproject.toml", job, m)
				}
			}
		}
	}
	if !found {
		t.Error("waymark's own CI has no setup-python step, yet test/projects installs the Python templates")
	}
}
