package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPreflight(t *testing.T) {
	write := func(dir, name string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	node := t.TempDir()
	write(node, "package.json")
	if se := Preflight(node); se == nil || !strings.Contains(se.Reason, "run `npm install`") {
		t.Errorf("node without node_modules: %v", se)
	}
	write(node, "node_modules/.package-lock.json")
	if se := Preflight(node); se != nil {
		t.Errorf("node with its packages: %v", se)
	}
	py := t.TempDir()
	write(py, "pyproject.toml")
	if se := Preflight(py); se == nil || !strings.Contains(se.Reason, "run `make install`") {
		t.Errorf("python without .venv: %v", se)
	}
	if se := Preflight(t.TempDir()); se != nil {
		t.Errorf("a Go project: %v", se)
	}
}

func TestMissingModule(t *testing.T) {
	for _, log := range [][]string{
		{"node:internal/modules/esm/resolve:873", "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'express'"},
		{"Traceback (most recent call last):", "ModuleNotFoundError: No module named 'flask'"},
	} {
		if missingModule(log) == "" {
			t.Errorf("not recognised: %q", log)
		}
	}
	if got := missingModule([]string{"listening on 8080"}); got != "" {
		t.Errorf("a healthy log diagnosed: %q", got)
	}
}
