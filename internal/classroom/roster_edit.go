package classroom

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/rogpeppe/go-internal/lockedfile"
	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/internal/atomicfile"
)

// ExampleRoster is what `waymark class init` writes: a commented roster
// that is valid as it stands.
const ExampleRoster = `# A waymark class: who is in it and where their work is.
# Check it with ` + "`waymark class check class.yaml`" + `, report on it with
# ` + "`waymark class report class.yaml`" + `. The format is in waymark's docs/classroom.md.
format: 1

# The curriculum whose checks are run: builtin, the name of an installed
# curriculum (waymark curriculum list), or a folder such as ./course.
curriculum: builtin

# Checking runs each learner's code on this machine. Set this to true only
# if you accept that (the same as passing --allow-exec every time); prefer
# class check --sandbox where bubblewrap is installed.
allow_exec: false

learners:
  - id: ada                     # lowercase; names result files and CI jobs
    name: Ada Lovelace
    email: ada@example.com      # optional
    progress:                   # their waymark progress export or progress file
      path: progress/ada.yaml   # a file or folder, relative to this file
    projects:
      - project: tasks          # a project of the curriculum
        stack: go               # one of its stacks
        git: https://github.com/ada/tasks.git
        branch: main            # optional; the default branch otherwise
  - id: grace
    name: Grace Hopper
    progress:                   # or a file in a Git repository
      git: https://github.com/grace/backend.git
      path: waymark-progress.yaml
    projects:
      - project: tasks
        stack: node
        git: https://github.com/grace/backend.git
        path: tasks             # the project's folder inside the repository
`

// WriteExample writes ExampleRoster to file, refusing to replace a file.
func WriteExample(file string) error {
	if _, err := os.Lstat(file); err == nil {
		return fmt.Errorf("%s already exists; edit it, or add learners with `waymark class add-learner`", file)
	}
	return atomicfile.Write(file, []byte(ExampleRoster))
}

// AddLearner appends m to the roster in file, keeping the file's comments
// and layout, and writes it atomically. The result must validate: a learner
// whose id is taken, or a file that does not parse, changes nothing.
func AddLearner(file string, m *Member) error {
	// Two additions at once must not both read the old file.
	unlock, err := lockedfile.MutexAt(file + ".lock").Lock()
	if err != nil {
		return err
	}
	defer unlock()
	data, err := os.ReadFile(file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s does not exist: start one with `waymark class init %s`", file, file)
		}
		return err
	}
	r, err := ParseRoster(file, data)
	if err != nil {
		return fmt.Errorf("%s is invalid; fix it first:\n%w", file, err)
	}
	if r.Learner(m.ID) != nil {
		return fmt.Errorf("%s already has a learner with id %q", file, m.ID)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return err
	}
	root := doc.Content[0]
	var item yaml.Node
	if err := item.Encode(m); err != nil {
		return err
	}
	list := mappingValue(root, "learners")
	if list == nil {
		list = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "learners"}, list)
	}
	if list.Kind != yaml.SequenceNode {
		return fmt.Errorf("%s: learners is not a list", file)
	}
	list.Style = 0 // a flow list ([]) would put the whole learner on one line
	list.Content = append(list.Content, &item)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	after, err := ParseRoster(file, buf.Bytes())
	if err != nil {
		return fmt.Errorf("the learner does not fit in %s:\n%w", file, err)
	}
	if len(after.Learners) != len(r.Learners)+1 {
		return fmt.Errorf("%s: adding the learner changed the others; edit the file by hand", file)
	}
	return atomicfile.Write(file, buf.Bytes())
}

func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
