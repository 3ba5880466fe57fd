package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// SharedDir is the name of the folders whose files several generated
// projects ship: templates/_shared/<stack>/ (every project's <stack>) and
// templates/<project>/_shared/ (every stack of one project).
const SharedDir = "_shared"

// maxSources bounds how many template files one stack may gather from all
// its layers, overridden ones included, before any is read.
const maxSources = 2 * MaxFiles

// A layer is one folder of the templates whose files the generated project
// is made of, in the order they are laid over each other: the shared
// folder of the stack, the project's shared folder, the folders the
// manifest maps in (stacks.<stack>.shared), and the stack's own folder.
type layer struct {
	dir  string          // the folder in the templates FS (or the file, when file is set)
	to   string          // where its files go in the project: "" or a folder ending in "/" (or the file's path)
	file bool            // dir is one file, mapped to the path to
	own  bool            // the stack's own folder
	skip map[string]bool // files and folders (relative to dir, a folder ending in "/") not placed at their own path
}

// source is one template file and where it lands in the project.
type source struct {
	src   string // path in the templates FS
	rel   string // path in the project as the template names it (with .tmpl)
	out   string // path in the project (.tmpl dropped)
	own   bool   // from the stack's own folder
	entry fs.DirEntry
}

// layers lists the folders stack st of project p is made of, checking that
// each one stays inside the templates and is no symbolic link.
func layers(fsys fs.FS, p *curriculum.Project, stack string, st *curriculum.Stack) ([]layer, error) {
	manifest := path.Join(p.ID, curriculum.ProjectFile)
	var out []layer
	if ok, err := optionalDir(fsys, path.Join(SharedDir, stack)); err != nil {
		return nil, err
	} else if ok {
		out = append(out, layer{dir: path.Join(SharedDir, stack)})
	}

	own := stack + "/"
	projectShared := layer{dir: path.Join(p.ID, SharedDir), skip: map[string]bool{}}
	placeShared := true // false once a mapping takes the whole of _shared/
	var mappedIn []layer
	for _, to := range slices.Sorted(maps.Keys(st.Shared)) {
		from := st.Shared[to]
		folder := strings.HasSuffix(to, "/")
		switch {
		case !relPath(to) || strings.HasSuffix(to, ".tmpl"):
			return nil, fmt.Errorf("%s: stacks.%s.shared: %q must be a path of the generated project: relative, inside it, without .tmpl", manifest, stack, to)
		case !relPath(from):
			return nil, fmt.Errorf("%s: stacks.%s.shared.%s: %q must be a path inside %s/", manifest, stack, to, from, p.ID)
		case folder != strings.HasSuffix(from, "/"):
			return nil, fmt.Errorf("%s: stacks.%s.shared.%s: map a folder to a folder (both ending in /) or a file to a file, not %q", manifest, stack, to, from)
		case strings.HasPrefix(from, own):
			return nil, fmt.Errorf("%s: stacks.%s.shared.%s: %q is in the stack's own folder", manifest, stack, to, from)
		}
		if rest, ok := strings.CutPrefix(from, SharedDir+"/"); ok {
			projectShared.skip[rest] = true
			placeShared = placeShared && rest != ""
		}
		name := path.Join(p.ID, from)
		dir := name
		if !folder {
			dir = path.Dir(name)
		}
		if ok, err := optionalDir(fsys, dir); err != nil {
			return nil, err
		} else if !ok && folder {
			return nil, fmt.Errorf("%s: stacks.%s.shared.%s: there is no folder %s", manifest, stack, to, name)
		} else if !ok {
			return nil, fmt.Errorf("%s: stacks.%s.shared.%s: there is no file %s", manifest, stack, to, name)
		}
		mappedIn = append(mappedIn, layer{dir: name, to: to, file: !folder})
	}
	if ok, err := optionalDir(fsys, path.Join(p.ID, SharedDir)); err != nil {
		return nil, err
	} else if ok && placeShared {
		out = append(out, projectShared)
	}
	out = append(out, mappedIn...)
	if p.Setup != nil {
		// A Git exercise's workspace is its repository: a stack folder is
		// optional.
		if ok, err := optionalDir(fsys, path.Join(p.ID, stack)); err != nil {
			return nil, err
		} else if !ok {
			return out, nil
		}
	}
	if err := refuseSymlink(fsys, path.Join(p.ID, stack)); err != nil {
		return nil, err
	}
	return append(out, layer{dir: path.Join(p.ID, stack), own: true}), nil
}

// relPath reports whether p (a file, or a folder ending in "/") is a
// relative slash path below where it is rooted: no "..", no leading "/",
// not the root itself.
func relPath(p string) bool {
	q := strings.TrimSuffix(p, "/")
	return q != "." && fs.ValidPath(q)
}

// optionalDir reports whether the folder dir exists, refusing a symbolic
// link or a file at any of its elements.
func optionalDir(fsys fs.FS, dir string) (bool, error) {
	name := ""
	for _, elem := range strings.Split(dir, "/") {
		name = path.Join(name, elem)
		fi, err := fs.Lstat(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("template folder %s: %w", name, err)
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return false, fmt.Errorf("template folder %s is a symbolic link: templates may only hold regular files and folders", name)
		}
		if !fi.IsDir() {
			return false, fmt.Errorf("template %s is not a folder", name)
		}
	}
	return true, nil
}

// gather walks every layer and returns each file with the path it gets.
func (r *renderer) gather(ls []layer) ([]source, error) {
	var out []source
	for _, l := range ls {
		var err error
		if l.file {
			err = r.one(l, &out)
		} else {
			err = r.walk(l, "", &out)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// one adds the single file a file layer maps.
func (r *renderer) one(l layer, out *[]source) error {
	fi, err := fs.Lstat(r.fsys, l.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: stacks.%s.shared.%s: there is no file %s", path.Join(r.data.Project.ID, curriculum.ProjectFile), r.data.Stack, l.to, l.dir)
	case err != nil:
		return fmt.Errorf("template %s: %w", l.dir, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("template %s is a symbolic link: templates may only hold regular files and folders", l.dir)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("template %s is not a regular file (%v)", l.dir, fi.Mode().Type())
	}
	rel := l.to
	if strings.HasSuffix(l.dir, ".tmpl") {
		rel += ".tmpl"
	}
	*out = append(*out, source{src: l.dir, rel: rel, out: l.to, entry: fs.FileInfoToDirEntry(fi)})
	return nil
}

// walk visits the folder rel of layer l and below.
func (r *renderer) walk(l layer, rel string, out *[]source) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	dir := path.Join(l.dir, rel)
	entries, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		return fmt.Errorf("reading template %s: %w", dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		src := path.Join(dir, name)
		if err := checkName(src, name); err != nil {
			return err
		}
		child := path.Join(rel, name)
		switch t := e.Type(); {
		case t&fs.ModeSymlink != 0:
			return fmt.Errorf("template %s is a symbolic link: templates may only hold regular files and folders", src)
		case e.IsDir():
			if l.skip[child+"/"] {
				continue
			}
			if err := r.walk(l, child, out); err != nil {
				return err
			}
		case !t.IsRegular():
			return fmt.Errorf("template %s is not a regular file (%v)", src, t)
		default:
			if l.skip[child] {
				continue
			}
			if len(*out) >= maxSources {
				return fmt.Errorf("template %s: the stack's folders hold over %d files", r.root, maxSources)
			}
			rel := l.to + child
			*out = append(*out, source{src: src, rel: rel, out: strings.TrimSuffix(rel, ".tmpl"), own: l.own, entry: e})
		}
	}
	return nil
}

// resolve keeps one source per project path. Two sources for one path are
// an error, except where the stack's own file is listed in
// stacks.<stack>.overrides: it then replaces every shared one.
func (r *renderer) resolve(all []source) ([]source, error) {
	manifest := path.Join(r.data.Project.ID, curriculum.ProjectFile)
	overrides := map[string]bool{}
	for _, o := range r.stack.Overrides {
		overrides[o] = false
	}
	byOut := map[string][]source{}
	var order []string
	for _, s := range all {
		if len(byOut[s.out]) == 0 {
			order = append(order, s.out)
		}
		byOut[s.out] = append(byOut[s.out], s)
	}
	var kept []source
	for _, out := range order {
		srcs := byOut[out]
		_, listed := overrides[out]
		var own, shared []source
		for _, s := range srcs {
			if s.own {
				own = append(own, s)
			} else {
				shared = append(shared, s)
			}
		}
		switch {
		case len(own) > 1:
			return nil, fmt.Errorf("template %s and %s both produce %s", own[0].src, own[1].src, out)
		case len(own) == 1 && len(shared) > 0 && listed:
			overrides[out] = true
			kept = append(kept, own[0])
		case len(own) == 1 && len(shared) > 0:
			return nil, fmt.Errorf("template %s and %s both produce %s: remove one, or list %s under stacks.%s.overrides in %s to keep the stack's own",
				shared[0].src, own[0].src, out, out, r.data.Stack, manifest)
		case len(shared) > 1:
			return nil, fmt.Errorf("template %s and %s both produce %s: keep it in one shared folder", shared[0].src, shared[1].src, out)
		default:
			kept = append(kept, srcs[0])
		}
	}
	for _, o := range r.stack.Overrides {
		if overrides[o] {
			continue
		}
		if srcs := byOut[o]; len(srcs) == 1 && srcs[0].own {
			return nil, fmt.Errorf("%s: stacks.%s.overrides lists %s, which no shared folder provides: remove it from the list", manifest, r.data.Stack, o)
		}
		return nil, fmt.Errorf("%s: stacks.%s.overrides lists %s, which %s does not have", manifest, r.data.Stack, o, r.root)
	}
	return kept, nil
}

// solutionOnly reports whether the file at project path rel is kept by
// the mode, marking the solution_only entries that name it or a folder
// above it as met.
func (r *renderer) solutionOnly(rel string) bool {
	keep := true
	check := func(key string) {
		if m, ok := r.stack.SolutionOnly[key]; ok {
			r.soSeen[key] = true
			keep = keep && r.keep(m)
		}
	}
	for i := range len(rel) {
		if rel[i] == '/' {
			check(rel[:i+1])
		}
	}
	check(rel)
	return keep
}
