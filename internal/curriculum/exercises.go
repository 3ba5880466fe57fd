package curriculum

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/internal/yamlstrict"
)

// reservedExerciseIDs are words `waymark practice` reads as a subcommand.
var reservedExerciseIDs = []string{"hint", "help"}

// LoadExercises reads and validates every exercises/<id>/ of content, sorted
// by id. c, when not nil, is the curriculum the exercises belong to: each
// exercise's topic must be one of its topics, and no exercise id may also be
// a step or topic id (`waymark practice <id>` takes all three). A content
// without an exercises folder has none. The error, when any exercise is
// invalid, is Problems: every problem of every exercise at once.
func LoadExercises(content fs.FS, c *Curriculum) ([]*Exercise, error) {
	entries, err := fs.ReadDir(content, ExercisesDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fileError(ExercisesDir, err)
	}
	var out []*Exercise
	var ps Problems
	declared := map[string][]string{} // exercise id → the folders whose manifest says it
	for _, e := range entries {
		if !e.IsDir() {
			continue // a README beside the exercises
		}
		ex, more := loadExercise(content, e.Name(), c)
		ps = append(ps, more...)
		if ex == nil {
			continue
		}
		declared[ex.ID] = append(declared[ex.ID], e.Name())
		if len(more) == 0 {
			out = append(out, ex)
		}
	}
	for _, id := range keys(declared) {
		if dirs := declared[id]; len(dirs) > 1 {
			for _, d := range dirs[1:] {
				ps = append(ps, &Problem{Pos: Pos{File: path.Join(ExercisesDir, d, ExerciseFile)},
					Msg: fmt.Sprintf("duplicate exercise id %q: exercises/%s declares it too", id, dirs[0])})
			}
		}
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b *Exercise) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// loadExercise reads exercises/<dir>/ and returns the exercise (nil when
// its manifest does not decode) and its problems; an exercise with problems
// is returned for its id only.
func loadExercise(content fs.FS, dir string, c *Curriculum) (*Exercise, Problems) {
	folder := path.Join(ExercisesDir, dir)
	name := path.Join(folder, ExerciseFile)
	data, err := readFile(content, name)
	if err != nil {
		msg := fmt.Sprintf("exercises/%s/ is not an exercise: it has no %s", dir, ExerciseFile)
		if !errors.Is(err, fs.ErrNotExist) {
			msg = cause(err).Error()
		} else if near := misnamed(content, folder); near != "" {
			msg += fmt.Sprintf(" (did you mean to name %s %s?)", near, ExerciseFile)
		}
		return nil, Problems{{Pos: Pos{File: name}, Msg: msg}}
	}
	var ex Exercise
	ix, ps := yamlstrict.DecodeFile(name, data, &ex)
	if len(ps) > 0 {
		return nil, ps
	}
	v := &exerciseValidator{ex: &ex, ix: ix, fsys: content, folder: folder}
	v.manifest(dir, c)
	v.stacks()
	v.setup()
	v.prompt()
	v.checks()
	return &ex, v.ps
}

// misnamed is the file of folder whose name is nearest to exercise.yaml,
// when one is near enough to be a slip (exercise.yml, excercise.yaml).
func misnamed(content fs.FS, folder string) string {
	entries, err := fs.ReadDir(content, folder)
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return Closest(ExerciseFile, names)
}

// exerciseValidator collects one exercise's problems.
type exerciseValidator struct {
	ex     *Exercise
	ix     yamlstrict.Index
	fsys   fs.FS
	folder string
	ps     Problems
}

func (v *exerciseValidator) addf(at, format string, a ...any) {
	v.ps = append(v.ps, &Problem{Pos: v.ix.At(at), Msg: fmt.Sprintf(format, a...)})
}

func (v *exerciseValidator) manifest(dir string, c *Curriculum) {
	ex := v.ex
	if ex.Format != 1 {
		v.addf("format", "format must be 1")
	}
	switch {
	case !idRE.MatchString(ex.ID):
		v.addf("id", "exercise id %q must be lowercase words joined by hyphens, like two-sum", ex.ID)
	case ex.ID != dir:
		v.addf("id", "id %q must match its folder name %q", ex.ID, dir)
	case slices.Contains(reservedExerciseIDs, ex.ID):
		v.addf("id", "exercise id %q is a word `waymark practice` keeps for itself: choose another", ex.ID)
	case c != nil && (c.Step(ex.ID) != nil || c.Topic(ex.ID) != nil):
		v.addf("id", "exercise id %q is also a step or topic id, which `waymark practice %s` could not tell apart: choose another", ex.ID, ex.ID)
	}
	for _, f := range []struct{ key, val string }{{"title", ex.Title}, {"summary", ex.Summary}, {"topic", ex.Topic}} {
		if strings.TrimSpace(f.val) == "" {
			v.addf(f.key, "%s is required", f.key)
		}
	}
	if ex.Topic != "" && c != nil && c.Topic(ex.Topic) == nil {
		ids := make([]string, 0, len(c.topics))
		for id := range c.topics {
			ids = append(ids, id)
		}
		v.addf("topic", "topic %q is not a topic of this curriculum%s", ex.Topic, suggest(ex.Topic, ids))
	}
	if !slices.Contains([]string{"beginner", "intermediate", "advanced"}, ex.Difficulty) {
		v.addf("difficulty", "difficulty must be beginner, intermediate or advanced")
	}
	if len(ex.Hints) == 0 {
		v.addf("hints", "an exercise needs at least one hint: the first is what a learner reads when a check fails")
	}
	for i, h := range ex.Hints {
		if strings.TrimSpace(h) == "" {
			v.addf(fmt.Sprintf("hints[%d]", i), "hint %d is empty", i+1)
		}
	}
}

func (v *exerciseValidator) stacks() {
	ex := v.ex
	if len(ex.Stacks) == 0 {
		v.addf("stacks", "an exercise needs at least one stack")
	}
	for _, name := range keys(ex.Stacks) {
		s := ex.Stacks[name]
		sp := "stacks." + name
		if s == nil {
			v.addf(sp, "stack %q is empty: give it run, or write `%s: {}` for a stack whose checks only read its files (sql, git)", name, name)
			continue
		}
		if s.Server() && strings.TrimSpace(s.Run) == "" {
			v.addf(sp, "run is required for a server: the command that starts it")
		}
		switch {
		case (s.PortEnv == "") != (s.Health == ""):
			v.addf(sp, "port_env and health go together: give both for a server, neither for a program")
		case s.Health != "" && !strings.HasPrefix(s.Health, "/"):
			v.addf(sp+".health", "health must be a path like /healthz")
		}
		for _, f := range keys(s.SolutionOnly) {
			if !fs.ValidPath(strings.TrimSuffix(f, "/")) {
				v.addf(sp+".solution_only."+f, "path %q must be relative and stay inside the stack folder", f)
			}
			if m := s.SolutionOnly[f]; m != SolveMilestone {
				v.addf(sp+".solution_only."+f, "unknown milestone %q: an exercise has one, %s", m, SolveMilestone)
			}
		}
		for _, m := range keys(s.Hints) {
			if m != SolveMilestone {
				v.addf(sp+".hints."+m, "hint for unknown milestone %q: an exercise has one, %s", m, SolveMilestone)
			}
		}
		if info, err := fs.Stat(v.fsys, path.Join(v.folder, name)); (err != nil || !info.IsDir()) && ex.Setup == nil {
			v.addf(sp, "stack %q has no folder %s/%s with its reference solution", name, v.folder, name)
		}
	}
}

func (v *exerciseValidator) prompt() {
	name := path.Join(v.folder, PromptFile)
	data, err := readFile(v.fsys, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		v.ps = append(v.ps, &Problem{Pos: Pos{File: name}, Msg: "the prompt is missing: write what to build and why in " + name})
	case err != nil:
		v.ps = append(v.ps, &Problem{Pos: Pos{File: name}, Msg: cause(err).Error()})
	case strings.TrimSpace(string(data)) == "":
		v.ps = append(v.ps, &Problem{Pos: Pos{File: name, Line: 1}, Msg: "the prompt is empty: write what to build and why"})
	default:
		v.ex.Prompt = string(data)
	}
}

// checks makes sure the exercise has check files and that each proves the
// one milestone there is. The steps themselves are the check engine's to
// validate, when the exercise is checked or the curriculum validated.
func (v *exerciseValidator) checks() {
	dir := path.Join(v.folder, "checks")
	entries, err := fs.ReadDir(v.fsys, dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		v.ps = append(v.ps, &Problem{Pos: Pos{File: dir}, Msg: cause(err).Error()})
		return
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || !(strings.HasSuffix(e.Name(), ".yaml") || strings.HasSuffix(e.Name(), ".yml")) {
			continue
		}
		n++
		name := path.Join(dir, e.Name())
		data, err := readFile(v.fsys, name)
		if err != nil {
			v.ps = append(v.ps, &Problem{Pos: Pos{File: name}, Msg: cause(err).Error()})
			continue
		}
		if at, m, ok := milestoneOf(name, data); ok && m != SolveMilestone {
			v.ps = append(v.ps, &Problem{Pos: at, Msg: fmt.Sprintf("unknown milestone %q: an exercise has one, %s (milestone: %s)", m, SolveMilestone, SolveMilestone)})
		}
	}
	if n == 0 {
		v.ps = append(v.ps, &Problem{Pos: Pos{File: dir}, Msg: fmt.Sprintf("the exercise has no checks: add %s/solve.yaml with `milestone: %s`", dir, SolveMilestone)})
	}
}

// milestoneOf finds a check file's top-level milestone value and where it
// is. A file that does not parse reports nothing here: the check decoder
// names its problems.
func milestoneOf(name string, data []byte) (Pos, string, bool) {
	root, errs := yamlstrict.Parse(name, data)
	if errs != nil || root.Kind != yaml.MappingNode {
		return Pos{}, "", false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k, val := root.Content[i], root.Content[i+1]; k.Value == "milestone" && val.Kind == yaml.ScalarNode {
			return Pos{File: name, Line: val.Line, Col: val.Column}, val.Value, true
		}
	}
	return Pos{}, "", false
}
