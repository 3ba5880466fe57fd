package classroom

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

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
    progress:                   # their waymark progress export or progress file:
      path: progress/ada.yaml   # a file or folder, relative to this file,
      # git: https://github.com/ada/backend.git    or a Git repository
      # path: waymark-progress.yaml                and the file inside it
    projects:
      - project: tasks          # a project of the curriculum
        stack: go               # one of its stacks
        folder: submissions/ada/tasks              # a local folder, or instead:
        # git: https://github.com/ada/tasks.git    (also ssh://, git@host:path, file://)
        # branch: main                             optional; the default branch otherwise
        # path: tasks                              the project's folder inside the repository
  - id: grace
    name: Grace Hopper
    progress: { path: progress/grace.yaml }
    projects:
      - { project: tasks, stack: node, folder: submissions/grace/tasks }
`

// WriteExample writes ExampleRoster to file, refusing to replace a file.
func WriteExample(file string) error {
	if _, err := os.Lstat(file); err == nil {
		return fmt.Errorf("%s already exists; edit it, or add learners with `waymark class add-learner`", file)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
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
	out, err := appendLearner(data, m)
	if err != nil {
		return err
	}
	after, err := ParseRoster(file, out)
	if err != nil {
		return fmt.Errorf("the learner does not fit in %s:\n%w", file, err)
	}
	if len(after.Learners) != len(r.Learners)+1 || after.Learners[len(r.Learners)].ID != m.ID {
		return fmt.Errorf("%s: adding the learner would change the others; add it by hand", file)
	}
	return atomicfile.Write(file, out)
}

// appendLearner returns data with m added to its learners. When learners is
// the file's last key and a block list, m's lines are appended as text, so
// every other byte stays as it was; otherwise the document is encoded
// again, which keeps comments but not the blank lines and alignment.
func appendLearner(data []byte, m *Member) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	root := doc.Content[0]
	list := mappingValue(root, "learners")
	var item bytes.Buffer
	enc := yaml.NewEncoder(&item)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	if list != nil && list.Kind == yaml.SequenceNode && list.Style&yaml.FlowStyle == 0 && len(list.Content) > 0 &&
		root.Content[len(root.Content)-2].Value == "learners" {
		pad := strings.Repeat(" ", max(list.Content[0].Column-3, 0))
		out := bytes.TrimRight(data, " \t\n")
		out = append(out, '\n')
		for i, line := range strings.Split(strings.TrimRight(item.String(), "\n"), "\n") {
			lead := "  "
			if i == 0 {
				lead = "- "
			}
			out = append(out, pad+lead+line+"\n"...)
		}
		return out, nil
	}
	var node yaml.Node
	if err := node.Encode(m); err != nil {
		return nil, err
	}
	if list == nil {
		list = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "learners"}, list)
	}
	if list.Kind != yaml.SequenceNode {
		return nil, errors.New("learners is not a list")
	}
	list.Style = 0 // a flow list ([]) would put the whole learner on one line
	list.Content = append(list.Content, &node)
	var buf bytes.Buffer
	enc = yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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
