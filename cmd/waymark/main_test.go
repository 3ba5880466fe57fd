package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/waymark-dev/waymark/internal/cli"
	"github.com/waymark-dev/waymark/internal/gitrepo"
	"github.com/waymark-dev/waymark/internal/iostreams"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"waymark": func() { os.Exit(cli.Main(context.Background(), os.Args[1:], iostreams.System())) },
	})
}

func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	tuneGC(func(string) string { return "" })
	if got := debug.SetGCPercent(100); got != startGCPercent {
		t.Errorf("without GOGC the collector's percent is %d, want %d", got, startGCPercent)
	}
	tuneGC(func(k string) string { return map[string]string{"GOGC": "50"}[k] })
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set the percent became %d: the user's setting must win", got)
	}
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a
// sequence of real waymark invocations in an isolated home folder.
func TestScripts(t *testing.T) {
	// Scripts that build a Go project share this machine's build and module
	// caches: an isolated HOME would otherwise mean a cold build every time.
	goEnv := map[string]string{}
	if out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH").Output(); err == nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		for i, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH"} {
			if i < len(lines) && lines[i] != "" {
				goEnv[k] = lines[i]
			}
		}
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"gitinit": cmdGitInit},
		Setup: func(env *testscript.Env) error {
			home := filepath.Join(env.WorkDir, "home")
			env.Setenv("HOME", home)
			env.Setenv("XDG_DATA_HOME", filepath.Join(home, ".local", "share"))
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
			env.Setenv("WAYMARK_PROGRESS", "")
			env.Setenv("NO_COLOR", "1")
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			for k, v := range goEnv {
				env.Setenv(k, v)
			}
			return os.MkdirAll(home, 0o755)
		},
	})
}

// cmdGitInit is the script command `gitinit dir`: make dir a Git repository
// with every file in one commit, with go-git as waymark itself does, so that
// scripts need no git binary.
func cmdGitInit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: gitinit dir")
	}
	author := gitrepo.Author{Name: "Script", Email: "script@example.com"}
	when := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	if _, err := gitrepo.Init(ts.MkAbs(args[0]), author, "first", when); err != nil {
		ts.Fatalf("gitinit: %v", err)
	}
}
