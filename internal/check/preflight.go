package check

import (
	"os"
	"path/filepath"
	"strings"
)

// Preflight finds what keeps a project from starting before it is started:
// a Node project whose packages are not installed, a Python project without
// its virtual environment. Each is a StartError that says what to run,
// instead of the stack trace the server would print.
func Preflight(dir string) *StartError {
	has := func(name string) bool {
		_, err := os.Stat(filepath.Join(dir, name))
		return err == nil
	}
	switch {
	case has("package.json") && !has("node_modules"):
		return &StartError{Reason: "your dependencies are not installed: run `npm install` (or `make install`) in " + dir + ", then check again"}
	case has("pyproject.toml") && !has(".venv"):
		return &StartError{Reason: "your virtual environment is missing: run `make install` in " + dir + " (it creates .venv and installs the project), then check again"}
	}
	return nil
}

// missingModule recognises a server log that says a package is missing,
// as after an interrupted or partial install.
func missingModule(log []string) string {
	for _, l := range log {
		switch {
		case strings.Contains(l, "ERR_MODULE_NOT_FOUND"), strings.Contains(l, "Cannot find module"), strings.Contains(l, "Cannot find package"):
			return "a package your server imports is not installed: run `npm install` (or `make install`), then check again"
		case strings.Contains(l, "ModuleNotFoundError"):
			return "a package your server imports is not installed in .venv: run `make install`, then check again"
		}
	}
	return ""
}
