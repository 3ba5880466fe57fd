package cli

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/gitrepo"
	"github.com/waymark-dev/waymark/internal/iostreams"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/quiz"
	"github.com/waymark-dev/waymark/internal/scaffold"
	"github.com/waymark-dev/waymark/roadmap"
	"github.com/waymark-dev/waymark/templates"
)

// The commands waymark documents — every Example of every --help, every
// waymark line of its own README and of each generated project's README —
// must run as written. These tests run them in an isolated home against
// the built-in roadmap; what a line needs (a project folder, a curriculum,
// a server to check) is set up first, and a check's server is a small
// stand-in so that no project is built.

// docEnv is one isolated place to run documented commands in.
type docEnv struct {
	t    *testing.T
	home string
	env  map[string]string
	// server stands in for a learner's server: it is healthy and answers
	// every API route "not implemented", as a fresh starter does.
	server *httptest.Server
}

func newDocEnv(t *testing.T) *docEnv {
	e := &docEnv{t: t}
	e.fresh()
	e.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/healthz":
			fmt.Fprint(w, `{"status":"ok"}`)
		case strings.HasPrefix(r.URL.Path, "/api/") || strings.HasPrefix(r.URL.Path, "/ws"):
			w.WriteHeader(http.StatusNotImplemented)
			fmt.Fprint(w, `{"error":"not implemented","milestone":"next"}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error":"not found"}`)
		}
	}))
	t.Cleanup(e.server.Close)
	return e
}

// fresh gives e a new, empty home, as a learner's machine with Git set up.
func (e *docEnv) fresh() {
	home := e.t.TempDir()
	e.home = home
	e.env = map[string]string{
		"HOME":            home,
		"XDG_DATA_HOME":   filepath.Join(home, ".local", "share"),
		"XDG_CONFIG_HOME": filepath.Join(home, ".config"),
		"XDG_CACHE_HOME":  filepath.Join(home, ".cache"),
		"NO_COLOR":        "1",
	}
	mustT(e.t, os.WriteFile(filepath.Join(home, ".gitconfig"), []byte("[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n"), 0o644))
}

// run runs one waymark command line (args after "waymark") in dir and
// returns its exit code and output.
func (e *docEnv) run(dir string, tty bool, args ...string) (int, string) {
	e.t.Helper()
	io, in, out, errOut := iostreams.Test()
	if tty {
		io.SetTTY(true)
		in.WriteString(strings.Repeat("1\n", 200)) // a learner answering every question
	}
	f := NewFactory(io, func(k string) string { return e.env[k] }, time.Now)
	root := NewCmdRoot(f)
	// A check in start mode would build and run a whole project; here it
	// resolves everything a run needs (the folder, the project, the
	// milestone, the flags) and stops there. Checks at a URL run for real.
	for _, c := range root.Commands() {
		if c.Name() == "check" {
			root.RemoveCommand(c)
		}
	}
	root.AddCommand(NewCmdCheck(f, func(ctx context.Context, opts *CheckOptions) error {
		if len(opts.URLs) > 0 {
			return checkRun(ctx, opts)
		}
		_, err := resolveCheckTarget(opts)
		return err
	}))
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	wd, _ := os.Getwd()
	mustT(e.t, os.Chdir(dir))
	defer os.Chdir(wd)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	code := exitCode(f, root.ExecuteContext(ctx))
	return code, out.String() + errOut.String()
}

// words splits a documented shell line into commands of words: "&&"
// separates commands, a pipe's right side and a redirection are dropped
// (jq, less and files are not waymark's business), comments end the line.
func words(line string) [][]string {
	var cmds [][]string
	var cur []string
	var w strings.Builder
	inWord, quote, skip := false, rune(0), false
	flush := func() {
		if inWord && !skip {
			cur = append(cur, w.String())
		}
		w.Reset()
		inWord = false
	}
	end := func() {
		flush()
		if len(cur) > 0 {
			cmds = append(cmds, cur)
		}
		cur, skip = nil, false
	}
	rs := []rune(line)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				w.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			flush()
		case r == '#' && !inWord:
			end()
			return cmds
		case r == '&' && i+1 < len(rs) && rs[i+1] == '&':
			end()
			i++
		case r == '|':
			flush()
			skip = true // the rest of this command is another program
		case r == '>':
			flush()
			skip = true
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	end()
	return cmds
}

// localURL matches the server addresses documented commands check.
var localURL = regexp.MustCompile(`^http://(localhost|127\.0\.0\.1):\d+`)

// prepare turns a documented command into arguments that run here: ~ is
// the isolated home, a local server address is the stand-in server's. It
// reports false for a command that needs the network.
func (e *docEnv) prepare(args []string) ([]string, bool) {
	out := make([]string, len(args))
	for i, a := range args {
		switch {
		case strings.HasPrefix(a, "~/"):
			a = filepath.Join(e.home, a[2:])
		case localURL.MatchString(a):
			a = localURL.ReplaceAllString(a, e.server.URL)
		case strings.HasPrefix(a, "https://") || strings.HasPrefix(a, "http://"):
			return nil, false
		}
		out[i] = a
	}
	return out, true
}

// okExit accepts success, and checks that ran and found what a starter
// lacks (the stand-in server implements nothing).
func okExit(args []string, code int) bool {
	return code == ExitOK || (len(args) > 0 && args[0] == "check" && code == ExitFailed)
}

// setup prepares dir for args: the folders and files the documented
// command assumes exist.
func (e *docEnv) setup(dir string, args []string) string {
	t := e.t
	line := strings.Join(args, " ")
	mustRun := func(args ...string) {
		t.Helper()
		if code, out := e.run(dir, false, args...); code != 0 {
			t.Fatalf("setting up for %q: waymark %s: exit %d\n%s", line, strings.Join(args, " "), code, out)
		}
	}
	switch {
	case strings.HasPrefix(line, "check"):
		// A project folder as waymark new leaves it.
		prov := "format: 1\ncurriculum: backend\nproject: tasks\nstack: go\nmode: starter\ntemplate_version: 1.0.0\nwaymark_version: dev\nrun: go run ./cmd/server\nport_env: PORT\nhealth: /healthz\n"
		mustT(t, os.WriteFile(filepath.Join(dir, scaffold.ProvenanceFile), []byte(prov), 0o644))
	case line == "curriculum validate .":
		mustRun("curriculum", "init", "course")
		return filepath.Join(dir, "course")
	case strings.Contains(line, "my-course") && !strings.HasPrefix(line, "curriculum init"):
		mustRun("curriculum", "init", "my-course")
	case strings.HasPrefix(line, "curriculum update"):
		// Updating needs a curriculum cloned from Git.
		mustRun("curriculum", "init", "my-course")
		_, err := gitrepo.Init(filepath.Join(dir, "my-course"), gitrepo.Author{Name: "Ada", Email: "ada@example.com"}, "first", time.Now())
		mustT(t, err)
		mustRun("curriculum", "add", "file://"+filepath.ToSlash(filepath.Join(dir, "my-course")), "--name", "backend-course")
	case strings.Contains(line, "backend-course") && !strings.HasPrefix(line, "curriculum add"):
		mustRun("curriculum", "init", "my-course")
		mustRun("curriculum", "add", "./my-course", "--name", "backend-course")
	case strings.HasPrefix(line, "review") && strings.Contains(line, "--answers"):
		// As many questions due as the line answers: a day after a quiz
		// that got them wrong.
		e.dueForReview(answerCount(args))
	case (strings.HasPrefix(line, "class add-learner class.yaml") || strings.HasPrefix(line, "class report class.yaml")) && !strings.Contains(line, "class init"):
		// README's class lines follow one another: the roster exists.
		mustRun("class", "init", "class.yaml")
	case strings.HasPrefix(line, "class report submissions/"):
		mustT(t, os.MkdirAll(filepath.Join(dir, "submissions"), 0o755))
		mustRun("done", "internet")
		mustRun("progress", "export", "--out", "submissions/ada.yaml", "--name", "Ada", "--email", "ada@example.com")
	}
	return dir
}

// answerCount is how many answers the --answers flag of args gives.
func answerCount(args []string) int {
	for i, a := range args {
		if a == "--answers" && i+1 < len(args) {
			return len(strings.Split(args[i+1], ","))
		}
	}
	return 0
}

// dueForReview makes the first n questions of the built-in roadmap's
// first quiz due for review today.
func (e *docEnv) dueForReview(n int) {
	c, err := curriculum.Load(roadmap.FS, nil)
	mustT(e.t, err)
	path := filepath.Join(e.env["XDG_DATA_HOME"], "waymark", "progress.yaml")
	_, err = progress.Open(path).Update(func(p *progress.Progress) error {
		p.Curriculum = c.ID
		for _, s := range c.Steps {
			for _, a := range quiz.Attempt(s, 0) {
				if n > 0 {
					p.RecordAnswer(a.Key, false, time.Now().AddDate(0, 0, -1))
					n--
				}
			}
		}
		return nil
	})
	mustT(e.t, err)
}

// runDocumented runs one documented line from where, in a fresh home.
func (e *docEnv) runDocumented(where, line string) {
	t := e.t
	e.fresh()
	for _, cmd := range words(line) {
		if cmd[0] != "waymark" {
			continue // git, cd, make: not waymark's
		}
		args, offline := e.prepare(cmd[1:])
		if !offline {
			t.Logf("%s: %q needs the network; not run here", where, line)
			return
		}
		dir := e.setup(t.TempDir(), args)
		// A quiz without --answers asks on the terminal.
		tty := len(args) > 0 && args[0] == "quiz" && !strings.Contains(line, "--answers")
		if code, out := e.run(dir, tty, args...); !okExit(args, code) {
			t.Errorf("%s: %q exits %d:\n%s", where, line, code, out)
		}
	}
}

// helpExamples are the waymark lines of every command's Example.
func helpExamples(c *cobra.Command) map[string][]string {
	out := map[string][]string{}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for _, l := range strings.Split(c.Example, "\n") {
			if l = strings.TrimSpace(l); strings.HasPrefix(l, "waymark ") {
				out[c.CommandPath()] = append(out[c.CommandPath()], l)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(c)
	return out
}

func TestEveryHelpExampleRuns(t *testing.T) {
	io, _, _, _ := iostreams.Test()
	examples := helpExamples(NewCmdRoot(NewFactory(io, func(string) string { return "" }, time.Now)))
	if len(examples) < 15 {
		t.Fatalf("only %d commands have examples", len(examples))
	}
	e := newDocEnv(t)
	for cmd, lines := range examples {
		for _, l := range lines {
			e.runDocumented("help of "+cmd, l)
		}
	}
}

// Every command that does something has an example.
func TestEveryCommandHasAnExample(t *testing.T) {
	io, _, _, _ := iostreams.Test()
	root := NewCmdRoot(NewFactory(io, func(string) string { return "" }, time.Now))
	examples := helpExamples(root)
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Runnable() && !c.HasSubCommands() && !c.Hidden && c.Name() != "help" && !strings.HasPrefix(c.CommandPath(), "waymark completion") && len(examples[c.CommandPath()]) == 0 {
			t.Errorf("%s has no Example", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// readmeCommands are the waymark lines of a README: those in its fenced
// shell blocks and in its inline code.
func readmeCommands(md string) []string {
	var out []string
	inBlock := false
	for _, l := range strings.Split(md, "\n") {
		trimmed := strings.TrimSpace(l)
		if strings.HasPrefix(trimmed, "```") {
			inBlock = !inBlock
			continue
		}
		if inBlock {
			if strings.Contains(trimmed, "waymark ") && (strings.HasPrefix(trimmed, "waymark ") || strings.Contains(trimmed, "&& waymark ")) {
				out = append(out, trimmed)
			}
			continue
		}
		// Inline code is a command when it has arguments; "`waymark new`
		// writes…" only names one.
		for _, m := range regexp.MustCompile("`(waymark [^`]+)`").FindAllStringSubmatch(l, -1) {
			if len(strings.Fields(m[1])) > 2 {
				out = append(out, m[1])
			}
		}
	}
	return out
}

func TestWaymarkReadmeCommandsRun(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	mustT(t, err)
	lines := readmeCommands(string(data))
	if len(lines) < 10 {
		t.Fatalf("found only %d waymark commands in README.md", len(lines))
	}
	e := newDocEnv(t)
	for _, l := range lines {
		if strings.Contains(l, "DIR") || strings.Contains(l, "FILE") || strings.Contains(l, "|zsh") {
			continue // a placeholder, not a command to run
		}
		e.runDocumented("README.md", l)
	}
}

// TestGeneratedReadmeCommandsRun generates every built-in project and stack
// and runs the waymark commands its README gives, inside it.
func TestGeneratedReadmeCommandsRun(t *testing.T) {
	projects, err := curriculum.LoadProjects(templates.FS)
	mustT(t, err)
	e := newDocEnv(t)
	for _, p := range projects {
		for _, stack := range scaffold.StackNames(p) {
			t.Run(p.ID+"/"+stack, func(t *testing.T) {
				dir := filepath.Join(t.TempDir(), p.ID)
				_, err := scaffold.Generate(context.Background(), templates.FS, scaffold.Options{
					Project: p, Stack: stack, Mode: scaffold.Starter(), Dir: dir, NoGit: true, WaymarkVersion: "test",
				})
				mustT(t, err)
				data, err := os.ReadFile(filepath.Join(dir, "README.md"))
				mustT(t, err)
				lines := readmeCommands(string(data))
				if len(lines) == 0 {
					t.Fatal("the README names no waymark command")
				}
				sub := &docEnv{t: t, server: e.server}
				sub.fresh()
				for _, l := range lines {
					for _, cmd := range words(l) {
						if cmd[0] != "waymark" {
							continue
						}
						args, _ := sub.prepare(cmd[1:])
						if code, out := sub.run(dir, false, args...); !okExit(args, code) {
							t.Errorf("README of %s/%s: %q exits %d:\n%s", p.ID, stack, l, code, out)
						}
					}
				}
			})
		}
	}
}
