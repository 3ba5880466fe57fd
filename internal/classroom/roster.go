package classroom

import (
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/lazyregexp"
	"github.com/waymark-dev/waymark/internal/library"
	"github.com/waymark-dev/waymark/internal/yamlstrict"
)

// RosterFormat is the version of the class.yaml layout.
const RosterFormat = 1

// Roster is a class: class.yaml. It names the curriculum whose checks are
// run and, for each learner, where their progress and projects are.
type Roster struct {
	Format int `yaml:"format"`
	// Curriculum is "builtin", the name of an installed curriculum, or a
	// folder (a path starting with ".", "/" or "~"), relative to class.yaml.
	Curriculum string `yaml:"curriculum"`
	// AllowExec is the instructor's standing consent to run the learners'
	// code on this machine, the same as `class check --allow-exec`.
	AllowExec bool      `yaml:"allow_exec,omitempty"`
	Learners  []*Member `yaml:"learners"`

	// File is where the roster was read from; Dir its folder.
	File, Dir string `yaml:"-"`
	index     yamlstrict.Index
}

// Member is one learner of the class.
type Member struct {
	ID       string  `yaml:"id"`
	Name     string  `yaml:"name"`
	Email    string  `yaml:"email,omitempty"`
	Progress *Source `yaml:"progress,omitempty"`
	Projects []*Repo `yaml:"projects,omitempty"`
}

// Source is where a learner's progress file is: a path (a file or folder,
// relative to class.yaml), or a Git repository and optionally the path of
// the file inside it.
type Source struct {
	Path   string `yaml:"path,omitempty"`
	Git    string `yaml:"git,omitempty"`
	Branch string `yaml:"branch,omitempty"`
}

// Repo is one of a learner's project repositories: a Git URL or a local
// folder, the project it implements and in which stack.
type Repo struct {
	Project string `yaml:"project"`
	Stack   string `yaml:"stack"`
	Git     string `yaml:"git,omitempty"`
	Folder  string `yaml:"folder,omitempty"`
	Branch  string `yaml:"branch,omitempty"`
	// Path is the project's folder inside the repository, when it is not
	// the root.
	Path string `yaml:"path,omitempty"`
}

// Where names the repository for people: its URL or folder, branch, path.
func (r *Repo) Where() string {
	s := r.Git
	if s == "" {
		s = r.Folder
	}
	if r.Branch != "" {
		s += "#" + r.Branch
	}
	if r.Path != "" {
		s += ":" + r.Path
	}
	return s
}

var (
	idRE     = lazyregexp.New(`^[a-z0-9][a-z0-9._-]{0,62}$`)
	branchRE = lazyregexp.New(`^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$`)
)

// LoadRoster reads and validates a class.yaml. Every problem is reported,
// each at its file:line:col.
func LoadRoster(file string) (*Roster, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return ParseRoster(file, data)
}

// ParseRoster decodes and validates roster data read from file.
func ParseRoster(file string, data []byte) (*Roster, error) {
	r := &Roster{File: file, Dir: filepath.Dir(file)}
	ix, errs := yamlstrict.DecodeFile(file, data, r)
	r.index = ix
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	if err := r.validate().Err(); err != nil {
		return nil, err
	}
	return r, nil
}

// Pos is where path (as yamlstrict indexes it) sits in the roster file.
func (r *Roster) Pos(p string) curriculum.Pos { return r.index.At(p) }

func (r *Roster) validate() curriculum.Problems {
	var ps curriculum.Problems
	add := func(p, format string, a ...any) {
		ps = append(ps, &curriculum.Problem{Pos: r.Pos(p), Msg: fmt.Sprintf(format, a...)})
	}
	if r.Format != RosterFormat {
		add("format", "format must be %d", RosterFormat)
	}
	if strings.TrimSpace(r.Curriculum) == "" {
		add("curriculum", `curriculum is required: "builtin", an installed curriculum's name, or a folder such as ./course`)
	} else if !isFolderRef(r.Curriculum) && r.Curriculum != "builtin" && library.CheckName(r.Curriculum) != nil {
		add("curriculum", "curriculum %q is neither builtin, an installed curriculum's name nor a folder (start a folder with ./)", r.Curriculum)
	}
	seen := map[string]int{}
	for i, m := range r.Learners {
		at := fmt.Sprintf("learners[%d]", i)
		if m == nil {
			add(at, "a learner must be a mapping with id, name, progress and projects")
			continue
		}
		switch {
		case m.ID == "":
			add(at, "id is required")
		case !idRE.MatchString(m.ID):
			add(at+".id", "id %q must be lowercase letters, digits, '.', '_' or '-' (it names files and CI jobs)", m.ID)
		case seen[m.ID] > 0:
			add(at+".id", "id %q is already learner %d's", m.ID, seen[m.ID])
		default:
			seen[m.ID] = i + 1
		}
		if strings.TrimSpace(m.Name) == "" {
			add(at, "name is required")
		}
		if m.Progress != nil {
			ps = append(ps, r.validateSource(at+".progress", m.Progress)...)
		}
		projects := map[string]bool{}
		for j, repo := range m.Projects {
			pat := fmt.Sprintf("%s.projects[%d]", at, j)
			if repo == nil {
				add(pat, "a project must be a mapping with project, stack and git or folder")
				continue
			}
			ps = append(ps, r.validateRepo(pat, repo)...)
			if projects[repo.Project] {
				add(pat+".project", "project %q is listed twice for this learner", repo.Project)
			}
			projects[repo.Project] = true
		}
	}
	return ps
}

func (r *Roster) validateSource(at string, s *Source) curriculum.Problems {
	var ps curriculum.Problems
	add := func(p, format string, a ...any) {
		ps = append(ps, &curriculum.Problem{Pos: r.Pos(p), Msg: fmt.Sprintf(format, a...)})
	}
	switch {
	case s.Git == "" && s.Path == "":
		add(at, "progress needs path (a file or folder) or git (a repository URL)")
	case s.Git != "" && !library.IsGitURL(s.Git):
		add(at+".git", "git %q is not a Git URL (https://, ssh://, git@host:path or file://)", s.Git)
	case s.Git != "" && s.Path != "" && !cleanRel(s.Path):
		add(at+".path", "path %q must be a clean relative path inside the repository", s.Path)
	}
	if s.Branch != "" && (s.Git == "" || !branchRE.MatchString(s.Branch) || strings.Contains(s.Branch, "..")) {
		add(at+".branch", "branch %q needs git and must be a plain branch name", s.Branch)
	}
	return ps
}

func (r *Roster) validateRepo(at string, repo *Repo) curriculum.Problems {
	var ps curriculum.Problems
	add := func(p, format string, a ...any) {
		ps = append(ps, &curriculum.Problem{Pos: r.Pos(p), Msg: fmt.Sprintf(format, a...)})
	}
	if !idRE.MatchString(repo.Project) {
		add(at+".project", "project is required: a project id of the curriculum, such as tasks")
	}
	if !idRE.MatchString(repo.Stack) {
		add(at+".stack", "stack is required: one of the project's stacks, such as go or node")
	}
	switch {
	case (repo.Git == "") == (repo.Folder == ""):
		add(at, "a project needs exactly one of git (a repository URL) and folder (a local folder)")
	case repo.Git != "" && !library.IsGitURL(repo.Git):
		add(at+".git", "git %q is not a Git URL (https://, ssh://, git@host:path or file://)", repo.Git)
	}
	if repo.Branch != "" && (repo.Git == "" || !branchRE.MatchString(repo.Branch) || strings.Contains(repo.Branch, "..")) {
		add(at+".branch", "branch %q needs git and must be a plain branch name", repo.Branch)
	}
	if repo.Path != "" && !cleanRel(repo.Path) {
		add(at+".path", "path %q must be a clean relative path inside the repository", repo.Path)
	}
	return ps
}

// CheckProjects reports roster projects and stacks the curriculum does not
// have, each where the roster names it.
func (r *Roster) CheckProjects(projects map[string]*curriculum.Project) error {
	var ps curriculum.Problems
	for i, m := range r.Learners {
		for j, repo := range m.Projects {
			at := fmt.Sprintf("learners[%d].projects[%d]", i, j)
			p := projects[repo.Project]
			switch {
			case p == nil:
				ps = append(ps, &curriculum.Problem{Pos: r.Pos(at + ".project"),
					Msg: fmt.Sprintf("the curriculum has no project %q (it has: %s)", repo.Project, strings.Join(sortedIDs(projects), ", "))})
			case p.Stacks[repo.Stack] == nil:
				ps = append(ps, &curriculum.Problem{Pos: r.Pos(at + ".stack"),
					Msg: fmt.Sprintf("project %s has no stack %q (it has: %s)", repo.Project, repo.Stack, strings.Join(sortedIDs(p.Stacks), ", "))})
			}
		}
	}
	return ps.Err()
}

// Learner returns the learner with id, or nil.
func (r *Roster) Learner(id string) *Member {
	for _, m := range r.Learners {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// Resolve makes a roster-relative path absolute.
func (r *Roster) Resolve(p string) string {
	if strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[2:])
		}
	}
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	abs, err := filepath.Abs(filepath.Join(r.Dir, p))
	if err != nil {
		return filepath.Join(r.Dir, p)
	}
	return abs
}

// CurriculumFolder is the roster's curriculum as a folder, or "" when it
// is builtin or an installed one.
func (r *Roster) CurriculumFolder() string {
	if isFolderRef(r.Curriculum) {
		return r.Resolve(r.Curriculum)
	}
	return ""
}

func isFolderRef(s string) bool {
	return strings.HasPrefix(s, ".") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "~/")
}

// cleanRel reports whether p is a clean, relative, slash-separated path
// that stays inside its root.
func cleanRel(p string) bool {
	return p != "" && !strings.Contains(p, `\`) && !path.IsAbs(p) && path.Clean(p) == p && p != "." &&
		p != ".." && !strings.HasPrefix(p, "../")
}

func sortedIDs[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// IsRoster reports whether data looks like a class roster (a mapping with
// learners) rather than a progress file or export, without validating it.
func IsRoster(data []byte) bool {
	var head struct {
		Learners yaml.Node `yaml:"learners"`
	}
	return yaml.Unmarshal(data, &head) == nil && head.Learners.Kind != 0
}
