package curriculum

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
)

// SetupRepo is the folder of a Git exercise's workspace that its setup
// builds: the repository the learner works in. The workspace's own files
// (README.md, .waymark.yaml) stay outside it, so the repository holds only
// the exercise's history.
const SetupRepo = "repo"

// Setup is a Git exercise's repository, declared step by step in
// exercise.yaml: Steps build the state the learner starts from (the
// starter), and Solution, applied after them, the state the checks expect
// (the reference). `waymark practice` builds it with go-git, so nothing
// but waymark is needed.
type Setup struct {
	Steps    []*SetupStep `yaml:"steps"`
	Solution []*SetupStep `yaml:"solution"`
}

// SetupStep is one thing done to the repository: exactly one of Commit,
// Branch, Checkout, Merge, Reset, Tag and Write.
type SetupStep struct {
	// Commit commits Files and Delete on the current branch with this
	// message; the first step of every setup is a commit, on main.
	Commit string `yaml:"commit"`
	// Branch creates a branch at HEAD and switches to it (git switch -c).
	Branch string `yaml:"branch"`
	// Checkout switches to an existing branch.
	Checkout string `yaml:"checkout"`
	// Merge makes a merge commit of HEAD and this branch (never a fast
	// forward). A file changed on one side only takes that side; Files
	// gives the merged content of those changed on both.
	Merge string `yaml:"merge"`
	// Reset moves the current branch to this branch's commit and makes the
	// work tree match it (git reset --hard).
	Reset string `yaml:"reset"`
	// Tag tags HEAD: annotated when Message is given, else lightweight.
	Tag string `yaml:"tag"`
	// Write is true to write Files into the work tree without committing
	// them: what the learner finds uncommitted.
	Write bool `yaml:"write"`

	Files   map[string]string `yaml:"files"`   // path → content (commit, merge, write)
	Delete  []string          `yaml:"delete"`  // paths to remove (commit)
	Message string            `yaml:"message"` // merge (default "Merge branch '<b>'"), tag
}

// Action names the step's one action and its argument.
func (s *SetupStep) Action() (kind, arg string) {
	for _, a := range []struct{ k, v string }{{"commit", s.Commit}, {"branch", s.Branch}, {"checkout", s.Checkout},
		{"merge", s.Merge}, {"reset", s.Reset}, {"tag", s.Tag}} {
		if a.v != "" {
			return a.k, a.v
		}
	}
	if s.Write {
		return "write", ""
	}
	return "", ""
}

var refNameRE = lazyregexp.New(`^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$`)

// setup checks the exercise's setup, as a learner's repository would be
// built from it: one action per step, each naming branches that exist by
// then, paths inside the repository.
func (v *exerciseValidator) setup() {
	s := v.ex.Setup
	if s == nil {
		return
	}
	for _, name := range keys(v.ex.Stacks) {
		if st := v.ex.Stacks[name]; st != nil && !st.RunsNothing() {
			v.addf("stacks."+name, "stack %q has a run command, but an exercise with a setup is checked on its repository: give it no run (`%s: {}`)", name, name)
		}
	}
	if len(s.Steps) == 0 {
		v.addf("setup.steps", "a setup needs steps: the commits the learner starts from")
	}
	if len(s.Solution) == 0 {
		v.addf("setup.solution", "a setup needs a solution: the steps that make the repository the checks expect, for the reference")
	}
	branches := map[string]bool{"main": true}
	tags := map[string]bool{}
	for _, list := range []struct {
		key   string
		steps []*SetupStep
	}{{"setup.steps", s.Steps}, {"setup.solution", s.Solution}} {
		for i, st := range list.steps {
			v.setupStep(fmt.Sprintf("%s[%d]", list.key, i), list.key == "setup.steps" && i == 0, st, branches, tags)
		}
	}
}

func (v *exerciseValidator) setupStep(at string, first bool, st *SetupStep, branches, tags map[string]bool) {
	if st == nil {
		v.addf(at, "a setup step needs an action: commit, branch, checkout, merge, reset, tag or write")
		return
	}
	var kinds []string
	for _, a := range []struct {
		k  string
		on bool
	}{{"commit", st.Commit != ""}, {"branch", st.Branch != ""}, {"checkout", st.Checkout != ""}, {"merge", st.Merge != ""},
		{"reset", st.Reset != ""}, {"tag", st.Tag != ""}, {"write", st.Write}} {
		if a.on {
			kinds = append(kinds, a.k)
		}
	}
	if len(kinds) != 1 {
		v.addf(at, "a setup step does exactly one of commit, branch, checkout, merge, reset, tag and write; this one has %s", orNone(kinds))
		return
	}
	kind, arg := st.Action()
	if first && kind != "commit" {
		v.addf(at+"."+kind, "the first setup step must be a commit: the repository starts empty, on main")
	}
	if (len(st.Files) > 0) && !slices.Contains([]string{"commit", "merge", "write"}, kind) {
		v.addf(at+".files", "files go with commit, merge or write, not %s", kind)
	}
	if len(st.Delete) > 0 && kind != "commit" {
		v.addf(at+".delete", "delete goes with commit, not %s", kind)
	}
	if st.Message != "" && kind != "merge" && kind != "tag" {
		v.addf(at+".message", "message goes with merge or tag, not %s (a commit's message is its value)", kind)
	}
	if (kind == "commit" || kind == "write") && len(st.Files) == 0 && len(st.Delete) == 0 {
		v.addf(at+"."+kind, "a %s step needs files (or delete) to change", kind)
	}
	for _, p := range append(keys(st.Files), st.Delete...) {
		if !fs.ValidPath(p) || p == "." || strings.Contains(p, `\`) || p == ".git" || strings.HasPrefix(p, ".git/") {
			v.addf(at+".files", "path %q must be a relative path inside the repository, outside .git", p)
		}
	}
	switch kind {
	case "branch", "tag":
		if !refNameRE.MatchString(arg) || strings.Contains(arg, "..") || strings.HasSuffix(arg, ".lock") {
			v.addf(at+"."+kind, "%q is not a name Git accepts for a %s", arg, kind)
		}
	}
	switch kind {
	case "branch":
		if branches[arg] {
			v.addf(at+".branch", "branch %q exists already: checkout switches to it", arg)
		}
		branches[arg] = true
	case "checkout", "merge", "reset":
		if !branches[arg] {
			v.addf(at+"."+kind, "there is no branch %q at this step%s", arg, suggest(arg, keys(branches)))
		}
	case "tag":
		if tags[arg] {
			v.addf(at+".tag", "tag %q exists already", arg)
		}
		tags[arg] = true
	}
}

func orNone(kinds []string) string {
	if len(kinds) == 0 {
		return "none"
	}
	return strings.Join(kinds, " and ")
}
