package scaffold

import (
	"bytes"
	"context"
	"fmt"
	"go/format"
	"io"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"

	"golang.org/x/mod/module"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// file is one generated file, held in memory until everything rendered.
type file struct {
	path string // slash path relative to the target
	data []byte
	mode fs.FileMode
}

// TemplateData is what .tmpl files are rendered with.
type TemplateData struct {
	Module         string
	Name           string
	Project        *curriculum.Project
	Stack          string
	Mode           string // starter, solution or through:<milestone>
	WaymarkVersion string
}

// DefaultModule is the module path used when none is given:
// example.com/<name>, with the name lowercased and anything a module path
// may not hold replaced by hyphens.
func DefaultModule(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	elem := strings.Trim(b.String(), "-.")
	if elem == "" {
		elem = "project"
	}
	return "example.com/" + elem
}

// CheckModule reports whether p is a valid Go module path, with advice.
func CheckModule(p string) error {
	if err := module.CheckPath(p); err != nil {
		return fmt.Errorf("invalid module path %q: %w (use something like github.com/you/tasks)", p, err)
	}
	return nil
}

// render gathers the stack's files from its folder and the shared folders
// laid under it (see layers), and produces every file of the new project in
// memory, sorted by path. Nothing is written.
func render(ctx context.Context, templates fs.FS, opts Options) ([]file, error) {
	p := opts.Project
	st, ok := p.Stacks[opts.Stack]
	if !ok || st == nil {
		return nil, fmt.Errorf("project %s has no stack %q (stacks: %s)", p.ID, opts.Stack, strings.Join(StackNames(p), ", "))
	}
	keep, err := opts.Mode.keep(p)
	if err != nil {
		return nil, err
	}
	known := func(m string) bool { return p.MilestoneIndex(m) >= 0 }
	for so, m := range st.SolutionOnly {
		if !known(m) {
			return nil, fmt.Errorf("%s: solution_only %s: unknown milestone %q", path.Join(p.ID, curriculum.ProjectFile), so, m)
		}
	}
	root := stackRoot(p, opts.Stack)
	ls, err := layers(templates, p, opts.Stack, st)
	if err != nil {
		return nil, err
	}
	data := TemplateData{
		Module: opts.Module, Name: opts.Name, Project: p, Stack: opts.Stack,
		Mode: opts.Mode.String(), WaymarkVersion: opts.WaymarkVersion,
	}
	r := &renderer{ctx: ctx, fsys: templates, root: root, stack: st, keep: keep, known: known, data: data,
		seen: map[string]string{}, soSeen: map[string]bool{}}
	all, err := r.gather(ls)
	if err != nil {
		return nil, err
	}
	srcs, err := r.resolve(all)
	if err != nil {
		return nil, err
	}
	for _, s := range srcs {
		if !r.solutionOnly(s.rel) {
			continue
		}
		if err := r.file(s.src, s.rel, s.entry); err != nil {
			return nil, err
		}
	}
	for so := range st.SolutionOnly {
		if !r.soSeen[so] {
			return nil, fmt.Errorf("%s: solution_only names %s, which is no path of the project made from %s/ and the shared folders it uses", path.Join(p.ID, curriculum.ProjectFile), so, root)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(opts.Extra)) {
		if !fs.ValidPath(name) || name == "." || strings.Contains(name, `\`) {
			return nil, fmt.Errorf("extra file %q: the path must be relative and stay inside the target folder", name)
		}
		if err := r.add(file{path: name, data: opts.Extra[name], mode: 0o644}, "(extra) "+name); err != nil {
			return nil, err
		}
	}
	prov, err := provenanceFor(opts, st).Marshal()
	if err != nil {
		return nil, err
	}
	if err := r.add(file{path: ProvenanceFile, data: prov, mode: 0o644}, ProvenanceFile); err != nil {
		return nil, err
	}
	sortFiles(r.files)
	return r.files, nil
}

// StackNames lists a project's stacks, sorted.
func StackNames(p *curriculum.Project) []string {
	names := make([]string, 0, len(p.Stacks))
	for n := range p.Stacks {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func provenanceFor(opts Options, st *curriculum.Stack) *Provenance {
	return &Provenance{
		Format:          1,
		Curriculum:      opts.Curriculum,
		Kind:            opts.Kind,
		Project:         opts.Project.ID,
		Stack:           opts.Stack,
		Mode:            opts.Mode.String(),
		TemplateVersion: opts.Project.Version,
		WaymarkVersion:  opts.WaymarkVersion,
		Answers:         map[string]string{"module": opts.Module, "name": opts.Name},
		Run:             st.Run,
		PortEnv:         st.PortEnv,
		Health:          st.Health,
		CheckEnv:        st.CheckEnv,
	}
}

type renderer struct {
	ctx    context.Context
	fsys   fs.FS
	root   string
	stack  *curriculum.Stack
	keep   func(string) bool
	known  func(string) bool
	data   TemplateData
	files  []file
	total  int64
	seen   map[string]string // output path -> source path
	soSeen map[string]bool   // solution_only entries met
}

// checkName refuses directory entries that would escape the target.
func checkName(src, name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return fmt.Errorf("template %s: invalid file name %q (a path with ..)", src, name)
	case strings.HasPrefix(name, "/") || filepath.IsAbs(name):
		return fmt.Errorf("template %s: absolute path %q: templates may not write outside the target folder", src, name)
	case strings.ContainsAny(name, "/\\\x00"):
		if slices.Contains(strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == '\\' }), "..") {
			return fmt.Errorf("template %s: invalid file name %q (a path with ..)", src, name)
		}
		return fmt.Errorf("template %s: invalid file name %q (a separator in a name)", src, name)
	}
	return nil
}

// refuseSymlink refuses a stack folder that is itself a symbolic link.
func refuseSymlink(fsys fs.FS, name string) error {
	fi, err := fs.Lstat(fsys, name)
	if err != nil {
		return fmt.Errorf("template folder %s: %w", name, err)
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("template folder %s is a symbolic link: templates may only hold regular files and folders", name)
	}
	if !fi.IsDir() {
		return fmt.Errorf("template %s is not a folder", name)
	}
	return nil
}

// file renders one template file.
func (r *renderer) file(src, rel string, e fs.DirEntry) error {
	info, err := e.Info()
	if err != nil {
		return fmt.Errorf("template %s: %w", src, err)
	}
	if info.Size() > MaxFileSize {
		return fmt.Errorf("template %s is %d bytes, over the %d-byte limit", src, info.Size(), MaxFileSize)
	}
	data, err := readLimited(r.fsys, src)
	if err != nil {
		return err
	}
	out := rel
	binary := isBinary(data)
	if !binary {
		if data, err = Strip(src, data, r.keep, r.known); err != nil {
			return err
		}
		if strings.HasSuffix(rel, ".tmpl") {
			out = strings.TrimSuffix(rel, ".tmpl")
			if data, err = r.execute(src, data); err != nil {
				return err
			}
		}
		if r.stack.Module != "" && r.data.Module != r.stack.Module {
			data = rewriteModule(data, r.stack.Module, r.data.Module)
		}
		if strings.HasSuffix(src, ".go.tmpl") {
			// Import pruning needs the reference's imports, which a template
			// may not have before rendering: only gofmt here.
			if data, err = format.Source(data); err != nil {
				return fmt.Errorf("%s: the rendered file is not valid Go: %w", src, err)
			}
		}
	}
	mode := fs.FileMode(0o644)
	if strings.HasSuffix(out, ".sh") || bytes.HasPrefix(data, []byte("#!")) {
		mode = 0o755
	}
	return r.add(file{path: out, data: data, mode: mode}, src)
}

func (r *renderer) add(f file, src string) error {
	if prev, dup := r.seen[f.path]; dup {
		return fmt.Errorf("template %s and %s both produce %s", prev, src, f.path)
	}
	r.seen[f.path] = src
	r.total += int64(len(f.data))
	if r.total > MaxTotalSize {
		return fmt.Errorf("template %s: the project would be over %d bytes", r.root, MaxTotalSize)
	}
	if len(r.files) >= MaxFiles {
		return fmt.Errorf("template %s: the project would have over %d files", r.root, MaxFiles)
	}
	r.files = append(r.files, f)
	return nil
}

func readLimited(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("template %s is over the %d-byte limit", name, MaxFileSize)
	}
	return data, nil
}

// execute renders a .tmpl file with [[ ]] delimiters; a missing key is an
// error rather than "<no value>".
func (r *renderer) execute(src string, text []byte) ([]byte, error) {
	t, err := template.New(src).Delims("[[", "]]").Option("missingkey=error").Parse(string(text))
	if err != nil {
		return nil, fmt.Errorf("template %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, r.data); err != nil {
		return nil, fmt.Errorf("template %w", err)
	}
	return b.Bytes(), nil
}

// isBinary guesses as git does: a NUL byte in the first 8000 bytes.
func isBinary(data []byte) bool {
	return bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0
}

// rewriteModule replaces the reference's module path with the learner's
// wherever it stands as a whole path (followed by "/", a quote, a space or
// the end, not by more of a path element), as gonew does for imports.
func rewriteModule(data []byte, from, to string) []byte {
	if !bytes.Contains(data, []byte(from)) {
		return data
	}
	var b bytes.Buffer
	for {
		i := bytes.Index(data, []byte(from))
		if i < 0 {
			b.Write(data)
			return b.Bytes()
		}
		end := i + len(from)
		b.Write(data[:i])
		if continuesPath(data[end:]) {
			b.WriteString(from)
		} else {
			b.WriteString(to)
		}
		data = data[end:]
	}
}

// continuesPath reports whether rest (what follows a match) continues the
// path element: a final "." is prose punctuation, not part of the path.
func continuesPath(rest []byte) bool {
	if len(rest) == 0 || !isPathChar(rest[0]) {
		return false
	}
	return rest[0] != '.' || len(rest) > 1 && isPathChar(rest[1]) && rest[1] != '.'
}

func isPathChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0
}
