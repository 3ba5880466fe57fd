package curriculum

// Project is a mini project's manifest, read from templates/<id>/project.yaml.
// Each stack directory beside it holds the runnable reference solution; the
// learner's starter is derived from it by stripping solution blocks.
type Project struct {
	Format     int               `yaml:"format"`
	ID         string            `yaml:"id"`
	Title      string            `yaml:"title"`
	Summary    string            `yaml:"summary"`
	Difficulty string            `yaml:"difficulty"` // beginner, intermediate or advanced
	Version    string            `yaml:"version"`    // the template's own version, recorded in .waymark.yaml
	Stacks     map[string]*Stack `yaml:"stacks"`
	Milestones []Milestone       `yaml:"milestones"`
	// Setup is an exercise's Git setup (Exercise.Setup), which scaffolding
	// builds into the workspace; never read from project.yaml.
	Setup *Setup `yaml:"-"`
}

// Stack says how to run one stack's project and which files belong to the
// solution only.
type Stack struct {
	// Run is the command that starts the server, split on spaces, no shell:
	// "go run ./cmd/server".
	Run string `yaml:"run"`
	// PortEnv names the environment variable the server reads its port from.
	PortEnv string `yaml:"port_env"`
	// Health is the path that answers 200 once the server is ready.
	Health string `yaml:"health"`
	// CheckEnv is extra environment for `waymark check` start mode; the value
	// "${tmpdir}" expands to a fresh temporary directory per run, so every
	// run gets an empty database.
	CheckEnv map[string]string `yaml:"check_env,omitempty"`
	// SolutionOnly maps a path (a file, or a folder ending in "/") relative
	// to the stack directory to the milestone whose solution it belongs to.
	// The starter omits it unless --through reaches that milestone.
	SolutionOnly map[string]string `yaml:"solution_only,omitempty"`
	// Hints replaces, for this stack, the hints of the milestones it names,
	// so that a Node learner is not told which Go package to use.
	Hints map[string]string `yaml:"hints,omitempty"`
	// Module is the Go import path the reference solution is written under;
	// scaffolding rewrites it to the learner's module path. Go stacks only.
	Module string `yaml:"module,omitempty"`
	// Shared maps a path of the generated project (a file, or a folder
	// ending in "/") to the file or folder of the project's template folder
	// it comes from: "src/web/": "go/internal/api/web/". It is how a stack
	// ships files that another stack's toolchain needs in that stack's own
	// folder, or keeps a part of the project's _shared/ somewhere else.
	Shared map[string]string `yaml:"shared,omitempty"`
	// Overrides lists paths of the generated project where this stack's own
	// file replaces the one a shared folder provides; anywhere else two
	// sources for one path are an error.
	Overrides []string `yaml:"overrides,omitempty"`
}

// Milestone is one stage of a project, verified by its checks.
type Milestone struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	Hint  string `yaml:"hint"`
}

// String is the project's id, which is what `[[.Project]]` prints in a
// template (`[[.Project.Title]]` and the other fields stay reachable).
func (p *Project) String() string { return p.ID }

// Hint returns milestone m's hint for stack: the stack's own, else the
// project's.
func (p *Project) Hint(stack, m string) string {
	if st := p.Stacks[stack]; st != nil && st.Hints[m] != "" {
		return st.Hints[m]
	}
	if i := p.MilestoneIndex(m); i >= 0 {
		return p.Milestones[i].Hint
	}
	return ""
}

// MilestoneIndex returns the position of milestone id in p, or -1.
func (p *Project) MilestoneIndex(id string) int {
	for i, m := range p.Milestones {
		if m.ID == id {
			return i
		}
	}
	return -1
}
