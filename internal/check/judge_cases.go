package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
)

// judgeCase is one call to make: its arguments as a JSON array and the
// answer expected (nil: the reference's, filled in before the learner's
// run).
type judgeCase struct {
	name string
	args json.RawMessage
	want json.RawMessage
}

// line is the case as the harness reads it.
func (c *judgeCase) line(id int) []byte {
	b := make([]byte, 0, len(c.args)+24)
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, int64(id), 10)
	b = append(b, `,"args":`...)
	b = append(b, c.args...)
	return append(b, "}\n"...)
}

// judgeCases gathers the step's cases: from its case file, written out, or
// generated.
func (r *Runner) judgeCases(j *JudgeStep) ([]*judgeCase, error) {
	var stepWant json.RawMessage
	if v := j.stepWant(); v != nil {
		stepWant, _ = json.Marshal(v.V)
	}
	var cases []*judgeCase
	switch {
	case j.Generate != nil:
		for rep := range max(j.Repeat, 1) {
			var b bytes.Buffer
			b.WriteByte('[')
			for i, g := range j.Generate {
				if i > 0 {
					b.WriteByte(',')
				}
				g.write(&b, rep)
			}
			b.WriteByte(']')
			name := "generated"
			if j.Repeat > 1 {
				name = fmt.Sprintf("generated, repetition %d", rep+1)
			}
			cases = append(cases, &judgeCase{name: name, args: b.Bytes()})
		}
	case j.Cases.File != "":
		data, err := r.exercise.readFile(j.Cases.File, MaxCaseFile)
		if err != nil {
			return nil, err
		}
		if cases, err = parseCaseFile(j.Cases.File, data); err != nil {
			return nil, &errExercise{err.Error()}
		}
	default:
		for i, c := range j.Cases.Inline {
			jc := &judgeCase{name: c.Name}
			jc.args, _ = json.Marshal(c.Args.V)
			if c.Want != nil {
				jc.want, _ = json.Marshal(c.Want.V)
			}
			if jc.name == "" {
				jc.name = "case " + strconv.Itoa(i+1)
			}
			cases = append(cases, jc)
		}
	}
	for _, c := range cases {
		if c.want == nil {
			c.want = stepWant
		}
	}
	return cases, nil
}

// parseCaseFile reads a case file: a JSON array of {"name", "args",
// "want"}, args a list, name and want optional, nothing else. Problems
// name the file, line and column.
func parseCaseFile(file string, data []byte) ([]*judgeCase, error) {
	at := func(off int64, format string, a ...any) error {
		line, col := lineCol(data, off)
		return fmt.Errorf("%s:%d:%d: %s", file, line, col, fmt.Sprintf(format, a...))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, at(0, "a case file is a JSON array of cases, such as [{\"args\": [[2, 7], 9], \"want\": [0, 1]}]")
	}
	var cases []*judgeCase
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, at(syntaxErrorAt(data, dec.InputOffset()), "%s", jsonProblem(err))
		}
		off := dec.InputOffset() - int64(len(raw))
		var c struct {
			Name *string         `json:"name"`
			Args json.RawMessage `json:"args"`
			Want json.RawMessage `json:"want"`
		}
		strict := json.NewDecoder(bytes.NewReader(raw))
		strict.DisallowUnknownFields()
		if err := strict.Decode(&c); err != nil {
			return nil, at(off, "case %d: %s (a case has name, args and want)", len(cases)+1, jsonProblem(err))
		}
		if len(c.Args) == 0 || c.Args[0] != '[' {
			return nil, at(off, "case %d: args must be a list of the function's arguments", len(cases)+1)
		}
		jc := &judgeCase{name: "case " + strconv.Itoa(len(cases)+1), args: compactJSON(c.Args), want: compactJSON(c.Want)}
		if c.Name != nil && *c.Name != "" {
			jc.name = *c.Name
		}
		if cases = append(cases, jc); len(cases) > MaxJudgeCases {
			return nil, at(off, "more than %d cases", MaxJudgeCases)
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, at(dec.InputOffset(), "%s", jsonProblem(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, at(dec.InputOffset(), "text after the array of cases")
	}
	if len(cases) == 0 {
		return nil, at(0, "the file has no case")
	}
	return cases, nil
}

func compactJSON(raw json.RawMessage) json.RawMessage {
	if raw == nil {
		return nil
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return raw
	}
	return b.Bytes()
}

// syntaxErrorAt is where data's first JSON syntax error is. A Decoder's
// offsets are those of its buffer, so the whole text is parsed again, whose
// SyntaxError counts the bad byte itself.
func syntaxErrorAt(data []byte, fallback int64) int64 {
	var v any
	var se *json.SyntaxError
	if err := json.Unmarshal(data, &v); errors.As(err, &se) {
		return se.Offset - 1
	}
	return fallback
}

func jsonProblem(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "the JSON ends too early"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (int, int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// CheckExerciseFiles reads every file the suite's steps take from the
// exercise's folder (sql fixtures, judge case files) and reports those
// missing or invalid at their step, so that a curriculum is refused when
// it is validated rather than when a learner runs it.
func CheckExerciseFiles(s *Suite, files fs.FS) error {
	ex := &exerciseRun{ex: &Exercise{Files: files}}
	var errs Errors
	for _, st := range s.Steps {
		var err error
		switch {
		case st.SQL != nil && st.SQL.Fixture != "":
			_, err = ex.readFile(st.SQL.Fixture, MaxFixtureFile)
		case st.Judge != nil && st.Judge.Cases != nil && st.Judge.Cases.File != "":
			_, err = (&Runner{exercise: ex}).judgeCases(st.Judge)
		}
		if err != nil {
			errs = append(errs, &Error{Pos: st.Pos, Msg: fmt.Sprintf("step %q: %v", st.Name, err)})
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}
