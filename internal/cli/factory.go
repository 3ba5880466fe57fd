package cli

import (
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/iostreams"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/roadmap"
	"github.com/waymark-dev/waymark/templates"
)

// Factory holds what commands depend on and what varies between a real run
// and a test: streams, environment, clock, and the content and progress
// locations chosen by the global flags.
type Factory struct {
	IO     *iostreams.IOStreams
	Getenv func(string) string
	Now    func() time.Time

	// Set by the root command's persistent flags.
	ProgressFlag   string
	CurriculumFlag string

	loadOnce   sync.Once
	content    *curriculum.Curriculum
	contentErr error
}

// NewFactory returns a factory over the given streams, environment and clock.
func NewFactory(io *iostreams.IOStreams, getenv func(string) string, now func() time.Time) *Factory {
	return &Factory{IO: io, Getenv: getenv, Now: now}
}

// Curriculum loads and validates the curriculum in use: --curriculum DIR if
// given, else the built-in backend roadmap.
func (f *Factory) Curriculum() (*curriculum.Curriculum, error) {
	f.loadOnce.Do(func() {
		fsys, name := f.contentFS()
		// The built-in roadmap links projects whose templates are still to
		// come, so only an instructor's curriculum has its links checked here.
		var tmpl fs.FS
		if f.CurriculumFlag != "" {
			tmpl, _ = f.Templates()
		}
		c, err := curriculum.Load(fsys, tmpl)
		if err != nil {
			f.contentErr = fmt.Errorf("curriculum %s is invalid:\n%w", name, err)
			return
		}
		f.content = c
	})
	return f.content, f.contentErr
}

// Templates returns the project templates of the curriculum in use.
func (f *Factory) Templates() (fs.FS, error) {
	if f.CurriculumFlag != "" {
		return fs.Sub(os.DirFS(f.CurriculumFlag), "templates")
	}
	return templates.FS, nil
}

func (f *Factory) contentFS() (fs.FS, string) {
	if f.CurriculumFlag != "" {
		return os.DirFS(f.CurriculumFlag), f.CurriculumFlag
	}
	return roadmap.FS, "(built-in)"
}

// ProgressStore returns the learner's progress store.
func (f *Factory) ProgressStore() (*progress.Store, error) {
	path, err := progress.ResolvePath(f.ProgressFlag, f.Getenv)
	if err != nil {
		return nil, err
	}
	return progress.Open(path), nil
}
