package config

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadDotEnv(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	text := "# a comment\n\nPORT=9000\r\nexport NAME = 'quoted value' \nEMPTY=\nURL=\"sqlite://./data/x.db?a=b\"\nHALF=\"open\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := readDotEnv(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"PORT": "9000", "NAME": "quoted value", "EMPTY": "", "URL": "sqlite://./data/x.db?a=b", "HALF": `"open`}
	if !maps.Equal(got, want) {
		t.Errorf("readDotEnv = %v, want %v", got, want)
	}

	if got, err := readDotEnv(filepath.Join(t.TempDir(), "missing")); err != nil || len(got) != 0 {
		t.Errorf("a missing file: %v, %v; want no values and no error", got, err)
	}

	if err := os.WriteFile(path, []byte("A=1\n# fine\nnot a pair\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readDotEnv(path); err == nil || !strings.Contains(err.Error(), ".env:3: want KEY=VALUE") {
		t.Errorf("a line without = : err = %v, want it named with its line number", err)
	}
}

func TestAppendDevSecret(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(path, []byte("PORT=9000"), 0o600); err != nil { // no final newline
		t.Fatal(err)
	}
	a, err := appendDevSecret(path, "A_SECRET")
	if err != nil {
		t.Fatal(err)
	}
	b, err := appendDevSecret(path, "B_SECRET")
	if err != nil {
		t.Fatal(err)
	}
	if len(a) < 32 || a == b {
		t.Errorf("secrets %q and %q: want two different ones of 32 characters or more", a, b)
	}
	got, err := readDotEnv(path)
	if err != nil {
		t.Fatal(err)
	}
	if got["PORT"] != "9000" || got["A_SECRET"] != a || got["B_SECRET"] != b {
		t.Errorf("the file reads back as %v", got)
	}

	fresh := filepath.Join(t.TempDir(), ".env")
	if _, err := appendDevSecret(fresh, "A_SECRET"); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(fresh)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("a new .env is mode %o, want 600", perm)
	}
}
