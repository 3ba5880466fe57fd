package curriculum

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

const base = `format: 1
id: tiny
title: Tiny
skills:
  - {id: web, title: Web, group: technical}
steps:
  - id: one
    title: One
    summary: The only step.
    topics:
      - id: a
        title: A
        summary: First.
        resources: [{title: MDN, url: "https://developer.mozilla.org", kind: docs}]
        skills: [web]
        hours: 1
`

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // substrings of "file:line:col: message" lines, in order
	}{
		{"valid", base, nil},
		{"missing format", strings.Replace(base, "format: 1\n", "", 1), []string{"c.yaml:1:1: format is required"}},
		{"newer format", strings.Replace(base, "format: 1", "format: 9", 1), []string{"c.yaml:1:9: format 9 is newer"}},
		{"unknown key", base + "        colour: red\n", []string{"c.yaml:17:9: unknown key \"colour\""}},
		{"duplicate topic", base + "      - {id: a, title: A2, summary: s, resources: [], skills: [], hours: 1}\n", []string{"c.yaml:17:14: duplicate topic id \"a\""}},
		{"dangling requires", base + "        requires: [b]\n", []string{"c.yaml:17:20: topic \"a\" requires \"b\""}},
		{"cycle", base + "        requires: [c]\n      - {id: c, title: C, summary: s, resources: [], skills: [], hours: 1, requires: [a]}\n",
			[]string{"requires cycle: a → c → a"}},
		{"unknown skill", strings.Replace(base, "skills: [web]", "skills: [wbe]", 1), []string{"c.yaml:15:18: unknown skill \"wbe\" (did you mean \"web\"?)"}},
		{"bad url", strings.Replace(base, "https://developer.mozilla.org", "developer.mozilla.org", 1), []string{"must be an absolute http(s) URL"}},
		{"bad kind", strings.Replace(base, "kind: docs", "kind: blog", 1), []string{"resource kind \"blog\" must be one of"}},
		{"bad id", strings.Replace(base, "id: a\n", "id: Topic A\n", 1), []string{"topic id \"Topic A\" must be lowercase"}},
		{"quiz", base + "    quiz: {pass: 2, questions: [{q: Q, choices: [x], answer: 3, explain: ''}]}\n",
			[]string{"pass must be a share", "explain is required", "at least two choices", "answer 3 is out of range"}},
		{"same question twice", base + "    quiz:\n      pass: 0.5\n      questions:\n        - {q: \"What is DNS\", choices: [a, b], answer: 0, explain: e}\n        - {q: \"What  is\\nDNS\", choices: [c, d], answer: 1, explain: e}\n",
			[]string{"c.yaml:21:15: question 2 asks the same as question 1 of this quiz"}},
		{"syntax", base + "  - [\n", []string{"c.yaml:"}},
		{"type", strings.Replace(base, "hours: 1", "hours: lots", 1), []string{"c.yaml:16:"}},
		{"empty", "", []string{"the file is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml), "c.yaml")
			if tt.want == nil {
				if err != nil {
					t.Fatalf("unexpected problems:\n%v", err)
				}
				return
			}
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("got %v, want Problems", err)
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("problems do not mention %q:\n%s", w, msg)
				}
			}
		})
	}
}

func TestLoadLessonsAndProjects(t *testing.T) {
	withLesson := strings.Replace(base, "hours: 1\n", "hours: 1\n        lesson: lessons/a.md\n", 1) + "    projects: [blog]\n"
	content := fstest.MapFS{
		"curriculum.yaml": {Data: []byte(withLesson)},
		"lessons/a.md":    {Data: []byte("# A\n")},
	}
	c, err := Load(content, fstest.MapFS{"blog/project.yaml": {Data: []byte("x")}})
	if err != nil {
		t.Fatal(err)
	}
	if md, err := c.Lesson("a"); md != "# A\n" || err != nil || c.Topic("a").Step != "one" {
		t.Errorf("lesson or step not linked: %q %v %q", md, err, c.Topic("a").Step)
	}
	if md, err := c.Lesson("b"); md != "" || err != nil {
		t.Errorf("a topic without a lesson has one: %q %v", md, err)
	}

	// Lessons are read when asked for; one gone since Load says which.
	delete(content, "lessons/a.md")
	if _, err := c.Lesson("a"); err == nil || !strings.Contains(err.Error(), "lesson lessons/a.md") {
		t.Errorf("a lesson gone since Load: %v", err)
	}
	_, err = Load(content, fstest.MapFS{})
	for _, w := range []string{"curriculum.yaml:17:17: lesson lessons/a.md", "curriculum.yaml:18:16: project \"blog\" has no templates/blog/project.yaml"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("want %q in:\n%v", w, err)
		}
	}

	// A folder where the lesson should be is refused at Load, not when read.
	content["lessons/a.md/x"] = &fstest.MapFile{Data: []byte("x")}
	if _, err := Load(content, nil); err == nil || !strings.Contains(err.Error(), "lesson lessons/a.md: is not a file") {
		t.Errorf("a folder as a lesson: %v", err)
	}
	delete(content, "lessons/a.md/x")

	content["curriculum.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(withLesson, "lessons/a.md", "../a.md", 1))}
	if _, err := Load(content, nil); err == nil || !strings.Contains(err.Error(), "must be relative and stay inside") {
		t.Errorf("escaping lesson path accepted: %v", err)
	}
}

// TestLessonPathsStayInside refuses every lesson path that could name a
// file outside the curriculum folder, at the lesson's position, before
// anything is read.
func TestLessonPathsStayInside(t *testing.T) {
	for _, lesson := range []string{
		"../a.md", "/etc/passwd", "lessons/../../a.md", "lessons/../a.md", "./lessons/a.md",
		"lessons//a.md", "lessons/", `..\secret.md`, `lessons\a.md`,
	} {
		t.Run(lesson, func(t *testing.T) {
			yaml := strings.Replace(base, "hours: 1\n", "hours: 1\n        lesson: '"+lesson+"'\n", 1)
			opened := false
			content := fstest.MapFS{"curriculum.yaml": {Data: []byte(yaml)}}
			_, err := Load(openSpy{content, &opened, "curriculum.yaml"}, nil)
			want := "curriculum.yaml:17:17: lesson path"
			if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "must be relative and stay inside the curriculum folder") {
				t.Errorf("lesson %q: want %q in:\n%v", lesson, want, err)
			}
			if opened {
				t.Errorf("lesson %q was looked up", lesson)
			}
		})
	}
}

// openSpy records whether anything but allow (and the exercises folder,
// which every load looks for) is opened.
type openSpy struct {
	fs.FS
	opened *bool
	allow  string
}

func (s openSpy) Open(name string) (fs.File, error) {
	if name != s.allow && name != ExercisesDir {
		*s.opened = true
	}
	return s.FS.Open(name)
}

func TestClosest(t *testing.T) {
	ids := []string{"http-messages", "web", "sql-basics"}
	for in, want := range map[string]string{"http-mesages": "http-messages", "wbe": "web", "zz": "", "sql-basic": "sql-basics", "nothing-like": ""} {
		if got := Closest(in, ids); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestProjectHintPerStack(t *testing.T) {
	p := &Project{
		Stacks:     map[string]*Stack{"go": {}, "node": {Hints: map[string]string{"auth": "use bcryptjs"}}},
		Milestones: []Milestone{{ID: "auth", Hint: "use x/crypto/bcrypt"}},
	}
	for stack, want := range map[string]string{"go": "use x/crypto/bcrypt", "node": "use bcryptjs", "": "use x/crypto/bcrypt"} {
		if got := p.Hint(stack, "auth"); got != want {
			t.Errorf("Hint(%q) = %q, want %q", stack, got, want)
		}
	}
}
