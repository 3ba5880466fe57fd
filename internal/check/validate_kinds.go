package check

import (
	"slices"
	"strings"
	"time"
)

// The validation of the exercise kinds: sql, git, judge.

var sqlDialects = []string{"", "any", "sqlite", "postgres"}

func (d *decoder) validateSQL(q *SQLStep) {
	if q.File == "" {
		d.errorAt(q.Pos, "sql: file is required: the learner's .sql file in the workspace, such as query.sql")
	} else if !relativePath(q.File) {
		d.errorAt(q.Pos, "sql: file %q must be a relative path inside the workspace, with / between folders", q.File)
	}
	if q.Fixture != "" && !relativePath(q.Fixture) {
		d.errorAt(q.Pos, "sql: fixture %q must be a relative path inside the exercise's folder, such as fixtures/shop.sql", q.Fixture)
	}
	if !slices.Contains(sqlDialects, q.Dialect) {
		d.errorAt(q.Pos, "sql: dialect %q is not one of any, sqlite, postgres", q.Dialect)
	}
	if time.Duration(q.Timeout) > MaxSQL {
		d.errorAt(q.Pos, "sql: timeout must be at most %s", MaxSQL)
	}
	e := &q.Expect
	if !e.Rows.Set {
		d.errorAt(e.Pos, "sql: expect.rows is required: a list of rows, or reference")
	}
	if !e.Rows.Reference && e.Rows.Set && len(e.Columns) == 0 {
		d.errorAt(e.Pos, "sql: expect.columns is required with literal rows, such as [name, orders]")
	}
	seen := map[string]bool{}
	for _, c := range e.Columns {
		if strings.TrimSpace(c) == "" {
			d.errorAt(e.Pos, "sql: a column name cannot be empty")
		} else if seen[strings.ToLower(c)] {
			d.errorAt(e.Pos, "sql: column %q is listed twice", c)
		}
		seen[strings.ToLower(c)] = true
	}
	for i, row := range e.Rows.Rows {
		if len(e.Columns) > 0 && len(row) != len(e.Columns) {
			d.errorAt(e.Pos, "sql: row %d has %d values for %d columns", i+1, len(row), len(e.Columns))
		}
	}
	if len(e.Rows.Rows) > maxSQLRows {
		d.errorAt(e.Pos, "sql: at most %d expected rows", maxSQLRows)
	}
}
