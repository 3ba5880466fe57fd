package check

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/internal/yamlstrict"
)

// SQLStep runs the learner's .sql file against a fixture database and
// compares the result set of its last statement.
type SQLStep struct {
	Pos     `yaml:"-"`
	Fixture string    `yaml:"fixture"` // exercise folder: schema and rows, run first
	File    string    `yaml:"file"`    // workspace: the learner's statements
	Dialect string    `yaml:"dialect"` // any (default) | sqlite | postgres
	Timeout Duration  `yaml:"timeout"` // the whole step; DefaultSQL if 0
	Expect  SQLExpect `yaml:"expect"`
}

// SQLExpect is the result set the last statement must return.
type SQLExpect struct {
	Pos     `yaml:"-"`
	Columns []string `yaml:"columns"` // names, in order (compared ignoring case)
	Rows    SQLRows  `yaml:"rows"`
	Ordered bool     `yaml:"ordered"` // false: the rows are compared as a multiset
}

// SQLRows is the expected rows, or `reference`: those the reference's
// own file returns on the same fixture.
type SQLRows struct {
	Set       bool    // the key was given
	Reference bool    // rows: reference
	Rows      [][]any // text, numbers (float64), booleans, nil
}

// Limits of sql steps.
const (
	DefaultSQL = 5 * time.Second
	MaxSQL     = time.Minute
	maxSQLRows = 10000
)

// UnmarshalStrict reads a list of rows (each a list of scalars) or the word
// reference.
func (out *SQLRows) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	out.Set = true
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && n.Value == "reference" {
		out.Reference = true
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.Errorf(n, "rows: expected a list of rows (each a list of values) or reference, got %s", yamlstrict.KindName(n))
		return
	}
	out.Rows = [][]any{}
	for _, row := range n.Content {
		if row.Kind != yaml.SequenceNode {
			d.Errorf(row, "a row is a list of values, such as [ada, 3]; got %s", yamlstrict.KindName(row))
			continue
		}
		cells := make([]any, 0, len(row.Content))
		for _, c := range row.Content {
			var v Value
			if c.Kind != yaml.ScalarNode {
				d.Errorf(c, "a row's values are text, numbers, booleans or null; got %s", yamlstrict.KindName(c))
				continue
			}
			v.UnmarshalStrict(d, c)
			cells = append(cells, v.V)
		}
		out.Rows = append(out.Rows, cells)
	}
}

// resultSet is what a statement returned, its values normalised: text,
// float64, bool, nil.
type resultSet struct {
	Columns []string
	Rows    [][]any
	More    bool // stopped reading at maxSQLRows
}

func (r *Runner) runSQL(ctx context.Context, p *Plan, q *SQLStep, sr *StepResult) error {
	timeout := time.Duration(q.Timeout)
	if timeout == 0 {
		timeout = DefaultSQL
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	engine, err := r.sqlEngine(q)
	if err != nil {
		sr.Status = Skipped
		sr.Message = err.Error()
		return nil
	}
	var fixture []sqlStatement
	if q.Fixture != "" {
		data, err := r.exercise.readFile(q.Fixture, MaxFixtureFile)
		if err != nil {
			return exerciseFailure(sr, err)
		}
		fixture = splitSQL(string(data))
	}
	src, err := readWorkspaceFile(r.Dir, q.File, MaxSQLFile)
	if err != nil {
		if errors.Is(err, errTooBig) {
			return failf(sr, "a file of at most "+sizeText(MaxSQLFile), "a larger file", "%s is too big: %v", q.File, err)
		}
		sr.Diagnosis = "write your query in " + q.File + " in this folder"
		return failf(sr, q.File, "no such file", "could not read %s: %v", q.File, err)
	}
	stmts := splitSQL(string(src))
	if len(stmts) == 0 {
		sr.Diagnosis = notImplemented(p, "")
		return failf(sr, "a query", "only comments", "%s has no statement yet", q.File)
	}
	got, err := runSQLFile(ctx, engine, fixture, stmts, q.File)
	if err != nil {
		return r.sqlFailure(ctx, sr, q, timeout, err)
	}
	if milestone, ok := sqlStub(got); ok {
		sr.Diagnosis = notImplemented(p, milestone)
		return failf(sr, "a result set", "the starter's stub", "%s: not implemented", q.File)
	}
	want := &resultSet{Columns: q.Expect.Columns, Rows: q.Expect.Rows.Rows}
	if q.Expect.Rows.Reference {
		if want, err = r.sqlReference(ctx, engine, fixture, q); err != nil {
			return exerciseFailure(sr, err)
		}
	}
	return compareResult(sr, q, want, got)
}

// runSQLFile runs the fixture, then the learner's statements in one fresh
// database; the last statement's result set is returned.
func runSQLFile(ctx context.Context, engine sqlEngine, fixture, stmts []sqlStatement, file string) (*resultSet, error) {
	db, err := engine.open(ctx)
	if err != nil {
		return nil, err
	}
	defer db.close()
	for _, s := range fixture {
		if err := db.exec(ctx, s.Text); err != nil {
			return nil, exerciseErrorf("the exercise's fixture failed at line %d: %v", s.Line, err)
		}
	}
	for i, s := range stmts {
		if i < len(stmts)-1 {
			if err := db.exec(ctx, s.Text); err != nil {
				return nil, &sqlError{file: file, stmt: s, n: i + 1, of: len(stmts), err: err}
			}
			continue
		}
		rs, err := db.query(ctx, s.Text)
		if err != nil {
			return nil, &sqlError{file: file, stmt: s, n: i + 1, of: len(stmts), err: err}
		}
		return rs, nil
	}
	return nil, errors.New("no statement") // unreachable: stmts is not empty
}

// sqlError is a learner's statement that failed.
type sqlError struct {
	file  string
	stmt  sqlStatement
	n, of int
	err   error
}

func (e *sqlError) Error() string {
	where := fmt.Sprintf("%s:%d", e.file, e.stmt.Line)
	if e.of > 1 {
		where += fmt.Sprintf(" (statement %d of %d)", e.n, e.of)
	}
	return where + ": " + e.err.Error()
}

func (e *sqlError) Unwrap() error { return e.err }

func (r *Runner) sqlFailure(ctx context.Context, sr *StepResult, q *SQLStep, timeout time.Duration, err error) error {
	var ee *errExercise
	if errors.As(err, &ee) {
		return exerciseFailure(sr, err)
	}
	if errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
		sr.Diagnosis = "a join without a condition (every row times every row) or a recursive query that never stops?"
		return failf(sr, "to finish within "+timeout.String(), "still running", "%s did not finish within %s", q.File, timeout)
	}
	var se *sqlError
	if errors.As(err, &se) {
		sr.Output = firstLine(strings.TrimSpace(se.stmt.Text), 300)
		sr.Diagnosis = sqlDiagnosis(se.err)
		sr.Message = se.Error()
		return err
	}
	sr.Message = "the database could not run the step: " + err.Error()
	return err
}

// sqlDiagnosis explains a database error in plain words.
func sqlDiagnosis(err error) string {
	msg := strings.ToLower(err.Error())
	switch {
	case strings.Contains(msg, "no such column"), strings.Contains(msg, "column") && strings.Contains(msg, "does not exist"):
		return "a column name is wrong or belongs to another table: compare it with the fixture's CREATE TABLE statements, and qualify it (orders.id) when two tables have it"
	case strings.Contains(msg, "no such table"), strings.Contains(msg, "relation") && strings.Contains(msg, "does not exist"):
		return "a table name is wrong: the fixture's CREATE TABLE statements name the tables there are"
	case strings.Contains(msg, "syntax error"):
		return "the statement is not valid SQL near the word shown: a missing comma, a keyword out of order (WHERE before GROUP BY before ORDER BY) or an unclosed quote?"
	case strings.Contains(msg, "ambiguous"):
		return "two tables have a column of this name: write table.column"
	case strings.Contains(msg, "not authorized"), strings.Contains(msg, "authorization denied"):
		return "checks run in a database of their own: ATTACH, VACUUM INTO and loading extensions are refused"
	case strings.Contains(msg, "group by"), strings.Contains(msg, "aggregate"):
		return "every selected column that is not an aggregate (COUNT, SUM…) must be in GROUP BY"
	}
	return ""
}

// sqlStub recognises a starter's stub, which returns one row whose column
// error says "not implemented" (and maybe a milestone column).
func sqlStub(rs *resultSet) (milestone string, ok bool) {
	if len(rs.Rows) != 1 || len(rs.Columns) == 0 || !strings.EqualFold(rs.Columns[0], "error") {
		return "", false
	}
	if s, _ := rs.Rows[0][0].(string); s != "not implemented" {
		return "", false
	}
	for i, c := range rs.Columns {
		if strings.EqualFold(c, "milestone") {
			milestone, _ = rs.Rows[0][i].(string)
		}
	}
	return milestone, true
}

// sqlReference runs the reference's own file on the same fixture.
func (r *Runner) sqlReference(ctx context.Context, engine sqlEngine, fixture []sqlStatement, q *SQLStep) (*resultSet, error) {
	dir, err := r.exercise.reference(ctx)
	if err != nil {
		return nil, err
	}
	src, err := readWorkspaceFile(dir, q.File, MaxSQLFile)
	if err != nil {
		return nil, exerciseErrorf("the reference solution has no readable %s: %v", q.File, err)
	}
	stmts := splitSQL(string(src))
	if len(stmts) == 0 {
		return nil, exerciseErrorf("the reference solution's %s has no statement", q.File)
	}
	rs, err := runSQLFile(ctx, engine, fixture, stmts, q.File)
	if err != nil {
		return nil, exerciseErrorf("the reference solution's query failed: %v", err)
	}
	if len(q.Expect.Columns) > 0 && !sameColumns(q.Expect.Columns, rs.Columns) {
		return nil, exerciseErrorf("the reference solution returns the columns %s, not %s", strings.Join(rs.Columns, ", "), strings.Join(q.Expect.Columns, ", "))
	}
	if rs.More {
		return nil, exerciseErrorf("the reference solution returns more than %d rows, more than a check compares", maxSQLRows)
	}
	return rs, nil
}
