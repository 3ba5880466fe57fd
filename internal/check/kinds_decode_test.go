package check

import (
	"strings"
	"testing"
	"testing/fstest"
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

func TestDecodeJudge(t *testing.T) {
	s := mustDecode(t, kindSuite(`judge:
      generate:
        - { gen: ints, n: 200000, min: -1000000000, max: 1000000000, seed: 7 }
        - { gen: int, value: 12 }
      want: reference
      time_limit: 10x
      memory: 256MiB
      compare: unordered
      too_slow: "O(n²)?"
      repeat: 2`))
	j := s.Steps[0].Judge
	if s.Steps[0].Kind() != "judge" || j.TimeLimit.Factor != 10 || j.Memory != 256<<20 || j.Compare != "unordered" || len(j.Generate) != 2 ||
		*j.Generate[0].Seed != 7 || *j.Generate[0].Min != -1e9 || j.stepWant() != nil || j.Repeat != 2 {
		t.Fatalf("decoded %+v", j)
	}
	j = mustDecode(t, kindSuite(`judge: {cases: fixtures/examples.json, time_limit: 2s, memory: 1GiB}`)).Steps[0].Judge
	if j.Cases.File != "fixtures/examples.json" || j.TimeLimit.Duration != 2e9 || j.Memory != 1<<30 {
		t.Fatalf("decoded %+v", j)
	}
	j = mustDecode(t, kindSuite(`judge: {cases: [{name: a, args: [[1, 2], 3], want: [0, 1]}, {args: []}], want: 5}`)).Steps[0].Judge
	if len(j.Cases.Inline) != 2 || j.Cases.Inline[1].Want != nil || j.stepWant().V != float64(5) {
		t.Fatalf("decoded %+v", j.Cases)
	}
}

func TestCheckExerciseFiles(t *testing.T) {
	s := mustDecode(t, "format: 1\nmilestone: solve\nsteps:\n"+
		"  - name: q\n    sql: {fixture: fixtures/shop.sql, file: q.sql, expect: {rows: reference}}\n"+
		"  - name: j\n    judge: {cases: fixtures/cases.json}\n")
	files := fstest.MapFS{"fixtures/shop.sql": {Data: []byte("CREATE TABLE t (x INT);")}, "fixtures/cases.json": {Data: []byte(`[{"args": [1]}]`)}}
	if err := CheckExerciseFiles(s, files); err != nil {
		t.Fatalf("valid files: %v", err)
	}
	files["fixtures/cases.json"] = &fstest.MapFile{Data: []byte(`[{"args": 1}]`)}
	delete(files, "fixtures/shop.sql")
	err := CheckExerciseFiles(s, files)
	if err == nil || !strings.Contains(err.Error(), "test.yaml:4:5: step \"q\": the exercise has no fixtures/shop.sql") ||
		!strings.Contains(err.Error(), "test.yaml:6:5: step \"j\": fixtures/cases.json:1:2: case 1: args must be a list") {
		t.Fatalf("error = %v", err)
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
		{"judge no cases", `judge: {compare: exact}`, "give exactly one of cases (a case file or a list) and generate"},
		{"judge both", `judge: {cases: c.json, generate: [{gen: int}], want: reference}`, "give exactly one of cases"},
		{"judge cases path", `judge: {cases: /abs.json}`, "must be a relative path inside the exercise's folder"},
		{"judge cases kind", `judge: {cases: 3}`, "cases: expected a case file"},
		{"judge empty cases", `judge: {cases: []}`, "cases is an empty list"},
		{"judge args", `judge: {cases: [{args: 3}]}`, "args is a list of the function's arguments"},
		{"judge no args", `judge: {cases: [{want: 3}]}`, "a case needs args"},
		{"judge case key", `judge: {cases: [{args: [], expect: 3}]}`, "unknown key \"expect\""},
		{"judge generate want", `judge: {generate: [{gen: int}]}`, "generated cases need want: reference"},
		{"judge repeat", `judge: {cases: c.json, repeat: 3}`, "repeat (from 1 to 100) goes with generate"},
		{"judge compare", `judge: {cases: c.json, compare: fuzzy}`, "compare \"fuzzy\" is not one of exact, unordered, float"},
		{"judge time factor", `judge: {cases: c.json, time_limit: 0.5x}`, "a factor from 1x to 1000x"},
		{"judge time short", `judge: {cases: c.json, time_limit: 100ms}`, "a duration from 1s to 1m0s"},
		{"judge time word", `judge: {cases: c.json, time_limit: fast}`, "expected 10x (the reference's time times 10) or a duration"},
		{"judge memory unit", `judge: {cases: c.json, memory: 256}`, "memory: expected an amount such as 256MiB"},
		{"judge memory small", `judge: {cases: c.json, memory: 1MiB}`, "memory: from 16 MiB to 16384 MiB"},
		{"judge too slow", `judge: {cases: c.json, too_slow: "` + strings.Repeat("x", 61) + `"}`, "too_slow is a short guess"},
		{"gen unknown", `judge: {generate: [{gen: matrix}], want: reference}`, "gen \"matrix\" is not one of"},
		{"gen min max", `judge: {generate: [{gen: ints, n: 3, min: 5, max: 1}], want: reference}`, "min is larger than max"},
		{"gen whole", `judge: {generate: [{gen: int, min: 0.5}], want: reference}`, "min and max of integers are whole numbers"},
		{"gen too wide", `judge: {generate: [{gen: ints, n: 1, max: 1e17}], want: reference}`, "within ±2^53"},
		{"gen unique", `judge: {generate: [{gen: ints, n: 10, min: 0, max: 5, unique: true}], want: reference}`, "10 unique values do not fit between 0 and 5"},
		{"gen n", `judge: {generate: [{gen: ints, n: 3000000}], want: reference}`, "n (how many) from 0 to 2000000"},
		{"gen n scalar", `judge: {generate: [{gen: int, n: 3}], want: reference}`, "n goes with a list"},
		{"gen value kind", `judge: {generate: [{gen: int, value: x}], want: reference}`, "value \"x\" does not fit gen int"},
		{"gen value list", `judge: {generate: [{gen: ints, value: 1}], want: reference}`, "value goes with int, float, string or bool"},
		{"gen value and seed", `judge: {generate: [{gen: int, value: 1, seed: 2}], want: reference}`, "a gen with a value takes nothing else"},
		{"gen alphabet", `judge: {generate: [{gen: ints, n: 1, alphabet: ab}], want: reference}`, "alphabet goes with string or strings"},
		{"gen len", `judge: {generate: [{gen: string, n: 1, len: 3}], want: reference}`, "len goes with strings"},
		{"gen min on text", `judge: {generate: [{gen: string, n: 1, min: 3}], want: reference}`, "min and max go with numbers"},
		{"two kinds", "sql: {file: q.sql, expect: {rows: reference}}\n    exec: {command: ls}", "must have exactly one of http, ws, exec, parallel, sql, git, judge"},
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
