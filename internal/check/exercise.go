package check

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
)

// Exercise is what sql and judge steps need of an exercise besides its
// checks. The exercise core fills it in Plan.Exercise.
type Exercise struct {
	// Files is the exercise's folder (the one holding exercise.yaml):
	// fixture and case-file paths in the checks, such as
	// fixtures/shop.sql, are read from it.
	Files fs.FS
	// Reference makes a workspace holding the exercise's reference solution
	// for the stack being checked (the template generated in Solution mode
	// into a temporary folder) and returns its folder and how to remove it.
	// The engine calls it at most once per Run, when the first step needs it
	// (`rows: reference`, `want: reference`, a time limit such as 10x), and
	// calls cleanup when the Run ends. Nil when there is no reference; those
	// steps then fail with an error about the exercise.
	Reference func(ctx context.Context) (dir string, cleanup func(), err error)
}

// Limits on the files sql and judge steps read.
const (
	MaxSQLFile     = 256 << 10 // a learner's .sql file
	MaxFixtureFile = 16 << 20  // an exercise's SQL fixture
	MaxCaseFile    = 64 << 20  // an exercise's judge case file
)

// errExercise marks a problem with the exercise itself (a missing fixture,
// a reference that fails), which the learner cannot fix.
type errExercise struct{ msg string }

func (e *errExercise) Error() string { return e.msg }

func exerciseErrorf(format string, a ...any) error {
	return &errExercise{fmt.Sprintf(format, a...)}
}

// errNoProgram is a step that runs the workspace's program in a workspace
// whose stack has none (no run command: its checks may only read files).
var errNoProgram = exerciseErrorf("this step runs the workspace's program, but the exercise's stack has no run command: give the stack one, or check its files with sql and git steps only")

// exerciseFailure fills sr for a problem with the exercise itself.
func exerciseFailure(sr *StepResult, err error) error {
	sr.Message = err.Error()
	sr.Diagnosis = "this is a problem with the exercise, not with your work: tell its author (`waymark curriculum validate` shows it too)"
	return err
}

// exerciseRun is what one Run keeps of the plan's exercise: the reference
// workspace, made once.
type exerciseRun struct {
	ex      *Exercise
	made    bool
	dir     string
	cleanup func()
	err     error
}

// reference returns the reference workspace's folder, making it the first
// time.
func (e *exerciseRun) reference(ctx context.Context) (string, error) {
	if e == nil || e.ex == nil || e.ex.Reference == nil {
		return "", exerciseErrorf("this step compares with the exercise's reference solution, and this run has none")
	}
	if !e.made {
		e.made = true
		e.dir, e.cleanup, e.err = e.ex.Reference(ctx)
		if e.err != nil {
			e.err = exerciseErrorf("the exercise's reference solution could not be prepared: %v", e.err)
		}
	}
	return e.dir, e.err
}

func (e *exerciseRun) hasReference() bool {
	return e != nil && e.ex != nil && e.ex.Reference != nil
}

func (e *exerciseRun) close() {
	if e != nil && e.cleanup != nil {
		e.cleanup()
	}
}

// readExerciseFile reads name from the exercise's folder, refusing a file
// over max bytes.
func (e *exerciseRun) readFile(name string, max int64) ([]byte, error) {
	if e == nil || e.ex == nil || e.ex.Files == nil {
		return nil, exerciseErrorf("this step reads %s from the exercise's folder, and this run has none", name)
	}
	f, err := e.ex.Files.Open(name)
	if err != nil {
		return nil, exerciseErrorf("the exercise has no %s: %v", name, unwrapPath(err))
	}
	defer f.Close()
	data, err := readCapped(f, max)
	if err != nil {
		return nil, exerciseErrorf("%s: %v", name, err)
	}
	return data, nil
}

// readWorkspaceFile reads name (a slash path relative to dir) through an
// os.Root, so that neither ../ nor a symbolic link leads outside the
// workspace.
func readWorkspaceFile(dir, name string, max int64) ([]byte, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.Open(name)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	return readCapped(f, max)
}

var errTooBig = errors.New("too big")

func readCapped(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: larger than %s", errTooBig, sizeText(max))
	}
	return data, nil
}

// unwrapPath drops the operation and path an *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// relativePath reports whether p is a clean slash path inside its folder
// ("." included), as check files must write them.
func relativePath(p string) bool {
	return p != "" && !strings.Contains(p, `\`) && fs.ValidPath(p) && path.Clean(p) == p
}
