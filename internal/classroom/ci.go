package classroom

import (
	"fmt"
	"strconv"
	"strings"
)

// Limits of one matrix: GitHub Actions runs at most 256 jobs of a matrix,
// GitLab at most 200 of a parallel:matrix.
const (
	MaxGitHubJobs = 256
	MaxGitLabJobs = 200
)

// CIOptions shape the CI files `waymark class ci` writes.
type CIOptions struct {
	// Roster is the roster's path from the repository's root.
	Roster string
	// Version is the waymark version the jobs install ("latest" if empty).
	Version   string
	GoVersion string // e.g. "1.26"
	// InstallCurriculum is the shell command that installs the roster's
	// curriculum in a job; "" when the curriculum is built in or a folder
	// of the repository.
	InstallCurriculum string
}

// ciJob is one learner's project: one job of the matrix.
type ciJob struct{ Learner, Project, Stack string }

func ciJobs(r *Roster) (jobs []ciJob, node bool) {
	for _, m := range r.Learners {
		for _, p := range m.Projects {
			jobs = append(jobs, ciJob{m.ID, p.Project, p.Stack})
			node = node || p.Stack == "node"
		}
	}
	return jobs, node
}

func (o CIOptions) version() string {
	if o.Version == "" || o.Version == "dev" {
		return "latest"
	}
	return o.Version
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// GitHubWorkflow is a GitHub Actions workflow: a matrix with one job per
// learner's project, each running the class check for that learner and
// project and keeping its results document as an artifact, and a report
// job that merges the artifacts into the gradebook.
func GitHubWorkflow(r *Roster, o CIOptions) (string, error) {
	jobs, node := ciJobs(r)
	if len(jobs) > MaxGitHubJobs {
		return "", fmt.Errorf("%d learners' projects are more than a GitHub Actions matrix runs (%d): split the roster", len(jobs), MaxGitHubJobs)
	}
	roster := shellQuote(o.Roster)
	var b strings.Builder
	setup := func(indent string) {
		fmt.Fprintf(&b, "%s- uses: actions/checkout@v4\n%s  with:\n%s    persist-credentials: false   # the learners' code must not find a token\n", indent, indent, indent)
		fmt.Fprintf(&b, "%s- uses: actions/setup-go@v5\n%s  with:\n%s    go-version: %s\n", indent, indent, indent, strconv.Quote(o.GoVersion))
		if node {
			fmt.Fprintf(&b, "%s- uses: actions/setup-node@v4\n%s  with:\n%s    node-version: \"20\"\n", indent, indent, indent)
		}
		fmt.Fprintf(&b, "%s- name: Install waymark\n%s  run: go install github.com/waymark-dev/waymark/cmd/waymark@%s\n", indent, indent, o.version())
		if o.InstallCurriculum != "" {
			fmt.Fprintf(&b, "%s- name: Install the curriculum\n%s  run: |\n%s    %s\n", indent, indent, indent, o.InstallCurriculum)
		}
	}
	b.WriteString(`# The class check in CI, one job per learner's project. ` + "`waymark class ci`" + ` wrote this
# from the roster; write it again after changing the roster. The jobs run the
# learners' code (--allow-exec) on disposable runners that hold no secrets.
name: waymark class
on:
  workflow_dispatch:
  schedule:
    - cron: "0 6 * * *"
permissions:
  contents: read
jobs:
  check:
    name: check ${{ matrix.learner }}/${{ matrix.project }}
    runs-on: ubuntu-latest
    timeout-minutes: 20
    strategy:
      fail-fast: false
      matrix:
        include:
`)
	for _, j := range jobs {
		fmt.Fprintf(&b, "          - { learner: %s, project: %s, stack: %s }\n", j.Learner, j.Project, j.Stack)
	}
	b.WriteString("    steps:\n")
	setup("      ")
	fmt.Fprintf(&b, `      - name: Check
        run: |
          mkdir -p results
          waymark class check %s --allow-exec --learner "${{ matrix.learner }}" --project "${{ matrix.project }}" --json > "results/${{ matrix.learner }}--${{ matrix.project }}.json"
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: results-${{ matrix.learner }}-${{ matrix.project }}
          path: results/
  report:
    needs: check
    if: always()
    runs-on: ubuntu-latest
    steps:
`, roster)
	setup("      ")
	fmt.Fprintf(&b, `      - uses: actions/download-artifact@v4
        with:
          pattern: results-*
          path: results
          merge-multiple: true
      - name: Gradebook
        run: |
          waymark class report %[1]s --results results --format html --out report.html
          waymark class report %[1]s --results results --format md >> "$GITHUB_STEP_SUMMARY"
      - uses: actions/upload-artifact@v4
        with:
          name: class-report
          path: report.html
`, roster)
	return b.String(), nil
}

// GitLabPipeline is a GitLab CI pipeline: parallel:matrix jobs, one per
// learner's project, with their results documents as artifacts, and a
// report job that merges them.
func GitLabPipeline(r *Roster, o CIOptions) (string, error) {
	jobs, node := ciJobs(r)
	if len(jobs) > MaxGitLabJobs {
		return "", fmt.Errorf("%d learners' projects are more than a GitLab parallel:matrix runs (%d): split the roster", len(jobs), MaxGitLabJobs)
	}
	roster := shellQuote(o.Roster)
	var b strings.Builder
	fmt.Fprintf(&b, `# The class check in CI, one job per learner's project. `+"`waymark class ci`"+` wrote this
# from the roster; write it again after changing the roster. The jobs run the
# learners' code (--allow-exec) on disposable runners: give them no secrets.
stages: [check, report]

.waymark:
  image: golang:%s
  before_script:
`, o.GoVersion)
	if node {
		b.WriteString("    - apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null\n")
	}
	fmt.Fprintf(&b, "    - go install github.com/waymark-dev/waymark/cmd/waymark@%s\n", o.version())
	b.WriteString("    - export PATH=\"$(go env GOPATH)/bin:$PATH\"\n")
	if o.InstallCurriculum != "" {
		fmt.Fprintf(&b, "    - %s\n", strconv.Quote(o.InstallCurriculum))
	}
	b.WriteString(`
check:
  stage: check
  extends: .waymark
  timeout: 20m
  parallel:
    matrix:
`)
	for _, j := range jobs {
		fmt.Fprintf(&b, "      - { LEARNER: %s, PROJECT: %s }\n", j.Learner, j.Project)
	}
	fmt.Fprintf(&b, `  script:
    - mkdir -p results
    - waymark class check %[1]s --allow-exec --learner "$LEARNER" --project "$PROJECT" --json > "results/${LEARNER}--${PROJECT}.json"
  artifacts:
    when: always
    paths: [results/]

report:
  stage: report
  extends: .waymark
  when: always
  script:
    - waymark class report %[1]s --results results --format html --out report.html
    - waymark class report %[1]s --results results
  artifacts:
    paths: [report.html]
`, roster)
	return b.String(), nil
}
