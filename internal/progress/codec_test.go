package progress

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// fullProgress is the Progress in testdata/full.yaml.
func fullProgress() *Progress {
	p := New("backend")
	p.SetTopic("http-messages", StatusDone, t0)
	p.SetTopic("sql-joins", StatusDoing, t0)
	p.SetTopic("git-basics", StatusSkipped, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	p.RecordQuiz("web", 3, 6, false, t0.Add(-time.Hour))
	p.RecordQuiz("web", 5, 6, true, t0)
	p.RecordAnswer("web/1a2b3c4d", true, t0)
	p.RecordAnswer("web/5e6f7a8b", false, t0)
	p.Review["git/0badc0de"] = ReviewCard{Box: 5, Due: "2026-12-10"} // written by hand: no at
	p.RecordProject("blog", "/home/ada/code/blog", "go", "starter", time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC))
	p.RecordMilestone("blog", "/home/ada/code/blog", "accounts", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", t0)
	p.RecordProject("blog", "/home/ada/code/blog-ref", "go", "solution", t0)
	p.RecordExercise("status-codes", "go", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", t0)
	p.NextHint("status-codes", 3)
	p.NextHint("word-count", 3)
	p.NextHint("word-count", 3)
	p.Exercises["etag"] = ExerciseState{} // written by hand: nothing yet
	off := false
	p.Settings = &Settings{ExercisesFinishTopics: &off}
	p.AddLog(t0, 90, "SQL joins")
	p.AddLog(t0, 15, "")
	return p
}

func TestEncodeGolden(t *testing.T) {
	got, err := encode(fullProgress())
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("encode differs from testdata/full.yaml; got:\n%s", got)
	}
}

func TestRoundTrip(t *testing.T) {
	empty := New("x")
	empty.Settings = &Settings{}
	for _, p := range []*Progress{New(""), New("backend"), fullProgress(), empty} {
		data, err := encode(p)
		if err != nil {
			t.Fatal(err)
		}
		got, format, err := decode("p.yaml", data)
		if err != nil {
			t.Fatalf("decode: %v\n%s", err, data)
		}
		if format != Format {
			t.Fatalf("format %d", format)
		}
		if !reflect.DeepEqual(got, p) {
			t.Fatalf("round trip changed progress:\ngot  %+v\nwant %+v", got, p)
		}
	}
}

func TestDecodeEmpty(t *testing.T) {
	for _, in := range []string{"", "# nothing yet\n", "~\n", "---\n"} {
		p, format, err := decode("p.yaml", []byte(in))
		if err != nil || format != Format || !reflect.DeepEqual(p, New("")) {
			t.Errorf("%q: got %+v, %d, %v", in, p, format, err)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	const head = "format: 1\ncurriculum: backend\n"
	tests := []struct {
		name      string
		in        string
		line, col int
		msg       string
	}{
		{"syntax", head + "topics:\n  x: {status: done\n", 3, 0, "did not find expected"}, // yaml.v3 names where the mapping began
		{"tab indent", head + "topics:\n\tx: 1\n", 4, 0, "tab"},
		{"unknown top field", head + "topcis: {}\n", 3, 1, `unknown key "topcis" (known keys: curriculum, exercises, format, log, projects, quizzes, review, settings, topics)`},
		{"exercise sha", head + "exercises:\n  word-count: {passed: 2026-11-24T10:00:00Z, checks_sha256: abc, stack: go}\n", 4, 61, "checks_sha256 must be 64"},
		{"exercise hints", head + "exercises:\n  word-count:\n    hints: -1\n", 5, 12, `exercise "word-count": hints is how many hints you have seen`},
		{"exercise not passed", head + "exercises:\n  word-count: {stack: go}\n", 4, 15, `exercise "word-count" has checks_sha256 or stack but no passed time`},
		{"exercise field", head + "exercises:\n  word-count: {passed_at: 2026-11-24T10:00:00Z}\n", 4, 16, `unknown key "passed_at" (known keys: checks_sha256, hints, passed, stack)`},
		{"setting type", head + "settings:\n  exercises_finish_topics: maybe\n", 4, 28, `maybe`},
		{"setting unknown", head + "settings:\n  finish_topics: false\n", 4, 3, `unknown key "finish_topics" (known keys: exercises_finish_topics)`},
		{"unknown nested field", head + "topics:\n  x:\n    status: done\n    when: 2026-11-24T10:00:00Z\n", 6, 5, `unknown key "when"`},
		{"int type", head + "log:\n  - day: 2026-11-24\n    minutes: ninety\n", 5, 14, `expected a whole number, got "ninety"`},
		{"long value", head + "log:\n  - day: 2026-11-24\n    minutes: ninety-five-ish\n", 5, 14, `expected a whole number, got "ninety-five-ish"`},
		{"list for map", head + "topics: [a, b]\n", 3, 9, "expected a mapping, got a list"},
		{"not a mapping", "hello\n", 1, 1, "expected a mapping"},
		{"bad time", head + "topics:\n  x:\n    status: done\n    at: 2026-13-45T10:00:00Z\n", 6, 9, `expected a time like 2026-11-24T10:00:00Z, got "2026-13-45T10:00:00Z"`},
		{"duplicate key", head + "topics:\n  x: {status: done}\n  x: {status: doing}\n", 5, 3, `"x" appears twice (first at line 4)`},
		{"bad status", head + "topics:\n  a: {status: done}\n  b:\n    status: finished\n", 6, 13, `status "finished" is not one of`},
		{"missing status", head + "topics:\n  a:\n    at: 2026-11-24T10:00:00Z\n", 5, 5, `topic "a" has no status`},
		{"bad day", head + "log:\n  - {day: 2026-11-24, minutes: 5}\n  - {day: 24/11/2026, minutes: 5}\n", 5, 11, `day "24/11/2026" is not a date`},
		{"zero minutes", head + "log:\n  - day: 2026-11-24\n    minutes: 0\n", 5, 14, "minutes must be between 1 and 1440"},
		{"first problem wins", head + "log:\n  - {day: x, minutes: 0}\n", 4, 11, `day "x" is not a date like 2026-11-24 (and 1 more problem)`},
		{"quiz best", head + "quizzes:\n  web: {best: 7, of: 6, passed: true, attempts: 1, at: 2026-11-24T10:00:00Z}\n", 4, 15, "best must be between 0 and of (6)"},
		{"review key", head + "review:\n  web/what-is-dns: {box: 1, due: 2026-11-25}\n", 4, 3, `review key "web/what-is-dns" is not a step id, a slash and 8 hexadecimal digits`},
		{"review box", head + "review:\n  web/1a2b3c4d:\n    box: 6\n    due: 2026-11-25\n", 5, 10, `review "web/1a2b3c4d": box must be between 1 and 5`},
		{"review box zero", head + "review:\n  web/1a2b3c4d: {due: 2026-11-25}\n", 4, 17, "box must be between 1 and 5"},
		{"review due", head + "review:\n  web/1a2b3c4d:\n    box: 2\n    due: next week\n", 6, 10, `due "next week" is not a date like 2026-11-24`},
		{"review due missing", head + "review:\n  web/1a2b3c4d:\n    box: 2\n", 5, 5, `due "" is not a date`},
		{"review unknown field", head + "review:\n  web/1a2b3c4d: {box: 2, due: 2026-11-25, wrong: 3}\n", 4, 43, `unknown key "wrong" (known keys: at, box, due)`},
		{"review box type", head + "review:\n  web/1a2b3c4d: {box: two, due: 2026-11-25}\n", 4, 23, `expected a whole number, got "two"`},
		{"review twice", head + "review:\n  web/1a2b3c4d: {box: 2, due: 2026-11-25}\n  web/1a2b3c4d: {box: 1, due: 2026-11-25}\n", 5, 3, `"web/1a2b3c4d" appears twice (first at line 4)`},
		{"empty project", head + "projects:\n  blog:\n", 4, 3, `project "blog" is empty`},
		{"bad sha", head + "projects:\n  blog:\n    dir: d\n    stack: go\n    created: 2026-11-24T10:00:00Z\n    milestones:\n      m: {passed: 2026-11-24T10:00:00Z, checks_sha256: xyz}\n", 9, 56, "checks_sha256 must be 64"},
		{"bad sha in a list", "format: 2\ncurriculum: backend\nprojects:\n  blog:\n    - dir: d\n      stack: go\n      created: 2026-11-24T10:00:00Z\n    - dir: e\n      stack: go\n      created: 2026-11-24T10:00:00Z\n      milestones:\n        m: {passed: 2026-11-24T10:00:00Z, checks_sha256: xyz}\n", 12, 58, "checks_sha256 must be 64"},
		{"a folder twice", "format: 2\ncurriculum: backend\nprojects:\n  blog:\n    - {dir: d, stack: go, created: 2026-11-24T10:00:00Z}\n    - {dir: d, stack: node, created: 2026-11-24T10:00:00Z}\n", 6, 13, `lists the folder "d" twice`},
		{"unknown field in a list", "format: 2\ncurriculum: backend\nprojects:\n  blog:\n    - {dir: d, stack: go, created: 2026-11-24T10:00:00Z, colour: red}\n", 5, 58, `unknown key "colour"`},
		{"empty id", head + "topics:\n  \"\": {status: done}\n", 4, 3, "a topic id is empty"},
		{"format 1 with done list", head + "done: [a]\n", 3, 1, `unknown field "done"`},
		{"negative format", "format: -1\n", 1, 9, "format -1 is not a format"},
		{"two documents", head + "---\nformat: 1\n", 4, 1, "a second YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := decode("p.yaml", []byte(tt.in))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a ParseError", err)
			}
			if pe.Path != "p.yaml" || pe.Line != tt.line || pe.Column != tt.col || !strings.Contains(pe.Msg, tt.msg) {
				t.Fatalf("got %d:%d %q, want %d:%d containing %q", pe.Line, pe.Column, pe.Msg, tt.line, tt.col, tt.msg)
			}
			if !strings.HasSuffix(err.Error(), "(fix it by hand or restore it from Git; waymark will not overwrite it)") {
				t.Fatalf("error does not say what to do: %v", err)
			}
		})
	}
}

func TestParseErrorFormat(t *testing.T) {
	tests := []struct {
		e    ParseError
		want string
	}{
		{ParseError{"p.yaml", 3, 7, "boom"}, "p.yaml:3:7: boom"},
		{ParseError{"p.yaml", 3, 0, "boom"}, "p.yaml:3: boom"},
		{ParseError{"p.yaml", 0, 0, "boom"}, "p.yaml: boom"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); !strings.HasPrefix(got, tt.want+" (fix it by hand") {
			t.Errorf("got %q, want prefix %q", got, tt.want)
		}
	}
}

func TestMigrateFormat0(t *testing.T) {
	data, err := os.ReadFile("testdata/format0.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, format, err := decode("p.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	want := &Progress{Format: Format, Curriculum: "backend",
		Topics: map[string]TopicState{
			"http-messages": {Status: StatusDone},
			"git-basics":    {Status: StatusDone}, // in both lists: done wins
			"sql-joins":     {Status: StatusDoing},
		},
		Log: []LogEntry{{Day: "2026-11-20", Minutes: 45, Note: "first evening"}},
	}
	if format != 0 || !reflect.DeepEqual(p, want) {
		t.Fatalf("got format %d, %+v\nwant %+v", format, p, want)
	}
}

func TestNewerFormatRefused(t *testing.T) {
	_, _, err := decode("p.yaml", []byte("format: 3\ncurriculum: backend\nsomething: new\n"))
	var ne *NewerFormatError
	if !errors.As(err, &ne) || ne.Format != 3 || !strings.Contains(err.Error(), "upgrade waymark") {
		t.Fatalf("got %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	for _, name := range []string{"testdata/full.yaml", "testdata/format0.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("format: 1\ntopics: {a: {status: done}}\n"))
	f.Add([]byte("format: 2\nreview: {web/1a2b3c4d: {box: 3, due: 2026-11-25, at: 2026-11-20T10:00:00+09:00}}\n"))
	f.Add([]byte("log: [{day: 2026-01-01, minutes: 3, note: \"x\\ny\"}]\n"))
	f.Add([]byte("format: 2\nsettings: {exercises_finish_topics: false}\nexercises: {a: {hints: 2}, b: {passed: 2026-11-20T10:00:00Z, stack: go}, c: {}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, _, err := decode("f.yaml", data)
		if err != nil {
			return
		}
		out, err := encode(p)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		p2, format, err := decode("f.yaml", out)
		if err != nil {
			t.Fatalf("re-decode: %v\n%s", err, out)
		}
		if format != Format {
			t.Fatalf("re-decoded format %d", format)
		}
		// Times decode with fresh *time.Location values, so compare the
		// canonical encodings rather than the structs.
		out2, err := encode(p2)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("not stable:\n%s\n---\n%s", out, out2)
		}
	})
}

// FuzzScalar checks the hand-written encoder's quoting: any string, as an
// id, a name or a note, must read back unchanged.
func FuzzScalar(f *testing.F) {
	for _, s := range []string{"go", "yes", "No", "null", "~", "1", "0b1", "1e5", "0x1f", "deadbeef",
		"9f86d08", "2026-11-24", "a: b", "a #b", " x", "x ", "-", "- x", "ü", "\u2028", "\t", "'", "\"", "<<", "*a", "&a", "!x", "%x", "@x", "`x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.TrimSpace(s) == "" {
			return // invalid UTF-8 cannot be stored; empty ids are refused
		}
		p := New(s)
		p.SetTopic(s, StatusDone, t0)
		p.RecordQuiz(s, 1, 2, false, t0)
		p.Projects = map[string]Folders{s: {{Dir: s, Stack: s, Mode: s, Created: t0}}}
		p.AddLog(t0, 5, s)
		data, err := encode(p)
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := decode("s.yaml", data)
		if err != nil {
			t.Fatalf("%q: %v\n%s", s, err, data)
		}
		if !reflect.DeepEqual(got, p) {
			t.Fatalf("%q changed:\n%s", s, data)
		}
	})
}
