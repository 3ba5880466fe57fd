package projects

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/templates"
)

// schemaRuns names, for each REST project, its OpenAPI document (in
// templates.FS: one document for every stack, which not every stack
// serves), and how a test gets a token to send with every request (so that
// the protected operations are exercised too).
var schemaRuns = map[string]struct {
	document string
	register func(base string) (string, error)
}{
	"blog": {"blog/go/internal/api/openapi.yaml", func(base string) (string, error) {
		return registerFor(base, "/api/users", `{"user":{"username":"schema","email":"schema@example.com","password":"correct-horse-42"}}`, "Token", "user", "token")
	}},
	"tasks": {"tasks/go/internal/api/openapi.yaml", func(base string) (string, error) {
		return registerFor(base, "/api/auth/register", `{"email":"schema@example.com","password":"correct-horse-42"}`, "Bearer", "access_token")
	}},
	"ecommerce": {"ecommerce/go/internal/api/openapi.json", func(base string) (string, error) {
		return registerFor(base, "/api/auth/register", `{"email":"schema@example.com","password":"correct-horse-42"}`, "Bearer", "access_token")
	}},
}

// Schemathesis's bounds: a fixed seed and few examples per operation, so a
// run is repeatable and short.
const (
	schemaSeed        = "20261201"
	schemaMaxExamples = "12"
)

// TestSchemathesis runs schemathesis (TEST_SCHEMATHESIS: its st program,
// which .ci/schemathesis installs; else st on PATH) against every REST
// project's solution in every stack, with the project's own OpenAPI
// document: no 5xx, and every answer's status, content type and body as
// the document says. Without schemathesis the test is skipped, under
// CI=true it fails.
func TestSchemathesis(t *testing.T) {
	if testing.Short() {
		t.Skip("installs and starts every REST project's solution in every stack")
	}
	ci := os.Getenv("CI") == "true"
	st := os.Getenv("TEST_SCHEMATHESIS")
	if st == "" {
		st, _ = exec.LookPath("st")
	}
	if st == "" {
		if ci {
			t.Fatal("CI=true but schemathesis is not installed: .ci/schemathesis did not run (TEST_SCHEMATHESIS)")
		}
		t.Skip("schemathesis is not installed (run .ci/schemathesis and set TEST_SCHEMATHESIS)")
	}
	projects, err := curriculum.LoadProjects(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	machineNode, _ := nodeRuntimes(t)
	for _, p := range projects {
		run, ok := schemaRuns[p.ID]
		if !ok {
			continue
		}
		stacks := make([]string, 0, len(p.Stacks))
		for s := range p.Stacks {
			stacks = append(stacks, s)
		}
		slices.Sort(stacks)
		for _, stack := range stacks {
			t.Run(p.ID+"/"+stack, func(t *testing.T) {
				dir := solutionFor(t, p, stack, ci, machineNode)
				base := startSolution(t, p, stack, dir)
				auth, err := run.register(base)
				if err != nil {
					t.Fatalf("a user for schemathesis: %v", err)
				}
				doc, err := templates.FS.ReadFile(run.document)
				if err != nil {
					t.Fatal(err)
				}
				document := filepath.Join(t.TempDir(), path.Base(run.document))
				if err := os.WriteFile(document, doc, 0o644); err != nil {
					t.Fatal(err)
				}
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
				defer cancel()
				cmd := exec.CommandContext(ctx, st, "run", document, "--url", base,
					"--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
					"--phases", "examples,coverage,fuzzing",
					"--max-examples", schemaMaxExamples, "--seed", schemaSeed,
					"--workers", "1", "--request-timeout", "10", "--no-shrink",
					"--header", "Authorization: "+auth, "--suppress-health-check", "all",
					"--output-truncate", "true")
				cmd.Dir = t.TempDir()
				cmd.Env = append(os.Environ(), "NO_COLOR=1", "SCHEMATHESIS_TELEMETRY=false")
				start := time.Now()
				out, err := cmd.CombinedOutput()
				t.Logf("schemathesis: %s", time.Since(start).Round(100*time.Millisecond))
				if err != nil {
					t.Errorf("schemathesis found problems (%v):\n%s", err, tail(string(out), 200))
				}
			})
		}
	}
}

// registerFor registers a user at path with body and returns the
// Authorization header value: scheme and the token found at keys.
func registerFor(base, path, body, scheme string, keys ...string) (string, error) {
	client := &http.Client{Timeout: 10 * time.Second}
	res, err := client.Post(base+path, "application/json", strings.NewReader(body))
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	var doc any
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil {
		return "", fmt.Errorf("%s: %d, %v", path, res.StatusCode, err)
	}
	v, ok := lookup(doc, strings.Join(keys, "."))
	token, isString := v.(string)
	if !ok || !isString {
		return "", fmt.Errorf("%s: %d, no token at %s", path, res.StatusCode, strings.Join(keys, "."))
	}
	return scheme + " " + token, nil
}

// tail is the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
