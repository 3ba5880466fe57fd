// This file is the judge's harness, the same in every kata: it reads one
// case per line on standard input ({"id": 1, "args": [...]}), calls your
// function through main.go and writes one answer per line on standard
// output ({"id": 1, "result": ..., "ns": ...}). You do not need to change
// it; print debugging output to standard error, not standard output.

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"time"
)

// A preparer decodes one case's arguments and returns the call to time.
type preparer func(args []json.RawMessage) (call func() any, err error)

// serve answers every case on standard input until it ends.
func serve(prepare preparer) {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	writeAnswer(out, map[string]any{"ready": true})
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			writeAnswer(out, answer(line, prepare))
		}
		if err != nil {
			return
		}
	}
}

func answer(line []byte, prepare preparer) map[string]any {
	var c struct {
		ID   int               `json:"id"`
		Args []json.RawMessage `json:"args"`
	}
	if err := json.Unmarshal(line, &c); err != nil {
		return map[string]any{"id": 0, "error": "the harness could not read a case: " + err.Error()}
	}
	call, err := prepare(c.Args)
	if err != nil {
		return map[string]any{"id": c.ID, "error": "the harness could not decode the arguments: " + err.Error()}
	}
	result, ns, failure := timed(call)
	if failure != "" {
		if m := todo.FindStringSubmatch(failure); m != nil {
			return map[string]any{"id": c.ID, "error": "not implemented", "milestone": m[1]}
		}
		return map[string]any{"id": c.ID, "error": failure, "ns": ns}
	}
	if v := reflect.ValueOf(result); v.Kind() == reflect.Slice && v.IsNil() {
		result = []any{} // a nil slice is an empty list, not null
	}
	data, err := json.Marshal(result)
	if err != nil {
		return map[string]any{"id": c.ID, "error": "the result cannot be written as JSON: " + err.Error(), "ns": ns}
	}
	return map[string]any{"id": c.ID, "result": json.RawMessage(data), "ns": ns}
}

// todo matches the message of a starter's stub.
var todo = regexp.MustCompile(`TODO\(([\w-]+)\): not implemented`)

// timed runs call, turning a panic into its message and where it happened.
func timed(call func() any) (result any, ns int64, failure string) {
	start := time.Now()
	defer func() {
		ns = time.Since(start).Nanoseconds()
		if r := recover(); r != nil {
			failure = fmt.Sprintf("panic: %v%s", r, panicSite())
		}
	}()
	return call(), 0, ""
}

// panicSite is " (file.go:line)" of the first frame outside the runtime
// and this file: the line of your code that panicked.
func panicSite() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") && filepath.Base(f.File) != "judge.go" && f.File != "" {
			return fmt.Sprintf(" (%s:%d)", filepath.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}

func writeAnswer(out *bufio.Writer, a map[string]any) {
	data, _ := json.Marshal(a)
	out.Write(append(data, '\n'))
	out.Flush()
}

// decode reads each argument into the matching pointer.
func decode(args []json.RawMessage, into ...any) error {
	if len(args) != len(into) {
		return fmt.Errorf("%d arguments, want %d", len(args), len(into))
	}
	for i, a := range args {
		if err := json.Unmarshal(a, into[i]); err != nil {
			return fmt.Errorf("argument %d: %v", i+1, err)
		}
	}
	return nil
}
