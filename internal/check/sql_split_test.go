package check

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplitSQL(t *testing.T) {
	cases := []struct {
		name, src string
		want      []sqlStatement
	}{
		{"two", "SELECT 1;\nSELECT 2;", []sqlStatement{{"SELECT 1", 1}, {"SELECT 2", 2}}},
		{"no final semicolon", "SELECT 1", []sqlStatement{{"SELECT 1", 1}}},
		{"comments only", "-- a\n/* b; */\n;;", nil},
		{"line of a statement after comments", "SELECT 1;\n-- note\n\n/* x\n */ SELECT 2;", []sqlStatement{{"SELECT 1", 1}, {"SELECT 2", 5}}},
		{"quotes", `SELECT 'a;''b', "c;""d", ` + "`e;f`" + `, [g;h];`, []sqlStatement{{`SELECT 'a;''b', "c;""d", ` + "`e;f`" + `, [g;h]`, 1}}},
		{"comment with a semicolon", "SELECT 1 -- ; not the end\n+ 1;", []sqlStatement{{"SELECT 1 -- ; not the end\n+ 1", 1}}},
		{"a comment ends a file", "SELECT 1; -- done;", []sqlStatement{{"SELECT 1", 1}}},
		{"nested block comment", "SELECT /* a /* b; */ c; */ 1; SELECT 2", []sqlStatement{{"SELECT /* a /* b; */ c; */ 1", 1}, {"SELECT 2", 1}}},
		{"dollar quotes", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT $tag$ ; $$ ; $tag$;", []sqlStatement{{"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", 1}, {"SELECT $tag$ ; $$ ; $tag$", 2}}},
		{"a parameter is not a dollar quote", "SELECT $1; SELECT 2", []sqlStatement{{"SELECT $1", 1}, {"SELECT 2", 1}}},
		{"E string", `SELECT E'it\'s;'; SELECT 'x\'; SELECT 3`, []sqlStatement{{`SELECT E'it\'s;'`, 1}, {`SELECT 'x\'`, 1}, {"SELECT 3", 1}}},
		{"trigger", "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET n = CASE WHEN 1 THEN 2 END;\n  DELETE FROM c;\nEND;\nSELECT 1;",
			[]sqlStatement{{"CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET n = CASE WHEN 1 THEN 2 END;\n  DELETE FROM c;\nEND", 1}, {"SELECT 1", 5}}},
		{"temp trigger", "create temp trigger t after insert on a begin select 1; end; select 2;", []sqlStatement{{"create temp trigger t after insert on a begin select 1; end", 1}, {"select 2", 1}}},
		{"a transaction is not a trigger", "BEGIN; INSERT INTO a VALUES (1); END;", []sqlStatement{{"BEGIN", 1}, {"INSERT INTO a VALUES (1)", 1}, {"END", 1}}},
		{"unclosed quote", "SELECT 'abc; SELECT 2", []sqlStatement{{"SELECT 'abc; SELECT 2", 1}}},
		{"lines inside strings count", "SELECT 'a\nb';\nSELECT 2;", []sqlStatement{{"SELECT 'a\nb'", 1}, {"SELECT 2", 3}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := splitSQL(c.src); !reflect.DeepEqual(got, c.want) {
				t.Errorf("splitSQL(%q)\n got %#v\nwant %#v", c.src, got, c.want)
			}
		})
	}
}

func FuzzSplitSQL(f *testing.F) {
	for _, s := range []string{"SELECT 1; SELECT 'a;b'", "CREATE TRIGGER t BEGIN x; END; y", "$$;$$;$a$;$a$", "/* /* */ ; */;", "E'\\';';--;\n;", "[;];`;`;\";\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + 1
		last := 0
		for _, s := range splitSQL(src) {
			if s.Text == "" || s.Text != strings.TrimSpace(s.Text) || !strings.Contains(src, s.Text) {
				t.Fatalf("statement %q is not a trimmed part of the source", s.Text)
			}
			if s.Line < 1 || s.Line > lines || s.Line < last {
				t.Fatalf("statement %q at line %d (source has %d, previous at %d)", s.Text, s.Line, lines, last)
			}
			last = s.Line
		}
	})
}
