package curriculum

import (
	"bytes"
	"encoding/gob"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-dev/waymark/roadmap"
)

// builtin is the built-in roadmap as a MapFS, to change files in.
func builtin(t testing.TB) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(roadmap.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(roadmap.FS, path)
		out[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// exerciseFile is the path of some file under the first exercise's checks.
func exerciseFile(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	for p := range fsys {
		if strings.HasPrefix(p, ExercisesDir+"/") && strings.Contains(p, "/checks/") && strings.HasSuffix(p, ".yaml") {
			return p
		}
	}
	t.Fatal("the built-in roadmap has no exercise check file")
	return ""
}

// The exercises a cache hit returns are those a plain Load reads, and the
// hit really comes from the cache: a title planted in the entry shows.
func TestExerciseCacheHit(t *testing.T) {
	want, err := Load(roadmap.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Exercises()) == 0 {
		t.Fatal("the built-in roadmap has no exercises to cache")
	}
	cc := Cache{Dir: t.TempDir()}
	for i := range 2 { // a miss that fills the cache, then a hit
		got, err := cc.Load(roadmap.FS, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Exercises(), want.Exercises()) {
			t.Fatalf("load %d: exercises differ from a plain Load:\n%+v\n%+v", i, got.Exercises()[0], want.Exercises()[0])
		}
	}

	data, err := fs.ReadFile(roadmap.FS, File)
	if err != nil {
		t.Fatal(err)
	}
	path := cc.path(exercisesKind, data)
	rec := &recorder{fsLog: newFSLog(roadmap.FS)}
	exs, err := LoadExercises(rec, want)
	if err != nil {
		t.Fatal(err)
	}
	exs[0].Title = "planted"
	writeEntry(t, path, entry[[]*Exercise]{rec.reads, rec.h.Sum(nil), exs})
	got, err := cc.Load(roadmap.FS, nil)
	if err != nil || got.Exercises()[0].Title != "planted" {
		t.Fatalf("the entry was not used: %v", err)
	}
}

// Any change to a file the exercises were read from is a miss, so a broken
// exercise is reported even though a cache entry for the curriculum exists.
func TestExerciseCacheSeesChanges(t *testing.T) {
	fsys := builtin(t)
	cc := Cache{Dir: t.TempDir()}
	if _, err := cc.Load(fsys, nil); err != nil {
		t.Fatal(err)
	}
	check := exerciseFile(t, fsys)
	fsys[check] = &fstest.MapFile{Data: []byte("milestone: other\n")}
	if _, err := cc.Load(fsys, nil); err == nil || !strings.Contains(err.Error(), check) {
		t.Fatalf("a broken check file after a cached load: %v", err)
	}

	// A new file in an exercise's folder changes its listing: a miss too.
	fsys = builtin(t)
	if _, err := cc.Load(fsys, nil); err != nil {
		t.Fatal(err)
	}
	dir := check[:strings.LastIndex(check, "/")]
	fsys[dir+"/zz-broken.yaml"] = &fstest.MapFile{Data: []byte("milestone: other\n")}
	if _, err := cc.Load(fsys, nil); err == nil || !strings.Contains(err.Error(), "zz-broken.yaml") {
		t.Fatalf("a new broken check file after a cached load: %v", err)
	}
}

// A sealed cache trusts its build's entries without reading the files
// again, and never another build's: the change stays unseen under the same
// build (which is why only content inside the binary may be sealed) and is
// seen under a new one.
func TestExerciseCacheSealed(t *testing.T) {
	fsys := builtin(t)
	dir := t.TempDir()
	if _, err := (Cache{Dir: dir, Sealed: "build 1"}).Load(fsys, nil); err != nil {
		t.Fatal(err)
	}
	check := exerciseFile(t, fsys)
	fsys[check] = &fstest.MapFile{Data: []byte("milestone: other\n")}
	if _, err := (Cache{Dir: dir, Sealed: "build 1"}).Load(fsys, nil); err != nil {
		t.Fatalf("the same build read its files again: %v", err)
	}
	if _, err := (Cache{Dir: dir, Sealed: "build 2"}).Load(fsys, nil); err == nil || !strings.Contains(err.Error(), check) {
		t.Fatalf("another build used the first one's entry: %v", err)
	}
	if _, err := (Cache{Dir: dir}).Load(fsys, nil); err == nil || !strings.Contains(err.Error(), check) {
		t.Fatalf("an unsealed load used a sealed entry: %v", err)
	}
}

// A damaged entry is a miss, never trusted.
func TestExerciseCacheDamagedEntry(t *testing.T) {
	cc := Cache{Dir: t.TempDir()}
	if _, err := cc.Load(roadmap.FS, nil); err != nil {
		t.Fatal(err)
	}
	data, err := fs.ReadFile(roadmap.FS, File)
	if err != nil {
		t.Fatal(err)
	}
	writeEntry(t, cc.path(exercisesKind, data), "garbage")
	got, err := cc.Load(roadmap.FS, nil)
	if err != nil || len(got.Exercises()) == 0 {
		t.Fatalf("damaged exercise entry: %v", err)
	}
}

func BenchmarkLoadExercises(b *testing.B) {
	c, err := Load(roadmap.FS, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			if _, err := LoadExercises(roadmap.FS, c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		data, err := fs.ReadFile(roadmap.FS, File)
		if err != nil {
			b.Fatal(err)
		}
		cc := Cache{Dir: b.TempDir()}
		load := cc.exercises(cc.path(exercisesKind, data))
		if _, err := load(roadmap.FS, c); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := load(roadmap.FS, c); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// writeEntry stores v, gob-encoded, as the cache entry at path.
func writeEntry(t *testing.T, path string, v any) {
	t.Helper()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Project manifests through the cache: what a plain LoadProjects reads,
// from the entry when nothing changed, and read again when a manifest did.
func TestProjectCache(t *testing.T) {
	templates := fstest.MapFS{
		"blog/" + ProjectFile: {Data: []byte(projectYAML("blog", "Blog"))},
		"chat/" + ProjectFile: {Data: []byte(projectYAML("chat", "Chat"))},
		"blog/go/main.go":     {Data: []byte("package main\n")},
		"chat/go/main.go":     {Data: []byte("package main\n")},
	}
	want, err := LoadProjects(templates)
	if err != nil {
		t.Fatal(err)
	}
	cc := Cache{Dir: t.TempDir()}
	for i := range 2 {
		got, err := cc.LoadProjects(templates)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("load %d differs from a plain LoadProjects: %v", i, err)
		}
	}

	rec := &recorder{fsLog: newFSLog(templates)}
	planted, err := LoadProjects(rec)
	if err != nil {
		t.Fatal(err)
	}
	planted[0].Title = "planted"
	writeEntry(t, cc.path("projects "+shape(reflect.TypeFor[[]*Project]()), nil), entry[[]*Project]{rec.reads, rec.h.Sum(nil), planted})
	if got, err := cc.LoadProjects(templates); err != nil || got[0].Title != "planted" {
		t.Fatalf("the entry was not used: %v", err)
	}

	templates["chat/"+ProjectFile] = &fstest.MapFile{Data: []byte(projectYAML("chat", "Chat rooms"))}
	got, err := cc.LoadProjects(templates)
	if err != nil || got[0].Title != "Blog" || got[1].Title != "Chat rooms" {
		t.Fatalf("a changed manifest was not read again: %v %+v", err, got)
	}
	templates["chat/"+ProjectFile] = &fstest.MapFile{Data: []byte("format: 2\n")}
	if _, err := cc.LoadProjects(templates); err == nil {
		t.Fatal("a broken manifest after a cached load was accepted")
	}
}

func projectYAML(id, title string) string {
	return "format: 1\nid: " + id + "\ntitle: " + title + "\nsummary: A project.\ndifficulty: beginner\n" +
		"stacks:\n  go:\n    run: go run .\n    port_env: PORT\n    health: /healthz\n" +
		"milestones:\n  - {id: boot, title: Boot, hint: Start it.}\n"
}

// A field added to a cached type changes its shape, and so the entry's
// name: an older entry is never decoded into the new type.
func TestShapeSeesFields(t *testing.T) {
	before := func() string {
		type v struct {
			X string
			Y map[string]*v
		}
		return shape(reflect.TypeFor[[]*v]())
	}()
	same := func() string {
		type v struct {
			X string
			Y map[string]*v
		}
		return shape(reflect.TypeFor[[]*v]())
	}()
	after := func() string {
		type v struct {
			X string
			Y map[string]*v
			Z []int
		}
		return shape(reflect.TypeFor[[]*v]())
	}()
	if before != same {
		t.Errorf("one layout, two shapes: %q, %q", before, same)
	}
	if before == after {
		t.Errorf("a new field leaves the shape as it was: %q", after)
	}
	if !strings.Contains(exercisesKind, "Hints") || !strings.Contains(exercisesKind, "Overrides") {
		t.Errorf("the exercises' shape misses fields: %s", exercisesKind)
	}
}
