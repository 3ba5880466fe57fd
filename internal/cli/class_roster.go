package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/classroom"
	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/library"
	"github.com/waymark-dev/waymark/roadmap"
	"github.com/waymark-dev/waymark/templates"
)

// class is a roster with the curriculum it names, loaded and checked.
type class struct {
	roster    *classroom.Roster
	content   *curriculum.Curriculum
	templates fs.FS
	projects  map[string]*curriculum.Project
}

// loadClass reads a roster and its curriculum, and checks that every
// project and stack it names exists there.
func loadClass(f *Factory, file string) (*class, error) {
	r, err := classroom.LoadRoster(file)
	if err != nil {
		return nil, err
	}
	cl := &class{roster: r}
	contentFS, name := fs.FS(roadmap.FS), "(built-in)"
	cl.templates = templates.FS
	dir := r.CurriculumFolder()
	if dir == "" && r.Curriculum != "builtin" {
		lib, err := f.Library()
		if err != nil {
			return nil, err
		}
		if !lib.Has(r.Curriculum) {
			return nil, fmt.Errorf("%s names curriculum %q, which is not installed: install it with `waymark curriculum add <url> --name %s`", file, r.Curriculum, r.Curriculum)
		}
		dir = lib.Path(r.Curriculum)
	}
	if dir != "" {
		folder, err := curriculum.OpenFolder(dir)
		if err != nil {
			return nil, fmt.Errorf("curriculum %s cannot be read: %w", dir, err)
		}
		if cl.templates, err = fs.Sub(folder, "templates"); err != nil {
			return nil, err
		}
		contentFS, name = folder, dir
	}
	if cl.content, err = f.curriculumCache().Load(contentFS, cl.templates); err != nil {
		return nil, fmt.Errorf("curriculum %s is invalid:\n%w", name, err)
	}
	ps, err := curriculum.LoadProjects(cl.templates)
	if err != nil {
		return nil, err
	}
	cl.projects = map[string]*curriculum.Project{}
	for _, p := range ps {
		cl.projects[p.ID] = p
	}
	if err := r.CheckProjects(cl.projects); err != nil {
		return nil, err
	}
	return cl, nil
}

// classCache is where a roster's clones, cached results and latest results
// live; "" when waymark has no cache folder.
func (f *Factory) classCache() string {
	if dir := f.cacheDir(); dir != "" {
		return filepath.Join(dir, "class")
	}
	return ""
}

// lastResults is the file holding a roster's latest results, keyed by the
// roster's absolute path.
func (f *Factory) lastResults(roster string) string {
	dir := f.classCache()
	if dir == "" {
		return ""
	}
	abs, err := filepath.Abs(roster)
	if err != nil {
		abs = roster
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, "last", hex.EncodeToString(sum[:8])+".json")
}

// NewCmdClassInit builds `waymark class init`.
func NewCmdClassInit(f *Factory, runF func(file string) error) *cobra.Command {
	return &cobra.Command{
		Use:   "init [file]",
		Short: "Write a commented example class roster (class.yaml)",
		Long: `Write a commented, valid example roster to file (default class.yaml): the
curriculum, and per learner an id, a name, where their progress file is and
their project repositories. It never replaces a file.`,
		Example: "  waymark class init\n  waymark class init ~/teaching/class.yaml",
		Args:    needs(0, 1, "the roster file to write"),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := "class.yaml"
			if len(args) == 1 {
				file = args[0]
			}
			if runF != nil {
				return runF(file)
			}
			if err := classroom.WriteExample(file); err != nil {
				return err
			}
			fmt.Fprintf(f.IO.ErrOut, "Wrote %s. Add learners with `waymark class add-learner %s`, then run `waymark class check %s`.\n", file, file, file)
			return nil
		},
	}
}

// ClassAddOptions are the inputs of `waymark class add-learner`.
type ClassAddOptions struct {
	F        *Factory
	Roster   string
	Member   classroom.Member
	Repo     classroom.Repo
	Progress string
}

// NewCmdClassAddLearner builds `waymark class add-learner`.
func NewCmdClassAddLearner(f *Factory, runF func(*ClassAddOptions) error) *cobra.Command {
	opts := &ClassAddOptions{F: f}
	cmd := &cobra.Command{
		Use:   "add-learner <roster> --id ID --name NAME [--project P --stack S --git URL | --folder DIR]",
		Short: "Add a learner to a class roster",
		Long: `Add a learner to the roster, keeping its comments, and save it atomically.
The roster must be valid before and after: a taken id, or a project without
a stack or a source, changes nothing. --progress is a progress file or
folder (relative to the roster) or a Git URL; one project may be given here,
more by editing the file.`,
		Example: "  waymark class init ~/class.yaml && waymark class add-learner ~/class.yaml --id lin --name 'Lin Wei' --progress progress/lin.yaml --project tasks --stack go --folder submissions/lin/tasks",
		Args:    needs(1, 1, "the roster file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Roster = args[0]
			if opts.Member.ID == "" || opts.Member.Name == "" {
				return usageErrorf("add-learner needs --id and --name")
			}
			if runF != nil {
				return runF(opts)
			}
			return classAddRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Member.ID, "id", "", "the learner's `id` (lowercase; names result files and CI jobs)")
	fl.StringVar(&opts.Member.Name, "name", "", "the learner's `name`")
	fl.StringVar(&opts.Member.Email, "email", "", "the learner's `email`")
	fl.StringVar(&opts.Progress, "progress", "", "their progress file or folder, or a Git URL of a repository holding it")
	fl.StringVar(&opts.Repo.Project, "project", "", "a `project` of the curriculum they work on")
	fl.StringVar(&opts.Repo.Stack, "stack", "", "the project's `stack` (go, node…)")
	fl.StringVar(&opts.Repo.Git, "git", "", "the project's Git repository `URL`")
	fl.StringVar(&opts.Repo.Folder, "folder", "", "the project's local `folder` instead of a Git URL")
	fl.StringVar(&opts.Repo.Branch, "branch", "", "the `branch` to check (default: the repository's default)")
	fl.StringVar(&opts.Repo.Path, "path", "", "the project's folder inside the repository")
	return cmd
}

func classAddRun(opts *ClassAddOptions) error {
	m := opts.Member
	if p := opts.Progress; p != "" {
		if library.IsGitURL(p) {
			m.Progress = &classroom.Source{Git: p}
		} else {
			m.Progress = &classroom.Source{Path: p}
		}
	}
	if opts.Repo != (classroom.Repo{}) {
		repo := opts.Repo
		m.Projects = []*classroom.Repo{&repo}
	}
	if err := classroom.AddLearner(opts.Roster, &m); err != nil {
		return err
	}
	fmt.Fprintf(opts.F.IO.ErrOut, "Added %s (%s) to %s.\n", m.Name, m.ID, opts.Roster)
	return nil
}

// isRoster reports whether file is a class roster rather than a progress
// file: a YAML mapping with learners.
func isRoster(file string) bool {
	info, err := os.Stat(file)
	if err != nil || info.IsDir() || info.Size() > classroom.MaxFileSize {
		return false
	}
	data, err := os.ReadFile(file)
	return err == nil && classroom.IsRoster(data)
}
