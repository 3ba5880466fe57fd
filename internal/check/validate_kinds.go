package check

import (
	"slices"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
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

var refNameRE = lazyregexp.New(`^[^\s~^:?*\[\\]+$`)

func (d *decoder) validateGit(g *GitStep) {
	if g.Repo != "" && !relativePath(g.Repo) {
		d.errorAt(g.Pos, "git: repo %q must be a relative path inside the workspace (. for the workspace itself)", g.Repo)
	}
	e := &g.Expect
	set := e.Head != "" || len(e.Branches)+len(e.Merged)+len(e.File)+len(e.Ignored)+len(e.NotIgnored) > 0 ||
		e.MergeCommit != nil || e.Linear != nil || e.Commits != nil || e.Clean != nil || e.Tag != nil || e.NoConflicts
	if !set {
		d.errorAt(e.Pos, "git: expect needs at least one of head, branches, commits, merged, merge_commit, linear, tag, file, ignored, not_ignored, clean, no_conflicts")
	}
	names := append([]string{e.Head}, append(e.Branches, e.Merged...)...)
	for i, b := range names {
		if (i > 0 || b != "") && !refNameRE.MatchString(b) {
			d.errorAt(e.Pos, "git: %q is not a branch name", b)
		}
	}
	if e.MergeCommit != nil && e.Linear != nil && *e.MergeCommit && *e.Linear {
		d.errorAt(e.Pos, "git: merge_commit: true and linear: true contradict each other (a merge in the history is on the first-parent line too): keep one")
	}
	for _, f := range e.File {
		if !relativePath(f.Path) || f.Path == "." {
			d.errorAt(f.Pos, "git: file path %q must be a relative path of a file, with / between folders", f.Path)
		}
		if f.Contains == "" && f.NotContains == "" && f.Exists == nil {
			d.errorAt(f.Pos, "git: a file expectation needs contains, not_contains or exists")
		}
		if f.Exists != nil && !*f.Exists && (f.Contains != "" || f.NotContains != "") {
			d.errorAt(f.Pos, "git: a file that must not exist has no content to check")
		}
	}
	for _, p := range append(append([]string(nil), e.Ignored...), e.NotIgnored...) {
		if !relativePath(strings.TrimSuffix(p, "/")) || p == "." {
			d.errorAt(e.Pos, "git: %q must be a relative path inside the repository (end a folder with /)", p)
		}
	}
	if e.Tag != nil && !refNameRE.MatchString(e.Tag.Name) {
		d.errorAt(e.Tag.Pos, "git: tag needs a name, such as v1.0.0")
	}
}
