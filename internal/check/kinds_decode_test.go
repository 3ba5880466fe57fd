package check

import (
	"strings"
	"testing"
)

// kindSuite wraps one step's YAML in a valid suite.
func kindSuite(step string) string {
	return "format: 1\nmilestone: solve\nsteps:\n  - name: x\n    " + step + "\n"
}

func TestDecodeSQL(t *testing.T) {
	s := mustDecode(t, kindSuite(`sql: {fixture: fixtures/shop.sql, file: query.sql, dialect: sqlite, timeout: 2s, expect: {columns: [name, orders], rows: [[ada, 3], [bob, null], ["7", 1.5]], ordered: true}}`))
	q := s.Steps[0].SQL
	if s.Steps[0].Kind() != "sql" || q.File != "query.sql" || q.Fixture != "fixtures/shop.sql" || !q.Expect.Ordered {
		t.Fatalf("decoded %+v", q)
	}
	if got := q.Expect.Rows.Rows; len(got) != 3 || got[0][1] != float64(3) || got[1][1] != nil || got[2][0] != "7" {
		t.Errorf("rows = %#v", got)
	}
	if r := mustDecode(t, kindSuite(`sql: {file: q.sql, expect: {rows: reference}}`)).Steps[0].SQL.Expect.Rows; !r.Reference || r.Rows != nil {
		t.Errorf("rows: reference = %+v", r)
	}
}

func TestDecodeGit(t *testing.T) {
	s := mustDecode(t, kindSuite(`git:
      repo: .
      expect:
        branches: [main, feature]
        head: main
        merged: [feature]
        merge_commit: true
        commits: ">=3"
        file: [ { path: notes.txt, ref: main, contains: "done", not_contains: "<<<<<<<" } ]
        ignored: [".env", "node_modules/x.js"]
        not_ignored: [main.go]
        clean: true
        no_conflicts: true
        tag: { name: v1.0.0, annotated: true, ref: main }`))
	g := s.Steps[0].Git
	if s.Steps[0].Kind() != "git" || g.Expect.Head != "main" || g.Expect.Commits.Min != 3 || g.Expect.Commits.Max != -1 ||
		!*g.Expect.MergeCommit || g.Expect.File[0].NotContains != "<<<<<<<" || !*g.Expect.Tag.Annotated || len(g.Expect.Ignored) != 2 {
		t.Fatalf("decoded %+v", g.Expect)
	}
}

func TestDecodeKindErrors(t *testing.T) {
	cases := []struct{ name, step, want string }{
		{"sql no file", `sql: {expect: {rows: reference}}`, "5:10: sql: file is required"},
		{"sql absolute file", `sql: {file: /etc/q.sql, expect: {rows: reference}}`, "must be a relative path inside the workspace"},
		{"sql escaping fixture", `sql: {file: q.sql, fixture: ../x.sql, expect: {rows: reference}}`, "fixture \"../x.sql\" must be a relative path"},
		{"sql dialect", `sql: {file: q.sql, dialect: mysql, expect: {rows: reference}}`, "dialect \"mysql\" is not one of"},
		{"sql timeout", `sql: {file: q.sql, timeout: 2m, expect: {rows: reference}}`, "timeout must be at most 1m0s"},
		{"sql no rows", `sql: {file: q.sql, expect: {columns: [a]}}`, "expect.rows is required"},
		{"sql rows word", `sql: {file: q.sql, expect: {rows: all}}`, "5:39: rows: expected a list of rows"},
		{"sql row not a list", `sql: {file: q.sql, expect: {columns: [a], rows: [a]}}`, "a row is a list of values"},
		{"sql nested value", `sql: {file: q.sql, expect: {columns: [a], rows: [[[1]]]}}`, "a row's values are text, numbers, booleans or null"},
		{"sql row length", `sql: {file: q.sql, expect: {columns: [a, b], rows: [[1]]}}`, "row 1 has 1 values for 2 columns"},
		{"sql no columns", `sql: {file: q.sql, expect: {rows: [[1]]}}`, "expect.columns is required with literal rows"},
		{"sql repeated column", `sql: {file: q.sql, expect: {columns: [a, A], rows: []}}`, "column \"A\" is listed twice"},
		{"sql unknown key", `sql: {file: q.sql, query: x, expect: {rows: reference}}`, "unknown key \"query\""},
		{"git no expectation", `git: {repo: ., expect: {}}`, "git: expect needs at least one of"},
		{"git outside", `git: {repo: .., expect: {clean: true}}`, "repo \"..\" must be a relative path"},
		{"git branch name", `git: {expect: {branches: ["a b"]}}`, "\"a b\" is not a branch name"},
		{"git empty merged", `git: {expect: {merged: [""]}}`, "\"\" is not a branch name"},
		{"git count", `git: {expect: {commits: many}}`, "expected a count"},
		{"git contradiction", `git: {expect: {merge_commit: true, linear: true}}`, "contradict each other"},
		{"git file no check", `git: {expect: {file: [{path: a.txt}]}}`, "needs contains, not_contains or exists"},
		{"git file path", `git: {expect: {file: [{path: /etc/passwd, exists: false}]}}`, "file path \"/etc/passwd\""},
		{"git absent file content", `git: {expect: {file: [{path: a, exists: false, contains: x}]}}`, "has no content to check"},
		{"git ignored path", `git: {expect: {ignored: [../x]}}`, "\"../x\" must be a relative path inside the repository"},
		{"git tag name", `git: {expect: {tag: {annotated: true}}}`, "tag needs a name"},
		{"git unknown", `git: {expect: {branch: main}}`, "unknown key \"branch\""},
		{"two kinds", "sql: {file: q.sql, expect: {rows: reference}}\n    exec: {command: ls}", "must have exactly one of http, ws, exec, parallel, sql, git"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode("t.yaml", []byte(kindSuite(c.step)))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v\nwant it to contain %q", err, c.want)
			}
		})
	}
}
