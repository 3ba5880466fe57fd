package curriculum

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// folderFixture lays out root/c, the curriculum folder, beside root/secret.md,
// which no read through the folder may reach. links are name, target pairs
// made inside c; $ROOT in a target stands for root.
func folderFixture(t *testing.T, links ...string) (root string, f *Folder) {
	t.Helper()
	root = t.TempDir()
	c := filepath.Join(root, "c")
	for name, body := range map[string]string{
		"c/curriculum.yaml": "x", "c/lessons/real.md": "# Real\n", "secret.md": "SECRET\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(body), 0o644))
	}
	for i := 0; i < len(links); i += 2 {
		p := filepath.Join(c, filepath.FromSlash(links[i]))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.Symlink(strings.ReplaceAll(links[i+1], "$ROOT", root), p))
	}
	f, err := OpenFolder(c)
	must(t, err)
	t.Cleanup(func() { f.Close() })
	return root, f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestFolderRefusesEscapes reads through every kind of link that leads
// outside: each read fails with a LinkError naming the link to replace,
// and nothing of the secret comes back.
func TestFolderRefusesEscapes(t *testing.T) {
	cases := []struct {
		name  string
		links []string
		read  string
		want  string
	}{
		{"chain", []string{"sub/up", "..", "l1", "sub/up", "l2", "l1/.."}, "l2/secret.md",
			"l2 is a symbolic link that leads outside the curriculum folder (l2 -> l1/.., l1 -> sub/up, sub/up -> ..); replace it with the folder itself"},
		{"link to a link", []string{"lessons/a.md", "b.md", "lessons/b.md", "../../secret.md"}, "lessons/a.md",
			"lessons/a.md is a symbolic link that leads outside the curriculum folder (lessons/a.md -> b.md, lessons/b.md -> ../../secret.md); replace it with the file itself"},
		{"through a folder link inside", []string{"alias", "lessons", "lessons/a.md", "../../secret.md"}, "alias/a.md",
			"lessons/a.md is a symbolic link that leads outside"},
		{"leaves and comes back", []string{"lessons/a.md", "../../c/lessons/real.md"}, "lessons/a.md",
			"lessons/a.md is a symbolic link that leads outside"},
		{"absolute", []string{"lessons/a.md", "$ROOT/secret.md"}, "lessons/a.md",
			"lessons/a.md is a symbolic link to an absolute path"},
		{"absolute, to a file inside", []string{"lessons/a.md", "$ROOT/c/lessons/real.md"}, "lessons/a.md",
			"lessons/a.md is a symbolic link to an absolute path"},
		{"loop", []string{"lessons/a.md", "b.md", "lessons/b.md", "a.md"}, "lessons/a.md",
			"lessons/a.md is a loop of symbolic links, or a chain of more than 8"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, f := folderFixture(t, tc.links...)
			data, err := f.ReadFile(tc.read)
			if len(data) > 0 {
				t.Fatalf("read %q through the folder", data)
			}
			var le *LinkError
			if !errors.As(err, &le) {
				t.Fatalf("ReadFile(%s) = %v, want a LinkError", tc.read, err)
			}
			if !strings.Contains(le.Error(), tc.want) {
				t.Errorf("error = %q\nwant it to contain %q", le.Error(), tc.want)
			}
			if _, err := fs.Stat(f, tc.read); !errors.As(err, &le) {
				t.Errorf("Stat(%s) = %v, want a LinkError", tc.read, err)
			}
			if err := f.CheckLinks(tc.read); !errors.As(err, &le) {
				t.Errorf("CheckLinks(%s) = %v, want a LinkError", tc.read, err)
			}
		})
	}
}

// TestFolderLinkReplacedAfterCheck checks a link, then replaces it by one
// that leads outside: the next read resolves again and is refused.
func TestFolderLinkReplacedAfterCheck(t *testing.T) {
	root, f := folderFixture(t, "lessons/a.md", "real.md")
	must(t, f.CheckLinks("lessons/a.md"))
	if data, err := f.ReadFile("lessons/a.md"); err != nil || string(data) != "# Real\n" {
		t.Fatalf("before: %q %v", data, err)
	}
	link := filepath.Join(root, "c", "lessons", "a.md")
	must(t, os.Remove(link))
	must(t, os.Symlink("../../secret.md", link))
	data, err := f.ReadFile("lessons/a.md")
	var le *LinkError
	if len(data) > 0 || !errors.As(err, &le) || le.Link != "lessons/a.md" {
		t.Fatalf("after the swap: %q %v", data, err)
	}
	// A folder swapped for a link is refused the same way.
	must(t, os.Rename(filepath.Join(root, "c", "lessons"), filepath.Join(root, "old")))
	must(t, os.Symlink("..", filepath.Join(root, "c", "lessons")))
	if data, err := f.ReadFile("lessons/secret.md"); len(data) > 0 || !errors.As(err, &le) || le.Link != "lessons" {
		t.Fatalf("after swapping the folder: %q %v", data, err)
	}
}

// TestFolderFollowsLinksInside reads through links that stay inside, and
// gives the usual errors for what does not exist or is not a clean path.
func TestFolderFollowsLinksInside(t *testing.T) {
	_, f := folderFixture(t,
		"lessons/a.md", "real.md",
		"lessons/b.md", "a.md",
		"alias", "lessons",
		"sub/up", "..",
		"l1", "sub/up",
		"l2", "l1/lessons/../lessons/b.md",
		"gone.md", "lessons/missing.md",
	)
	for _, name := range []string{"lessons/a.md", "lessons/b.md", "alias/b.md", "l1/lessons/real.md", "l2", "sub/up/alias/a.md"} {
		data, err := f.ReadFile(name)
		if err != nil || string(data) != "# Real\n" {
			t.Errorf("ReadFile(%s) = %q, %v", name, data, err)
		}
		if err := f.CheckLinks(name); err != nil {
			t.Errorf("CheckLinks(%s) = %v", name, err)
		}
	}
	if ents, err := fs.ReadDir(f, "alias"); err != nil || len(ents) != 3 {
		t.Errorf("ReadDir(alias) = %v, %v", ents, err)
	}
	if info, err := fs.Lstat(f, "alias"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat(alias) = %v, %v: a link must show as one", info, err)
	}
	if _, err := f.ReadFile("gone.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a link to nothing: %v", err)
	}
	for _, name := range []string{"../secret.md", "/etc/passwd", "lessons/../../secret.md"} {
		if data, err := f.ReadFile(name); err == nil || len(data) > 0 {
			t.Errorf("ReadFile(%s) = %q, %v", name, data, err)
		}
	}
}

// TestFolderSubKeepsFolderPaths reads templates through fs.Sub, as the
// commands do: a refusal still names the link from the curriculum folder.
func TestFolderSubKeepsFolderPaths(t *testing.T) {
	_, f := folderFixture(t, "templates/blog/checks/a.yaml", "../../../../secret.md")
	sub, err := fs.Sub(f, "templates")
	must(t, err)
	_, err = fs.ReadFile(sub, "blog/checks/a.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "templates/blog/checks/a.yaml is a symbolic link that leads outside the curriculum folder") {
		t.Errorf("through fs.Sub: %v", err)
	}
}

// TestFolderIsAnFS holds Folder to the fs.FS contract.
func TestFolderIsAnFS(t *testing.T) {
	_, f := folderFixture(t, "lessons/a.md", "real.md")
	if err := fstest.TestFS(f, "curriculum.yaml", "lessons/real.md", "lessons/a.md"); err != nil {
		t.Fatal(err)
	}
}

// TestNothingReadsThroughDirFS keeps os.DirFS out of waymark's own code:
// it follows every link wherever it leads, which is how curriculum folders
// could once be read outside themselves. Content folders are read through
// Folder.
func TestNothingReadsThroughDirFS(t *testing.T) {
	for _, top := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), "_")) {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if strings.Contains(string(data), "os."+"DirFS(") {
				t.Errorf("%s uses os.DirFS: read curriculum content through curriculum.OpenFolder", p)
			}
			return nil
		})
		must(t, err)
	}
}
