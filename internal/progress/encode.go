package progress

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// encode writes p in the one canonical layout: keys in a fixed order, map
// entries sorted, two-space indents, times in RFC 3339, so that two saves of
// the same progress are byte for byte the same and a change shows as a
// small diff.
//
// It writes the YAML itself rather than through yaml.v3's encoder, which
// takes over 100 ms and 100 MB on 10,000 topics; the schema is fixed and
// small, and the fuzz tests check that what it writes reads back the same.
func encode(p *Progress) ([]byte, error) {
	w := writer{buf: make([]byte, 0, 128+70*len(p.Topics)+70*len(p.Review)+60*len(p.Log))}
	w.raw(header)
	w.field(0, "format", strconv.Itoa(Format))
	w.field(0, "curriculum", scalar(p.Curriculum))
	if st := p.Settings; st != nil {
		if st.ExercisesFinishTopics == nil {
			w.field(0, "settings", "{}")
		} else {
			w.field(0, "settings", "")
			w.field(1, "exercises_finish_topics", strconv.FormatBool(*st.ExercisesFinishTopics))
		}
	}
	if len(p.Topics) > 0 {
		w.field(0, "topics", "")
		for _, id := range slices.Sorted(maps.Keys(p.Topics)) {
			st := p.Topics[id]
			w.field(1, scalar(id), "")
			w.field(2, "status", scalar(string(st.Status)))
			if !st.At.IsZero() {
				w.field(2, "at", w.time(st.At))
			}
		}
	}
	if len(p.Quizzes) > 0 {
		w.field(0, "quizzes", "")
		for _, step := range slices.Sorted(maps.Keys(p.Quizzes)) {
			q := p.Quizzes[step]
			w.field(1, scalar(step), "")
			w.field(2, "best", strconv.Itoa(q.Best))
			w.field(2, "of", strconv.Itoa(q.Of))
			w.field(2, "passed", strconv.FormatBool(q.Passed))
			w.field(2, "attempts", strconv.Itoa(q.Attempts))
			w.field(2, "at", w.time(q.At))
		}
	}
	if len(p.Review) > 0 {
		w.field(0, "review", "")
		for _, key := range slices.Sorted(maps.Keys(p.Review)) {
			c := p.Review[key]
			w.field(1, scalar(key), "")
			w.field(2, "box", strconv.Itoa(c.Box))
			w.field(2, "due", day(c.Due))
			if !c.At.IsZero() {
				w.field(2, "at", w.time(c.At))
			}
		}
	}
	if len(p.Projects) > 0 {
		w.field(0, "projects", "")
		for _, name := range slices.Sorted(maps.Keys(p.Projects)) {
			folders := p.Projects[name]
			if len(folders) == 0 {
				continue // an empty list would not validate when read back
			}
			w.field(1, scalar(name), "")
			for _, pr := range folders {
				if pr == nil {
					pr = &Project{} // "null" would not read back
				}
				w.raw("    - dir: " + scalar(pr.Dir) + "\n")
				w.field(3, "stack", scalar(pr.Stack))
				if pr.Mode != "" {
					w.field(3, "mode", scalar(pr.Mode))
				}
				w.field(3, "created", w.time(pr.Created))
				if len(pr.Milestones) > 0 {
					w.field(3, "milestones", "")
					for _, id := range slices.Sorted(maps.Keys(pr.Milestones)) {
						m := pr.Milestones[id]
						w.field(4, scalar(id), "")
						w.field(5, "passed", w.time(m.Passed))
						w.field(5, "checks_sha256", scalar(m.ChecksSHA256))
					}
				}
			}
		}
	}
	if len(p.Exercises) > 0 {
		w.field(0, "exercises", "")
		for _, id := range slices.Sorted(maps.Keys(p.Exercises)) {
			e := p.Exercises[id]
			if e == (ExerciseState{}) {
				w.field(1, scalar(id), "{}")
				continue
			}
			w.field(1, scalar(id), "")
			if !e.Passed.IsZero() {
				w.field(2, "passed", w.time(e.Passed))
			}
			if e.ChecksSHA256 != "" {
				w.field(2, "checks_sha256", scalar(e.ChecksSHA256))
			}
			if e.Stack != "" {
				w.field(2, "stack", scalar(e.Stack))
			}
			if e.Hints != 0 {
				w.field(2, "hints", strconv.Itoa(e.Hints))
			}
		}
	}
	if len(p.Log) > 0 {
		w.field(0, "log", "")
		for _, e := range p.Log {
			w.raw("  - day: " + day(e.Day) + "\n")
			w.field(2, "minutes", strconv.Itoa(e.Minutes))
			if e.Note != "" {
				w.field(2, "note", scalar(e.Note))
			}
		}
	}
	if w.err != nil {
		return nil, fmt.Errorf("encoding progress: %w", w.err)
	}
	return w.buf, nil
}

// day writes a YYYY-MM-DD date bare, which reads back as the same string,
// and anything else quoted.
func day(s string) string {
	if isDay(s) {
		return s
	}
	return scalar(s)
}

type writer struct {
	buf []byte
	err error
}

func (w *writer) raw(s string) { w.buf = append(w.buf, s...) }

// field writes "key: value" at an indent level; an empty value opens a
// nested block.
func (w *writer) field(level int, key, value string) {
	w.indent(level)
	if len(key) > maxImplicitKey {
		// YAML caps implicit keys at 1024 characters; longer ones need the
		// explicit "? key" form.
		w.buf = append(w.buf, "? "...)
		w.buf = append(w.buf, key...)
		w.buf = append(w.buf, '\n')
		w.indent(level)
	} else {
		w.buf = append(w.buf, key...)
	}
	w.buf = append(w.buf, ':')
	if value != "" {
		w.buf = append(w.buf, ' ')
		w.buf = append(w.buf, value...)
	}
	w.buf = append(w.buf, '\n')
}

// maxImplicitKey is well under YAML's 1024-character limit, counted in
// bytes so that it holds whatever the characters are.
const maxImplicitKey = 512

func (w *writer) indent(level int) {
	for range level {
		w.buf = append(w.buf, "  "...)
	}
}

// time formats t as YAML reads timestamps: four-digit years and whole-minute
// offsets only, or the file would not read back the same.
func (w *writer) time(t time.Time) string {
	if _, off := t.Zone(); t.Year() < 0 || t.Year() > 9999 || off%60 != 0 {
		if w.err == nil {
			w.err = fmt.Errorf("time %s cannot be written to the progress file", t)
		}
	}
	return t.Format(time.RFC3339Nano)
}

// scalar writes s plain when that cannot read back as anything but the
// same string, and double-quoted otherwise. The plain rule is deliberately
// narrow (ids, words, paths, hex hashes); Go's quoting is valid YAML
// double-quoted style for valid UTF-8.
func scalar(s string) string {
	if plain(s) {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD") // YAML cannot hold invalid UTF-8
	}
	return strconv.Quote(s)
}

func plain(s string) bool {
	if s == "" || s[len(s)-1] == ' ' {
		return false
	}
	switch c := s[0]; {
	case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '/':
		switch strings.ToLower(s) {
		case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
			return false
		}
		for i := 1; i < len(s); i++ {
			c := s[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
				c == '_' || c == '-' || c == '.' || c == '/' || c == ' ') {
				return false
			}
		}
		return true
	case '0' <= c && c <= '9':
		// Lower-case hex with a letter other than e (so not a float) and
		// no 0b/0o prefix cannot be a number or a date: checksums stay bare.
		if strings.HasPrefix(s, "0b") || strings.HasPrefix(s, "0o") {
			return false
		}
		letter := false
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case '0' <= c && c <= '9', c == 'e':
			case 'a' <= c && c <= 'f':
				letter = true
			default:
				return false
			}
		}
		return letter
	}
	return false
}
