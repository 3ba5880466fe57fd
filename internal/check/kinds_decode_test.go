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
		{"two kinds", "sql: {file: q.sql, expect: {rows: reference}}\n    exec: {command: ls}", "must have exactly one of http, ws, exec, parallel, sql"},
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
