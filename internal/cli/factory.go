package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/iostreams"
	"github.com/waymark-dev/waymark/internal/library"
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

	folderOnce sync.Once
	folder     *curriculum.Folder
	folderErr  error
}

// NewFactory returns a factory over the given streams, environment and clock.
func NewFactory(io *iostreams.IOStreams, getenv func(string) string, now func() time.Time) *Factory {
	return &Factory{IO: io, Getenv: getenv, Now: now}
}

// Curriculum loads and validates the curriculum in use: --curriculum DIR if
// given, else the active installed curriculum (`waymark curriculum use`),
// else the built-in backend roadmap.
func (f *Factory) Curriculum() (*curriculum.Curriculum, error) {
	f.loadOnce.Do(func() {
		folder, err := f.contentFolder()
		if err != nil {
			f.contentErr = err
			return
		}
		fsys, name := fs.FS(roadmap.FS), "(built-in)"
		if folder != nil {
			fsys, name = folder, folder.Dir()
		}
		tmpl, _ := f.Templates()
		c, err := f.curriculumCache().Load(fsys, tmpl)
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
	folder, err := f.contentFolder()
	if err != nil {
		return nil, err
	}
	if folder != nil {
		return fs.Sub(folder, "templates")
	}
	return templates.FS, nil
}

// Exercises returns the curriculum's exercises folder (one folder per
// exercise), the templates folder of exercise workspaces.
func (f *Factory) Exercises() (fs.FS, error) {
	folder, err := f.contentFolder()
	if err != nil {
		return nil, err
	}
	if folder != nil {
		return fs.Sub(folder, curriculum.ExercisesDir)
	}
	return fs.Sub(roadmap.FS, curriculum.ExercisesDir)
}

// contentFolder opens the folder of the curriculum in use, once, confined
// to itself (see curriculum.Folder); nil means the built-in one. It stays
// open for the life of the command.
func (f *Factory) contentFolder() (*curriculum.Folder, error) {
	f.folderOnce.Do(func() {
		dir, err := f.ContentDir()
		if err != nil || dir == "" {
			f.folderErr = err
			return
		}
		f.folder, err = curriculum.OpenFolder(dir)
		if err != nil {
			f.folderErr = fmt.Errorf("curriculum %s cannot be read: %w", dir, err)
		}
	})
	return f.folder, f.folderErr
}

// ContentDir is the folder of the curriculum in use: the --curriculum flag,
// else the active installed curriculum; "" means the built-in one.
func (f *Factory) ContentDir() (string, error) {
	if f.CurriculumFlag != "" {
		return f.CurriculumFlag, nil
	}
	lib, err := f.Library()
	if err != nil {
		// No data folder at all: nothing can be installed either.
		return "", nil
	}
	name, err := lib.Active()
	if err != nil || name == "" {
		return "", err
	}
	return lib.Path(name), nil
}

// Library returns the installed curricula.
func (f *Factory) Library() (*library.Library, error) {
	return library.Open(f.Getenv)
}

// ProgressStore returns the learner's progress store.
func (f *Factory) ProgressStore() (*progress.Store, error) {
	path, err := progress.ResolvePath(f.ProgressFlag, f.Getenv)
	if err != nil {
		return nil, err
	}
	store := progress.Open(path)
	if dir := f.cacheDir(); dir != "" {
		store.CacheDir = filepath.Join(dir, "progress")
	}
	return store, nil
}

// cacheDir is waymark's cache folder: $XDG_CACHE_HOME/waymark, else
// ~/.cache/waymark; "" (no caching) when neither is known.
func (f *Factory) cacheDir() string {
	base := f.Getenv("XDG_CACHE_HOME")
	if !filepath.IsAbs(base) {
		base = ""
		if home := f.Getenv("HOME"); filepath.IsAbs(home) {
			base = filepath.Join(home, ".cache")
		}
	}
	if base == "" {
		return ""
	}
	return filepath.Join(base, "waymark")
}

// curriculumCache keeps parsed curricula between runs; the built-in one,
// part of this very binary, is sealed by the binary's build.
func (f *Factory) curriculumCache() curriculum.Cache {
	dir := f.cacheDir()
	if dir == "" {
		return curriculum.Cache{}
	}
	cc := curriculum.Cache{Dir: filepath.Join(dir, "curricula")}
	if folder, err := f.contentFolder(); folder == nil && err == nil {
		cc.Sealed = buildID()
	}
	return cc
}

// buildID names the running executable's build: its path, size and time
// of writing, which a new build or install changes. "" when it cannot be
// told, so that nothing is sealed.
var buildID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	info, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s %d %d", exe, info.Size(), info.ModTime().UnixNano())
})
