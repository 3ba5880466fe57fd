// Package scaffold generates a learner's project from a template: it walks a
// stack's reference solution once, with the shared folders laid under it
// (templates/_shared/<stack>/, templates/<project>/_shared/ and the folders
// the manifest maps in), strips the solution blocks the mode does not keep,
// renders the .tmpl files, rewrites the Go module path, writes .waymark.yaml,
// and puts the result in place atomically as a Git repository with its
// first commit. See docs/templates.md for the format.
package scaffold

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/gitrepo"
)

// Limits that keep a broken or hostile template from filling the disk.
const (
	MaxFileSize  = 4 << 20  // bytes per template file
	MaxTotalSize = 64 << 20 // bytes per generated project
	MaxFiles     = 5000     // files per generated project
)

// Options are what Generate needs to know.
type Options struct {
	Project *curriculum.Project
	Stack   string
	Mode    Mode
	// Module is the Go module path of the new project; empty means
	// DefaultModule(Name). Check it with CheckModule first for a friendly
	// error.
	Module string
	// Name is the project's name in rendered files; empty means the target
	// folder's base name.
	Name string
	// Curriculum is the id of the curriculum the template came from,
	// recorded in .waymark.yaml.
	Curriculum string
	// Kind is recorded in .waymark.yaml: "" for a project, KindExercise
	// for an exercise's workspace.
	Kind string
	// Extra are files added to the tree byte for byte, by slash path:
	// content that lives outside the stack folder, such as an exercise's
	// README made from its prompt. A path the stack also produces is an
	// error.
	Extra          map[string][]byte
	WaymarkVersion string
	// Dir is the target folder. It must not exist or be empty, unless Force.
	Dir string
	// Force writes into a non-empty Dir: files with the same names as
	// generated ones are replaced, every other file is kept. If Dir already
	// is a Git repository, no commit is made.
	Force bool
	// NoGit skips `git init` and the first commit.
	NoGit bool
	// DryRun renders everything in memory, so template errors still show,
	// and returns the file list without writing anything.
	DryRun bool
	// Author and Now sign the first commit; the zero values mean
	// gitrepo.FallbackAuthor and time.Now().
	Author gitrepo.Author
	Now    time.Time
}

// Result is what Generate made.
type Result struct {
	Dir    string   // the target folder, absolute
	Files  []string // slash-separated paths relative to Dir, sorted; .git not included
	Commit string   // the first commit's hash; empty without Git or on a dry run
	Module string   // the module path used
	Name   string   // the name used
	// GitSkipped says why no commit was made although Git was wanted.
	GitSkipped string
}

// ErrNotEmpty reports a target folder that already holds files.
var ErrNotEmpty = errors.New("folder is not empty")

// Generate renders project opts.Project's stack opts.Stack from templates
// (the folder holding <project>/project.yaml and <project>/<stack>/) into
// opts.Dir. It renders into a temporary folder beside the target and renames
// it into place, so a failure leaves nothing behind.
func Generate(ctx context.Context, templates fs.FS, opts Options) (*Result, error) {
	if opts.Project == nil {
		return nil, errors.New("scaffold: no project given")
	}
	if opts.Dir == "" {
		return nil, errors.New("scaffold: no target folder given")
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	res := &Result{Dir: dir, Name: opts.Name, Module: opts.Module}
	if res.Name == "" {
		res.Name = filepath.Base(dir)
	}
	if res.Module == "" {
		res.Module = DefaultModule(res.Name)
	}
	if err := CheckModule(res.Module); err != nil {
		return nil, err
	}
	opts.Name, opts.Module = res.Name, res.Module

	files, err := render(ctx, templates, opts)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		res.Files = append(res.Files, f.path)
	}
	author := opts.Author
	if author.Name == "" || author.Email == "" {
		author = gitrepo.FallbackAuthor
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	setup := opts.Project.Setup
	if opts.DryRun {
		if setup != nil {
			// Build it anyway, and throw it away: a setup that cannot be
			// built (a merge left unresolved) is a template error too.
			tmp, err := os.MkdirTemp("", "waymark-setup-")
			if err != nil {
				return nil, err
			}
			defer os.RemoveAll(tmp)
			if err := BuildSetup(filepath.Join(tmp, curriculum.SetupRepo), setup, opts.Mode.IsSolution(), author, now); err != nil {
				return nil, fmt.Errorf("%s: %w", path.Join(opts.Project.ID, curriculum.ExerciseFile), err)
			}
		}
		return res, nil
	}

	existing, err := targetState(dir, opts.Force)
	if err != nil {
		return nil, err
	}
	if setup != nil && existing == targetNonEmpty {
		// Two repositories laid over each other would be neither.
		if _, err := os.Lstat(filepath.Join(dir, curriculum.SetupRepo)); err == nil {
			return nil, fmt.Errorf("%s already holds a %s/ folder: remove it, or write the exercise somewhere else", dir, curriculum.SetupRepo)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	createdParent, err := mkdirParents(parent)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".waymark-*")
	if err != nil {
		removeCreated(createdParent)
		return nil, fmt.Errorf("making a temporary folder beside %s: %w", dir, err)
	}
	ok := false
	defer func() {
		if !ok {
			_ = os.RemoveAll(tmp)
			removeCreated(createdParent)
		}
	}()
	if err := writeFiles(tmp, files); err != nil {
		return nil, err
	}
	if setup != nil {
		// A Git exercise: the repository is the setup's, in repo/; the
		// workspace around it is no repository of its own.
		if err := BuildSetup(filepath.Join(tmp, curriculum.SetupRepo), setup, opts.Mode.IsSolution(), author, now); err != nil {
			return nil, fmt.Errorf("%s: %w", path.Join(opts.Project.ID, curriculum.ExerciseFile), err)
		}
	} else if !opts.NoGit {
		if existing == targetRepo {
			res.GitSkipped = dir + " already is a Git repository: the new files are left for you to commit"
		} else {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			msg := fmt.Sprintf("Initial commit from waymark %s (%s, %s)", opts.Project.ID, opts.Stack, opts.Mode.Label())
			if res.Commit, err = gitrepo.Init(tmp, author, msg, now); err != nil {
				return nil, err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := moveIntoPlace(tmp, dir, existing); err != nil {
		return nil, err
	}
	ok = true
	return res, nil
}

// Files is the sorted list of files Generate would write for a project,
// stack and mode (a dry run into a folder named after the project).
func Files(ctx context.Context, templates fs.FS, p *curriculum.Project, stack string, mode Mode) ([]string, error) {
	res, err := Generate(ctx, templates, Options{Project: p, Stack: stack, Mode: mode, Dir: p.ID, DryRun: true})
	if err != nil {
		return nil, err
	}
	return res.Files, nil
}

// targetKind is what the target folder holds before generating.
type targetKind int

const (
	targetNone     targetKind = iota // missing: rename the whole tree
	targetEmpty                      // an empty folder: replace it
	targetNonEmpty                   // files (with Force): merge
	targetRepo                       // a Git repository (with Force): merge, no commit
)

func targetState(dir string, force bool) (targetKind, error) {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return targetNone, nil
	}
	if err != nil {
		return 0, err
	}
	if !fi.IsDir() {
		return 0, fmt.Errorf("%s exists and is not a folder: choose another target", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	if len(entries) == 0 {
		return targetEmpty, nil
	}
	if !force {
		return 0, fmt.Errorf("%s: %w: choose another folder, or pass --force to write into it (files with the same names are replaced, others kept)", dir, ErrNotEmpty)
	}
	if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
		return targetRepo, nil
	}
	return targetNonEmpty, nil
}

// mkdirParents makes dir and its missing parents and returns the topmost
// folder it created ("" if none), for removal on failure.
func mkdirParents(dir string) (string, error) {
	top := ""
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		}
		top = d
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return top, nil
}

func removeCreated(top string) {
	if top != "" {
		_ = os.RemoveAll(top)
	}
}

func writeFiles(root string, files []file) error {
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.data, f.mode); err != nil {
			return err
		}
	}
	return nil
}

// moveIntoPlace moves the finished tree from tmp to dir.
func moveIntoPlace(tmp, dir string, kind targetKind) error {
	switch kind {
	case targetNone:
		return os.Rename(tmp, dir)
	case targetEmpty:
		if err := os.Remove(dir); err == nil {
			return os.Rename(tmp, dir)
		}
	}
	if err := mergeInto(tmp, dir); err != nil {
		return fmt.Errorf("moving the generated files into %s: %w", dir, err)
	}
	return os.RemoveAll(tmp)
}

// mergeInto moves every entry of src into dst: folders present in both are
// merged, anything else in dst with the same name is replaced.
func mergeInto(src, dst string) error {
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		from, to := filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())
		fi, err := os.Lstat(to)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return err
		case e.IsDir() && fi.IsDir():
			if err := mergeInto(from, to); err != nil {
				return err
			}
			continue
		default:
			if err := os.RemoveAll(to); err != nil {
				return err
			}
		}
		if err := os.Rename(from, to); err != nil {
			return err
		}
	}
	return nil
}

// sortFiles orders files by path, the order Result.Files promises.
func sortFiles(files []file) {
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.path, b.path) })
}

// stackRoot is the stack's folder inside templates.
func stackRoot(p *curriculum.Project, stack string) string { return path.Join(p.ID, stack) }
