package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/atomicfile"
	"github.com/waymark-dev/waymark/internal/classroom"
	"github.com/waymark-dev/waymark/internal/gitrepo"
	"github.com/waymark-dev/waymark/internal/lazyregexp"
)

// ClassCIOptions are the inputs of `waymark class ci`.
type ClassCIOptions struct {
	F        *Factory
	Roster   string
	Dir      string
	Provider string
	Force    bool
}

// NewCmdClassCI builds `waymark class ci`.
func NewCmdClassCI(f *Factory, runF func(*ClassCIOptions) error) *cobra.Command {
	opts := &ClassCIOptions{F: f}
	cmd := &cobra.Command{
		Use:   "ci <roster>",
		Short: "Write CI files that check a class, one job per learner's project",
		Long: `Write CI configuration that checks the class beyond one machine: a GitHub
Actions workflow (.github/workflows/waymark-class.yml, a matrix) and a GitLab
CI pipeline (.gitlab-ci.yml, parallel:matrix jobs). Each job installs
waymark and runs waymark class check for one learner's project, with the
curriculum's checks and manifest, and keeps the results document as an
artifact; a last job merges them with waymark class report --results into
the gradebook (an HTML artifact).

The files go in --dir, the root of the repository holding the roster
(default: the roster's folder). Existing files are kept unless --force.`,
		Example: "  waymark class init ~/class.yaml && waymark class ci ~/class.yaml\n  waymark class init ~/c.yaml && waymark class ci ~/c.yaml --provider github --force",
		Args:    needs(1, 1, "the class roster (class.yaml)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Roster = args[0]
			if opts.Provider != "github" && opts.Provider != "gitlab" && opts.Provider != "both" {
				return usageErrorf("--provider must be github, gitlab or both, not %q", opts.Provider)
			}
			if runF != nil {
				return runF(opts)
			}
			return classCIRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Dir, "dir", "", "the repository's root `folder` (default: the roster's folder)")
	cmd.Flags().StringVar(&opts.Provider, "provider", "both", "github, gitlab or both")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace existing CI files")
	return cmd
}

var goMinor = lazyregexp.New(`^go(\d+\.\d+)`)

func classCIRun(opts *ClassCIOptions) error {
	f := opts.F
	cl, err := loadClass(f, opts.Roster)
	if err != nil {
		return err
	}
	root := opts.Dir
	if root == "" {
		root = filepath.Dir(opts.Roster)
	}
	absRoot, _ := filepath.Abs(root)
	absRoster, _ := filepath.Abs(opts.Roster)
	rel, err := filepath.Rel(absRoot, absRoster)
	if err != nil || strings.HasPrefix(rel, "..") {
		return usageErrorf("the roster %s is not inside --dir %s: the CI jobs read it from the repository", opts.Roster, root)
	}
	o := classroom.CIOptions{Roster: filepath.ToSlash(rel), Version: Version, GoVersion: "1.26"}
	if m := goMinor.FindStringSubmatch(runtime.Version()); m != nil {
		o.GoVersion = m[1]
	}
	r := cl.roster
	if r.CurriculumFolder() == "" && r.Curriculum != "builtin" {
		lib, err := f.Library()
		if err != nil {
			return err
		}
		if url := gitrepo.OriginURL(lib.Path(r.Curriculum)); url != "" {
			o.InstallCurriculum = fmt.Sprintf("waymark curriculum add '%s' --name %s && waymark curriculum use %s", url, r.Curriculum, r.Curriculum)
		} else {
			fmt.Fprintf(f.IO.ErrOut, "warning: curriculum %s was not installed from a Git URL: add a step installing it to the CI files, or commit it beside the roster and name it as a folder\n", r.Curriculum)
		}
	}
	type file struct {
		path  string
		write func(*classroom.Roster, classroom.CIOptions) (string, error)
	}
	var files []file
	if opts.Provider != "gitlab" {
		files = append(files, file{filepath.Join(root, ".github", "workflows", "waymark-class.yml"), classroom.GitHubWorkflow})
	}
	if opts.Provider != "github" {
		files = append(files, file{filepath.Join(root, ".gitlab-ci.yml"), classroom.GitLabPipeline})
	}
	for _, fl := range files {
		if _, err := os.Lstat(fl.path); err == nil && !opts.Force {
			return fmt.Errorf("%s exists; pass --force to replace it", fl.path)
		}
	}
	for _, fl := range files {
		text, err := fl.write(r, o)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(fl.path), 0o755); err != nil {
			return err
		}
		if err := atomicfile.Write(fl.path, []byte(text)); err != nil {
			return err
		}
		fmt.Fprintf(f.IO.ErrOut, "Wrote %s.\n", fl.path)
	}
	return nil
}
