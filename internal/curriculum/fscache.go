package curriculum

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"hash"
	"io"
	"io/fs"
	"reflect"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/internal/diskcache"
)

// Reading and validating a curriculum's exercises parses every manifest
// and check file under exercises/: about 5,000 allocations and a few
// milliseconds for the built-in roadmap's three, on every command; the
// project manifests cost the TUI's start about as much. The cache keeps
// what loaded with a digest of everything the load looked at (each file's
// bytes, each folder's listing, each stat): on the next start the same
// reads are made again, without parsing, and when they give the same
// digest the kept value is used. Only a load without problems is kept, so
// problems always come from a real load.

// fsLog is an fs.FS that digests what is read through it, in order.
type fsLog struct {
	fs fs.FS
	h  hash.Hash
}

func newFSLog(fsys fs.FS) *fsLog { return &fsLog{fs: fsys, h: sha256.New()} }

func (l *fsLog) note(op, name string, parts ...string) {
	// Each string with its length first: no two lists of strings digest
	// alike. (fmt was a fifth of the cost of a hit.)
	var n [binary.MaxVarintLen64]byte
	for _, p := range append([]string{op, name}, parts...) {
		l.h.Write(n[:binary.PutUvarint(n[:], uint64(len(p)))])
		io.WriteString(l.h, p)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return "error: " + err.Error()
}

// Open is not digested by content: the loader reads through ReadFile,
// ReadDir and Stat, which are.
func (l *fsLog) Open(name string) (fs.File, error) {
	f, err := l.fs.Open(name)
	l.note("open", name, errText(err))
	return f, err
}

func (l *fsLog) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(l.fs, name)
	sum := sha256.Sum256(data)
	l.note("read", name, string(sum[:]), errText(err))
	return data, err
}

func (l *fsLog) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(l.fs, name)
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(strconv.Quote(e.Name()) + " " + e.Type().String() + "/")
	}
	l.note("readdir", name, b.String(), errText(err))
	return entries, err
}

func (l *fsLog) Stat(name string) (fs.FileInfo, error) {
	info, err := fs.Stat(l.fs, name)
	desc := ""
	if info != nil {
		desc = info.Mode().Type().String() + " " + strconv.FormatInt(info.Size(), 10)
	}
	l.note("stat", name, desc, errText(err))
	return info, err
}

// replay is one recorded read, made again on a hit.
type replay struct {
	Op, Name string
}

// recorder is an fsLog that also keeps the list of reads, to replay.
type recorder struct {
	*fsLog
	reads []replay
}

func (r *recorder) Open(name string) (fs.File, error) {
	r.reads = append(r.reads, replay{"open", name})
	return r.fsLog.Open(name)
}

func (r *recorder) ReadFile(name string) ([]byte, error) {
	r.reads = append(r.reads, replay{"read", name})
	return r.fsLog.ReadFile(name)
}

func (r *recorder) ReadDir(name string) ([]fs.DirEntry, error) {
	r.reads = append(r.reads, replay{"readdir", name})
	return r.fsLog.ReadDir(name)
}

func (r *recorder) Stat(name string) (fs.FileInfo, error) {
	r.reads = append(r.reads, replay{"stat", name})
	return r.fsLog.Stat(name)
}

// entry is what the cache keeps of one load: the reads it made, their
// digest, and what it loaded.
type entry[T any] struct {
	Reads  []replay
	Digest []byte
	Value  T
}

// digestOf makes reads again on fsys and returns their digest.
func digestOf(fsys fs.FS, reads []replay) []byte {
	l := newFSLog(fsys)
	for _, r := range reads {
		switch r.Op {
		case "open":
			if f, err := l.Open(r.Name); err == nil {
				f.Close()
			}
		case "read":
			l.ReadFile(r.Name)
		case "readdir":
			l.ReadDir(r.Name)
		case "stat":
			l.Stat(r.Name)
		}
	}
	return l.h.Sum(nil)
}

// cachedLoad is load(fsys) through the cache entry at path: the kept
// value when every read the load made gives what it gave then (or, when
// sealed, fsys cannot have changed since), else a real load, kept when it
// succeeded and keep says it is worth keeping. T must be what gob keeps
// whole: exported fields only.
func cachedLoad[T any](store diskcache.Cache, path string, sealed bool, fsys fs.FS, load func(fs.FS) (T, error), keep func(T) bool) (T, error) {
	if data, ok := store.Read(path); ok {
		var e entry[T]
		if gob.NewDecoder(bytes.NewReader(data)).Decode(&e) == nil && (sealed || bytes.Equal(digestOf(fsys, e.Reads), e.Digest)) {
			return e.Value, nil
		}
	}
	rec := &recorder{fsLog: newFSLog(fsys)}
	v, err := load(rec)
	if err != nil || !keep(v) {
		return v, err
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(entry[T]{rec.reads, rec.h.Sum(nil), v}) == nil {
		store.Write(path, buf.Bytes()) // best-effort: a cache that cannot be written only costs speed
	}
	return v, nil
}

// exercises is LoadExercises through the cache; path is the entry's file.
// No exercises are not kept: there was nothing to parse.
func (cc Cache) exercises(path string) func(fs.FS, *Curriculum) ([]*Exercise, error) {
	return func(content fs.FS, c *Curriculum) ([]*Exercise, error) {
		load := func(fsys fs.FS) ([]*Exercise, error) { return LoadExercises(fsys, c) }
		return cachedLoad(cc.store(), path, cc.Sealed != "", content, load, func(exs []*Exercise) bool { return len(exs) > 0 })
	}
}

// LoadProjects is curriculum.LoadProjects through the cache: the manifests
// are parsed again only when a file they were read from has changed. A
// zero Cache caches nothing.
func (cc Cache) LoadProjects(templates fs.FS) ([]*Project, error) {
	if cc.Dir == "" {
		return LoadProjects(templates)
	}
	path := cc.path(cc.sealedKind("projects "+shape(reflect.TypeFor[[]*Project]())), nil)
	return cachedLoad(cc.store(), path, cc.Sealed != "", templates, LoadProjects, func(ps []*Project) bool { return len(ps) > 0 })
}

// shape describes type t's layout (every field's name and type, all the
// way down), so that an entry kept by a waymark whose types differ is
// never read: gob would decode it, leaving a new field empty.
func shape(t reflect.Type) string {
	var b strings.Builder
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			b.WriteString(t.Kind().String() + " ")
			walk(t.Elem())
		case reflect.Map:
			b.WriteString("map ")
			walk(t.Key())
			walk(t.Elem())
		case reflect.Struct:
			if seen[t] {
				b.WriteString(t.Name() + " ")
				return
			}
			seen[t] = true
			b.WriteString(t.Name() + "{")
			for i := range t.NumField() {
				f := t.Field(i)
				b.WriteString(f.Name + " ")
				walk(f.Type)
			}
			b.WriteString("} ")
		default:
			b.WriteString(t.Kind().String() + " ")
		}
	}
	walk(t)
	return b.String()
}
