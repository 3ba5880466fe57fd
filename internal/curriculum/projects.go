package curriculum

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/yamlstrict"
)

// ProjectFile is the manifest's name inside templates/<id>/.
const ProjectFile = "project.yaml"

// LoadProjects reads and validates every templates/<id>/project.yaml in
// templates, sorted by id.
func LoadProjects(templates fs.FS) ([]*Project, error) {
	entries, err := fs.ReadDir(templates, ".")
	if err != nil {
		return nil, err
	}
	var out []*Project
	var ps Problems
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := fs.Stat(templates, path.Join(e.Name(), ProjectFile)); err != nil {
			continue
		}
		p, err := LoadProject(templates, e.Name())
		if err != nil {
			if more, ok := err.(Problems); ok {
				ps = append(ps, more...)
				continue
			}
			return nil, err
		}
		out = append(out, p)
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// LoadProject reads and validates templates/<id>/project.yaml.
func LoadProject(templates fs.FS, id string) (*Project, error) {
	name := path.Join(id, ProjectFile)
	data, err := readFile(templates, name)
	if err != nil {
		return nil, fmt.Errorf("no project %q: %w", id, err)
	}
	var p Project
	ix, ps := yamlstrict.DecodeFile("templates/"+name, data, &p)
	if len(ps) > 0 {
		return nil, ps.Err()
	}
	add := func(path, format string, a ...any) {
		ps = append(ps, &Problem{Pos: ix.At(path), Msg: fmt.Sprintf(format, a...)})
	}
	if p.Format != 1 {
		add("format", "format must be 1")
	}
	if p.ID != id {
		add("id", "id %q must match its folder name %q", p.ID, id)
	}
	for _, f := range []struct{ key, val string }{{"title", p.Title}, {"summary", p.Summary}} {
		if strings.TrimSpace(f.val) == "" {
			add(f.key, "%s is required", f.key)
		}
	}
	if !slices.Contains([]string{"beginner", "intermediate", "advanced"}, p.Difficulty) {
		add("difficulty", "difficulty must be beginner, intermediate or advanced")
	}
	if len(p.Stacks) == 0 {
		add("stacks", "a project needs at least one stack")
	}
	seen := map[string]bool{}
	for i, m := range p.Milestones {
		mp := fmt.Sprintf("milestones[%d]", i)
		if !idRE.MatchString(m.ID) {
			add(mp+".id", "milestone id %q must be lowercase words joined by hyphens", m.ID)
		}
		if seen[m.ID] {
			add(mp+".id", "duplicate milestone id %q", m.ID)
		}
		seen[m.ID] = true
		if strings.TrimSpace(m.Title) == "" {
			add(mp, "title is required")
		}
		if strings.TrimSpace(m.Hint) == "" {
			add(mp, "hint is required: it is what a learner reads when a check fails")
		}
	}
	if len(p.Milestones) == 0 {
		add("milestones", "a project needs at least one milestone")
	}
	for _, name := range sortedKeys(p.Stacks) {
		s := p.Stacks[name]
		sp := "stacks." + name
		if s == nil {
			add(sp, "stack %q is empty", name)
			continue
		}
		if strings.TrimSpace(s.Run) == "" {
			add(sp, "run is required: the command that starts the server")
		}
		if s.PortEnv == "" {
			add(sp, "port_env is required, usually PORT")
		}
		if !strings.HasPrefix(s.Health, "/") {
			add(sp+".health", "health must be a path like /healthz")
		}
		for _, f := range sortedKeys(s.SolutionOnly) {
			m := s.SolutionOnly[f]
			if !fs.ValidPath(strings.TrimSuffix(f, "/")) {
				add(sp+".solution_only."+f, "path %q must be relative and stay inside the stack folder", f)
			}
			if !seen[m] {
				add(sp+".solution_only."+f, "unknown milestone %q", m)
			}
		}
		for _, out := range sortedKeys(s.Shared) {
			bad := func(format string, a ...any) { add(sp+".shared."+out, format, a...) }
			src := s.Shared[out]
			switch {
			case !relPath(out):
				bad("path %q must be relative and stay inside the generated project", out)
			case strings.HasSuffix(out, ".tmpl"):
				bad("path %q is a path of the generated project: name it without .tmpl", out)
			case !relPath(src):
				bad("source %q must be a path inside templates/%s/", src, id)
			case strings.HasSuffix(out, "/") != strings.HasSuffix(src, "/"):
				bad("map a folder to a folder (both ending in /) or a file to a file, not %q to %q", out, src)
			case src == name+"/" || strings.HasPrefix(src, name+"/"):
				bad("source %q is in this stack's own folder, whose files are copied anyway", src)
			default:
				fi, err := fs.Stat(templates, path.Join(id, src))
				switch {
				case err != nil:
					bad("source templates/%s/%s does not exist", id, src)
				case fi.IsDir() != strings.HasSuffix(src, "/"):
					bad("source templates/%s/%s: a folder must end in / and a file must not", id, src)
				}
			}
		}
		seenOverride := map[string]bool{}
		for i, o := range s.Overrides {
			op := fmt.Sprintf("%s.overrides[%d]", sp, i)
			switch {
			case !relPath(o) || strings.HasSuffix(o, "/"):
				add(op, "override %q must be the relative path of a file of the generated project", o)
			case seenOverride[o]:
				add(op, "override %q is listed twice", o)
			}
			seenOverride[o] = true
		}
		for _, m := range sortedKeys(s.Hints) {
			if !seen[m] {
				add(sp+".hints."+m, "hint for unknown milestone %q", m)
			}
		}
		if _, err := fs.Stat(templates, path.Join(id, name)); err != nil {
			add(sp, "stack %q has no folder templates/%s/%s", name, id, name)
		}
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	return &p, nil
}

// relPath reports whether p (a file, or a folder ending in "/") is a
// relative slash path that stays where it is rooted: no "..", no leading
// "/", not the root itself.
func relPath(p string) bool {
	q := strings.TrimSuffix(p, "/")
	return q != "." && fs.ValidPath(q)
}

func sortedKeys[V any](m map[string]V) []string { return keys(m) }
