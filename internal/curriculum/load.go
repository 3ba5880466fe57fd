package curriculum

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/waymark-dev/waymark/internal/yamlstrict"
)

// File is the name of a curriculum's root file.
const File = "curriculum.yaml"

// MaxFileSize bounds every file read from a curriculum, which may come from
// a stranger's Git repository.
const MaxFileSize = 8 << 20

// Load reads curriculum.yaml, the lessons it names and the exercises under
// exercises/ from content, and validates them. When templates is not nil, the projects a step links must
// exist there as templates/<id>/project.yaml. The error, when the curriculum
// is invalid, is Problems: every problem, each with file, line and column.
func Load(content, templates fs.FS) (*Curriculum, error) {
	data, err := readFile(content, File)
	if err != nil {
		return nil, err
	}
	c, err := Parse(data, File)
	if err != nil {
		return nil, err
	}
	return c.attach(content, templates)
}

// attach reads c's exercises, checks that the lessons c names are files
// within the size limit and that its project links lead to templates.
// Exercises are files of their own, so a cached curriculum still reads
// them every time; lessons are read when asked for (Lesson): most
// commands never show one, and reading them all was a third of what
// `waymark status` cost.
func (c *Curriculum) attach(content, templates fs.FS) (*Curriculum, error) {
	return c.attachWith(content, templates, LoadExercises)
}

// attachWith is attach with the exercises read by loadExercises (through
// the cache, say).
func (c *Curriculum) attachWith(content, templates fs.FS, loadExercises func(fs.FS, *Curriculum) ([]*Exercise, error)) (*Curriculum, error) {
	var ps Problems
	exercises, err := loadExercises(content, c)
	var more Problems
	switch {
	case errors.As(err, &more):
		ps = append(ps, more...)
	case err != nil:
		return nil, err
	}
	c.exercises = exercises
	for si, s := range c.Steps {
		for ti, t := range s.Topics {
			if t.Lesson == "" {
				continue
			}
			at := c.pos(fmt.Sprintf("steps[%d].topics[%d].lesson", si, ti))
			if !fs.ValidPath(t.Lesson) || strings.Contains(t.Lesson, `\`) {
				ps = append(ps, &Problem{Pos: at, Msg: fmt.Sprintf("lesson path %q must be relative and stay inside the curriculum folder: write it like lessons/a.md (/ between folders, no leading /, no . or ..)", t.Lesson)})
				continue
			}
			if err := checkFile(content, t.Lesson); err != nil {
				ps = append(ps, &Problem{Pos: at, Msg: fmt.Sprintf("lesson %s: %v", t.Lesson, cause(err))})
			}
		}
		if templates != nil {
			for pi, id := range s.Projects {
				if _, err := fs.Stat(templates, path.Join(id, ProjectFile)); err != nil {
					msg := fmt.Sprintf("project %q has no templates/%s/%s", id, id, ProjectFile)
					var le *LinkError
					if errors.As(err, &le) {
						msg = fmt.Sprintf("project %q: %v", id, le)
					}
					ps = append(ps, &Problem{Pos: c.pos(fmt.Sprintf("steps[%d].projects[%d]", si, pi)), Msg: msg})
				}
			}
		}
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	c.content = content
	return c, nil
}

// Lesson returns the Markdown of topic id's lesson, read from the file the
// topic names, or "" when it has none. Load checked the file, so an error
// means the file has changed since.
func (c *Curriculum) Lesson(id string) (string, error) {
	t := c.Topic(id)
	if t == nil || t.Lesson == "" || c.content == nil {
		return "", nil
	}
	data, err := readFile(c.content, t.Lesson)
	if err != nil {
		return "", fmt.Errorf("lesson %s: %w", t.Lesson, cause(err))
	}
	return string(data), nil
}

// Parse decodes and validates a curriculum file's bytes; name is used in
// problem positions. Lessons and project links are not checked (see Load).
func Parse(data []byte, name string) (*Curriculum, error) {
	var c Curriculum
	ix, errs := yamlstrict.DecodeFile(name, data, &c)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	c.file, c.index = name, ix
	if err := c.validate(); err != nil {
		return nil, err
	}
	c.link()
	return &c, nil
}

func readFile(fsys fs.FS, name string) ([]byte, error) {
	if err := checkFile(fsys, name); err != nil {
		return nil, err
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fileError(name, err)
	}
	return data, nil
}

// checkFile checks that name is a file no bigger than MaxFileSize.
func checkFile(fsys fs.FS, name string) error {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return fileError(name, err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s: %w", name, errors.New("is not a file"))
	}
	if info.Size() > MaxFileSize {
		return fmt.Errorf("%s: %w", name, fmt.Errorf("%d bytes is over the %d byte limit", info.Size(), MaxFileSize))
	}
	return nil
}

// fileError names the file a read of name failed on. A LinkError names
// its link already, and is told that a file was wanted.
func fileError(name string, err error) error {
	var le *LinkError
	if errors.As(err, &le) {
		le.readingFile()
		return le
	}
	return fmt.Errorf("%s: %w", name, err)
}

// cause is what went wrong in a readFile error, without the file's name.
func cause(err error) error {
	var le *LinkError
	if errors.As(err, &le) {
		return le
	}
	if u := errors.Unwrap(err); u != nil {
		return u
	}
	return err
}

func (c *Curriculum) pos(path string) Pos { return c.index.At(path) }

// link fills the lookup maps and each topic's step id.
func (c *Curriculum) link() {
	c.topics = map[string]*Topic{}
	c.steps = map[string]*Step{}
	for _, s := range c.Steps {
		c.steps[s.ID] = s
		for _, t := range s.Topics {
			t.Step = s.ID
			c.topics[t.ID] = t
		}
	}
}

// Topic returns the topic with id, or nil.
func (c *Curriculum) Topic(id string) *Topic { return c.topics[id] }

// Step returns the step with id, or nil.
func (c *Curriculum) Step(id string) *Step { return c.steps[id] }

// Topics returns every topic in roadmap order.
func (c *Curriculum) Topics() []*Topic {
	var all []*Topic
	for _, s := range c.Steps {
		all = append(all, s.Topics...)
	}
	return all
}

// Unlocks returns the topics that require id, in roadmap order.
func (c *Curriculum) Unlocks(id string) []*Topic {
	var out []*Topic
	for _, t := range c.Topics() {
		for _, r := range t.Requires {
			if r == id {
				out = append(out, t)
			}
		}
	}
	return out
}

// Skill returns the skill with id, or nil.
func (c *Curriculum) Skill(id string) *Skill {
	for _, s := range c.Skills {
		if s.ID == id {
			return s
		}
	}
	return nil
}
