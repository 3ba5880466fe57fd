package check

import (
	"strings"
)

// sqlStatement is one statement of a .sql file and the line it starts on.
type sqlStatement struct {
	Text string
	Line int
}

// splitSQL cuts a .sql file into its statements at the semicolons that end
// them: not those inside quotes ('…', "…", `…`, […]), comments (--, nested
// /* */), PostgreSQL's dollar quotes ($$…$$, $tag$…$tag$) and E'…' escapes,
// nor those inside a CREATE TRIGGER's BEGIN … END. Statements holding only
// comments and spaces are dropped.
func splitSQL(src string) []sqlStatement {
	var out []sqlStatement
	s := &sqlScanner{src: src, line: 1}
	start, startLine := 0, 1
	emit := func(end int) {
		lines, off := leading(src[start:end])
		if text := strings.TrimSpace(src[start+off : end]); text != "" {
			out = append(out, sqlStatement{Text: text, Line: startLine + lines})
		}
	}
	var words []string // the statement's first words, upper-cased, to spot CREATE TRIGGER
	depth := 0         // BEGIN/CASE … END nesting inside a trigger
	for s.i < len(src) {
		c := src[s.i]
		switch {
		case c == '\n':
			s.line++
			s.i++
		case c == '-' && s.peek(1) == '-':
			s.skipLine()
		case c == '/' && s.peek(1) == '*':
			s.skipBlock()
		case c == '\'':
			s.skipQuoted('\'', s.i > 0 && (src[s.i-1] == 'E' || src[s.i-1] == 'e') && !identByte(s.at(s.i-2)))
		case c == '"' || c == '`':
			s.skipQuoted(c, false)
		case c == '[':
			s.skipUntil(']')
		case c == '$' && s.dollarTag() != "":
			s.skipDollar(s.dollarTag())
		case c == ';':
			if trigger(words) && depth > 0 {
				s.i++
				continue
			}
			emit(s.i)
			s.i++
			start, startLine = s.i, s.line
			words, depth = words[:0], 0
		case identStart(c):
			j := s.i
			for j < len(src) && identByte(src[j]) {
				j++
			}
			w := strings.ToUpper(src[s.i:j])
			if len(words) < 4 {
				words = append(words, w)
			}
			if trigger(words) {
				switch w {
				case "BEGIN", "CASE":
					depth++
				case "END":
					depth = max(depth-1, 0)
				}
			}
			s.i = j
		default:
			s.i++
		}
	}
	emit(len(src))
	return out
}

// trigger reports whether a statement's first words start a trigger,
// whose body holds semicolons of its own.
func trigger(words []string) bool {
	for i, w := range words {
		switch w {
		case "CREATE", "TEMP", "TEMPORARY":
			continue
		case "TRIGGER":
			return i > 0 && words[0] == "CREATE"
		}
		return false
	}
	return false
}

// leading measures the spaces and comments before a statement's first
// word: the lines they hold, so that the statement's line is where its
// first word is, and their length, so that its text starts there.
func leading(seg string) (lines, off int) {
	s := &sqlScanner{src: seg}
	for s.i < len(seg) {
		switch c := seg[s.i]; {
		case c == '\n':
			lines++
			s.i++
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case c == '-' && s.peek(1) == '-':
			s.skipLine()
		case c == '/' && s.peek(1) == '*':
			from := s.i
			s.skipBlock()
			lines += strings.Count(seg[from:s.i], "\n")
		default:
			return lines, s.i
		}
	}
	return lines, s.i
}

type sqlScanner struct {
	src  string
	i    int
	line int
}

func (s *sqlScanner) at(i int) byte {
	if i < 0 || i >= len(s.src) {
		return 0
	}
	return s.src[i]
}

func (s *sqlScanner) peek(k int) byte { return s.at(s.i + k) }

func (s *sqlScanner) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

// skipBlock skips a /* */ comment; PostgreSQL lets them nest.
func (s *sqlScanner) skipBlock() {
	depth := 0
	for s.i < len(s.src) {
		switch {
		case s.src[s.i] == '/' && s.peek(1) == '*':
			depth++
			s.i += 2
		case s.src[s.i] == '*' && s.peek(1) == '/':
			depth--
			s.i += 2
			if depth == 0 {
				return
			}
		default:
			if s.src[s.i] == '\n' {
				s.line++
			}
			s.i++
		}
	}
}

// skipQuoted skips a quoted string or name whose quote doubles to escape
// itself; backslash also escapes when set (E'…').
func (s *sqlScanner) skipQuoted(q byte, backslash bool) {
	s.i++
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\n':
			s.line++
		case backslash && c == '\\':
			s.i++
		case c == q && s.peek(1) == q:
			s.i++
		case c == q:
			s.i++
			return
		}
		s.i++
	}
}

func (s *sqlScanner) skipUntil(end byte) {
	for s.i++; s.i < len(s.src); s.i++ {
		switch s.src[s.i] {
		case '\n':
			s.line++
		case end:
			s.i++
			return
		}
	}
}

// dollarTag returns the dollar-quote opening at s.i ($$ or $tag$), or "".
// $1 is a parameter, not a tag.
func (s *sqlScanner) dollarTag() string {
	j := s.i + 1
	if j < len(s.src) && s.src[j] != '$' && !identStart(s.src[j]) {
		return ""
	}
	for j < len(s.src) && s.src[j] != '$' {
		if !identByte(s.src[j]) {
			return ""
		}
		j++
	}
	if j >= len(s.src) {
		return ""
	}
	return s.src[s.i : j+1]
}

func (s *sqlScanner) skipDollar(tag string) {
	from := s.i + len(tag)
	end := strings.Index(s.src[from:], tag)
	if end < 0 {
		end = len(s.src) - from
	} else {
		end += len(tag)
	}
	s.line += strings.Count(s.src[from:from+end], "\n")
	s.i = from + end
}

func identStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func identByte(c byte) bool { return identStart(c) || c >= '0' && c <= '9' }
