package check

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const shopFixture = `
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), total REAL);
INSERT INTO customers VALUES (1, 'ada'), (2, 'bob'), (3, 'cy');
INSERT INTO orders VALUES (1, 1, 10.5), (2, 1, 3), (3, 1, 7), (4, 2, 1.25);
`

const countsQuery = `-- customers with their order counts
SELECT c.name, COUNT(*) AS orders
FROM customers c JOIN orders o ON o.customer_id = c.id
GROUP BY c.name
ORDER BY c.name;
`

func shopExercise() *Exercise {
	return &Exercise{Files: fstest.MapFS{"fixtures/shop.sql": {Data: []byte(shopFixture)}}}
}

// sqlStep is a step comparing query.sql with the given expect block.
func sqlStep(expect string) string {
	return "  - name: counts\n    sql:\n      fixture: fixtures/shop.sql\n      file: query.sql\n      expect: " + expect + "\n"
}

// runQuery runs query (as query.sql in a fresh workspace) against expect.
func runQuery(t *testing.T, query, expect string) *StepResult {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"query.sql": query})
	return onlyStep(t, runExercise(t, &Runner{Dir: dir}, shopExercise(), sqlStep(expect)))
}

func TestSQLMatchers(t *testing.T) {
	cases := []struct {
		name, query, expect string
		pass                bool
		message             string
	}{
		{"counts as a multiset", countsQuery, "{columns: [name, orders], rows: [[bob, 1], [ada, 3]]}", true, ""},
		{"ordered and in order", countsQuery, "{columns: [name, orders], rows: [[ada, 3], [bob, 1]], ordered: true}", true, ""},
		{"ordered, wrong order", countsQuery, "{columns: [name, orders], rows: [[bob, 1], [ada, 3]], ordered: true}", false, "returns the rows in the wrong order"},
		{"columns ignore case", strings.Replace(countsQuery, "AS orders", "AS Orders", 1), "{columns: [name, orders], rows: [[ada, 3], [bob, 1]]}", true, ""},
		{"wrong column name", strings.Replace(countsQuery, "AS orders", "", 1), "{columns: [name, orders], rows: [[ada, 3], [bob, 1]]}", false, "returns the wrong columns"},
		{"wrong rows", strings.Replace(countsQuery, "JOIN", "LEFT JOIN", 1), "{columns: [name, orders], rows: [[ada, 3], [bob, 1]]}", false, "returns the wrong rows"},
		{"numbers compare numerically", "SELECT 3.0 AS a, 1 AS b, 7/3.0 AS c;", "{columns: [a, b, c], rows: [[3, 1.0, 2.33333333333]]}", true, ""},
		{"a number is not text", "SELECT '3' AS a;", "{columns: [a], rows: [[3]]}", false, "wrong rows"},
		{"null is null", "SELECT NULL AS a, '' AS b;", "{columns: [a, b], rows: [[null, \"\"]]}", true, ""},
		{"null is not empty", "SELECT '' AS a;", "{columns: [a], rows: [[null]]}", false, "wrong rows"},
		{"booleans are 1 and 0", "SELECT 1 = 1 AS t, 1 = 2 AS f;", "{columns: [t, f], rows: [[true, false]]}", true, ""},
		{"duplicates count", "SELECT name FROM customers UNION ALL SELECT 'ada';", "{columns: [name], rows: [[ada], [bob], [cy]]}", false, "wrong rows"},
		{"no rows expected", "SELECT name FROM customers WHERE id > 9;", "{columns: [name], rows: []}", true, ""},
		{"only the last statement counts", "CREATE VIEW v AS SELECT name FROM customers WHERE id < 3;\nSELECT 'ignored' AS x;\nSELECT name FROM v;", "{columns: [name], rows: [[ada], [bob]]}", true, ""},
		{"a semicolon in a string", "SELECT 'a;b' AS s; -- done;", "{columns: [s], rows: [[a;b]]}", true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sr := runQuery(t, c.query, c.expect)
			if (sr.Status == Passed) != c.pass {
				t.Fatalf("status %s, message %q, output:\n%s", sr.Status, sr.Message, sr.Output)
			}
			if !c.pass {
				mustContain(t, "message", sr.Message, c.message)
			}
		})
	}
}

func TestSQLRowDiffReport(t *testing.T) {
	// bob's order is missing from the join and ada's count is off by one.
	sr := runQuery(t, strings.Replace(countsQuery, "GROUP BY", "WHERE o.id > 1 GROUP BY", 1)+"\n",
		"{columns: [name, orders], rows: [[ada, 2], [bob, 2]], ordered: true}")
	if sr.Status != Failed {
		t.Fatalf("status %s", sr.Status)
	}
	// Got: ada 2, bob 1. Expected ada 2, bob 2.
	mustContain(t, "expected", sr.Expected, "2 rows in this order")
	mustContain(t, "got", sr.Got, "2 rows: 1 missing, 1 extra")
	mustContain(t, "output", sr.Output,
		"missing (expected, not returned): 1\n  [\"bob\", 2]",
		"extra (returned, not expected): 1\n  [\"bob\", 1]",
		"first difference: row 2: expected [\"bob\", 2], got [\"bob\", 1]",
		"query.sql returned (columns name, orders): 2\n  [\"ada\", 2]\n  [\"bob\", 1]")
	mustContain(t, "diagnosis", sr.Diagnosis, "some values differ")
}

func TestSQLColumnsDiagnosis(t *testing.T) {
	cases := []struct{ query, want string }{
		{"SELECT COUNT(*) AS orders, 'x' AS name;", "wrong order"},
		{"SELECT 'x' AS name;", "select exactly 2 columns"},
		{"SELECT 'x' AS name, 1 AS total;", "name every column as expected"},
	}
	for _, c := range cases {
		sr := runQuery(t, c.query, "{columns: [name, orders], rows: []}")
		mustContain(t, "diagnosis", sr.Diagnosis, c.want)
		mustContain(t, "expected", sr.Expected, "columns name, orders")
	}
}

func TestSQLErrorsAreExplained(t *testing.T) {
	cases := []struct{ name, query, message, diagnosis string }{
		{"syntax", "SELECT 1;\n\nSELEC name FROM customers;", "query.sql:3 (statement 2 of 2): ", "not valid SQL"},
		{"column", "SELECT nme FROM customers;", "query.sql:1: ", "a column name is wrong"},
		{"table", "SELECT name FROM customer;", "no such table", "a table name is wrong"},
		{"attach", "ATTACH DATABASE 'stolen.db' AS s;\nSELECT 1 AS name, 2 AS orders;", "not authorized", "ATTACH, VACUUM INTO"},
		{"vacuum into", "VACUUM INTO 'copy.db';\nSELECT 1 AS name, 2 AS orders;", "authorization denied", "ATTACH, VACUUM INTO"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"query.sql": c.query})
			sr := onlyStep(t, runExercise(t, &Runner{Dir: dir}, shopExercise(), sqlStep("{columns: [name, orders], rows: []}")))
			mustContain(t, "message", sr.Message, c.message)
			mustContain(t, "diagnosis", sr.Diagnosis, c.diagnosis)
			for _, f := range []string{"stolen.db", "copy.db"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
					t.Errorf("the query created %s", f)
				}
			}
		})
	}
}

func TestSQLNotImplemented(t *testing.T) {
	for name, query := range map[string]string{
		"only comments": "-- write your query here\n/* and here */\n",
		"the stub":      "SELECT 'not implemented' AS error, 'solve' AS milestone;",
	} {
		t.Run(name, func(t *testing.T) {
			sr := runQuery(t, query, "{columns: [name, orders], rows: []}")
			mustContain(t, "diagnosis", sr.Diagnosis, "not implemented yet — this is milestone solve's job: remember what you have seen")
		})
	}
}

func TestSQLLimits(t *testing.T) {
	t.Run("time", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"query.sql": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c;"})
		start := time.Now()
		sr := onlyStep(t, runExercise(t, &Runner{Dir: dir}, shopExercise(),
			"  - name: loop\n    sql: {file: query.sql, timeout: 300ms, expect: {columns: [n], rows: [[1]]}}\n"))
		mustContain(t, "message", sr.Message, "query.sql did not finish within 300ms")
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("the step took %s", d)
		}
	})
	t.Run("file size", func(t *testing.T) {
		sr := runQuery(t, "SELECT 1 AS name, 2 AS orders;\n"+strings.Repeat("-- padding\n", MaxSQLFile/10), "{columns: [name, orders], rows: []}")
		mustContain(t, "message", sr.Message, "query.sql is too big", "larger than 256 KiB")
	})
	t.Run("rows", func(t *testing.T) {
		sr := runQuery(t, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) SELECT x AS name, x AS orders FROM c;", "{columns: [name, orders], rows: []}")
		mustContain(t, "got", sr.Got, "more than 10000 rows")
	})
	t.Run("value length", func(t *testing.T) {
		sr := runQuery(t, "SELECT length(zeroblob(100000000)) AS name, 1 AS orders;", "{columns: [name, orders], rows: []}")
		mustContain(t, "message", sr.Message, "too big")
	})
}

func TestSQLFilesStayInTheirFolders(t *testing.T) {
	outside := t.TempDir()
	writeFiles(t, outside, map[string]string{"secret.sql": "SELECT 'secret' AS name, 1 AS orders;"})
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(outside, "secret.sql"), filepath.Join(dir, "query.sql")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	sr := onlyStep(t, runExercise(t, &Runner{Dir: dir}, shopExercise(), sqlStep("{columns: [name, orders], rows: [[secret, 1]]}")))
	if sr.Status != Failed {
		t.Fatalf("a link out of the workspace was followed: %+v", sr)
	}
	mustContain(t, "message", sr.Message, "could not read query.sql")
}

func TestSQLMissingFiles(t *testing.T) {
	dir := t.TempDir()
	sr := onlyStep(t, runExercise(t, &Runner{Dir: dir}, shopExercise(), sqlStep("{columns: [name, orders], rows: []}")))
	mustContain(t, "message", sr.Message, "could not read query.sql")
	mustContain(t, "diagnosis", sr.Diagnosis, "write your query in query.sql")

	writeFiles(t, dir, map[string]string{"query.sql": countsQuery})
	bad := &Exercise{Files: fstest.MapFS{"fixtures/shop.sql": {Data: []byte("CREATE TABLE t (;")}}}
	for name, ex := range map[string]*Exercise{"no fixture": {Files: fstest.MapFS{}}, "broken fixture": bad, "no exercise": nil} {
		sr := onlyStep(t, runExercise(t, &Runner{Dir: dir}, ex, sqlStep("{columns: [name, orders], rows: []}")))
		mustContain(t, name+" diagnosis", sr.Diagnosis, "a problem with the exercise, not with your work")
	}
}

func TestSQLFreshDatabasePerStep(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.sql": "CREATE TABLE extra (x INT); INSERT INTO extra VALUES (1); SELECT x FROM extra;", "b.sql": "SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra';"})
	rep := runExercise(t, &Runner{Dir: dir}, shopExercise(), `
  - name: makes a table
    sql: {file: a.sql, expect: {columns: [x], rows: [[1]]}}
  - name: does not see it
    sql: {file: b.sql, expect: {columns: [n], rows: [[0]]}}
`)
	if rep.Status != Passed {
		t.Fatalf("report %+v\n%+v", rep.Milestones[0].Steps[0], rep.Milestones[0].Steps[1])
	}
}

func TestSQLRowsFromTheReference(t *testing.T) {
	ref := t.TempDir()
	writeFiles(t, ref, map[string]string{"query.sql": countsQuery})
	cleaned := 0
	ex := shopExercise()
	ex.Reference = func(context.Context) (string, func(), error) { return ref, func() { cleaned++ }, nil }
	step := "  - name: a\n    sql: {fixture: fixtures/shop.sql, file: query.sql, expect: {rows: reference}}\n" +
		"  - name: b\n    sql: {fixture: fixtures/shop.sql, file: query.sql, expect: {columns: [name, orders], rows: reference, ordered: true}}\n"

	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"query.sql": strings.Replace(countsQuery, "ORDER BY c.name", "ORDER BY c.name DESC", 1)})
	rep := runExercise(t, &Runner{Dir: dir}, ex, step)
	if st := rep.Milestones[0].Steps; st[0].Status != Passed || st[1].Status != Failed {
		t.Fatalf("steps: %+v / %+v", st[0], st[1])
	}
	if cleaned != 1 {
		t.Errorf("the reference was cleaned up %d times, want once", cleaned)
	}

	writeFiles(t, dir, map[string]string{"query.sql": "SELECT name, 0 AS orders FROM customers;"})
	sr := onlyStep(t, runExercise(t, &Runner{Dir: dir}, ex, step))
	mustContain(t, "output", sr.Output, "missing (expected, not returned): 2", `["ada", 3]`, `extra (returned, not expected): 3`)

	writeFiles(t, ref, map[string]string{"query.sql": "SELECT 1 AS other;"})
	sr = onlyStep(t, runExercise(t, &Runner{Dir: dir}, ex, step[strings.Index(step, "  - name: b"):]))
	mustContain(t, "message", sr.Message, "the reference solution returns the columns other, not name, orders")
}

func TestSQLStepsNeedTheFolder(t *testing.T) {
	sr := onlyStep(t, runExercise(t, &Runner{URLs: []string{"http://127.0.0.1:1"}}, shopExercise(), sqlStep("{rows: reference}")))
	if sr.Status != Skipped || !strings.Contains(sr.Message, "inside the exercise's folder") {
		t.Fatalf("%+v", sr)
	}
}

func TestSQLPostgres(t *testing.T) {
	url := os.Getenv("TEST_DATABASE_URL")
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"query.sql": countsQuery, "schema.sql": "SELECT current_schema() AS s;"})
	postgresOnly := "  - name: pg\n    sql: {fixture: fixtures/shop.sql, file: query.sql, dialect: postgres, expect: {columns: [name, orders], rows: [[ada, 3], [bob, 1]]}}\n"
	if sr := onlyStep(t, runExercise(t, &Runner{Dir: dir}, shopExercise(), postgresOnly)); sr.Status != Skipped || !strings.Contains(sr.Message, "--database") {
		t.Fatalf("without a database: %+v", sr)
	}
	if url == "" {
		t.Skip("set TEST_DATABASE_URL to run the PostgreSQL variant")
	}
	r := &Runner{Dir: dir, Database: url}
	if rep := runExercise(t, r, shopExercise(), postgresOnly); rep.Status != Passed {
		t.Fatalf("%+v", onlyStep(t, rep))
	}
	sr := onlyStep(t, runExercise(t, r, shopExercise(), sqlStep("{columns: [name, orders], rows: [[ada, 2]]}")))
	mustContain(t, "output", sr.Output, `missing (expected, not returned): 1`, `["ada", 2]`)

	writeFiles(t, dir, map[string]string{"query.sql": "SELECT nme FROM customers;"})
	sr = onlyStep(t, runExercise(t, r, shopExercise(), sqlStep("{columns: [name], rows: []}")))
	mustContain(t, "diagnosis", sr.Diagnosis, "a column name is wrong")

	// Every step works in a schema of its own, dropped afterwards.
	sr = onlyStep(t, runExercise(t, r, nil, "  - name: s\n    sql: {file: schema.sql, expect: {columns: [s], rows: [[x]]}}\n"))
	schema := regexp.MustCompile(`waymark_check_[0-9a-f]+`).FindString(sr.Output)
	if schema == "" {
		t.Fatalf("schema %q, output:\n%s", schema, sr.Output)
	}
	db, err := (pgEngine{url: url}).open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer db.close()
	rs, err := db.query(context.Background(), "SELECT count(*) AS n FROM information_schema.schemata WHERE schema_name = '"+schema+"'")
	if err != nil || rs.Rows[0][0] != float64(0) {
		t.Errorf("schema %s is still there (%v, %v)", schema, rs, err)
	}
}
