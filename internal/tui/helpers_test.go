package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
)

// clock is the fixed time every test runs at.
var clock = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return clock }

// fixture loads the small curriculum and templates in testdata.
func fixture(t testing.TB) (*curriculum.Curriculum, []*curriculum.Project) {
	t.Helper()
	c, err := curriculum.Load(os.DirFS("testdata/curriculum"), nil)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := curriculum.LoadProjects(os.DirFS("testdata/templates"))
	if err != nil {
		t.Fatal(err)
	}
	return c, ps
}

// fixtureOptions are Options over the fixture, with a copy of
// testdata/progress.yaml (or no file when fresh) in a temporary folder.
func fixtureOptions(t testing.TB, fresh bool) Options {
	t.Helper()
	c, ps := fixture(t)
	path := filepath.Join(t.TempDir(), "progress.yaml")
	if !fresh {
		data, err := os.ReadFile("testdata/progress.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	store := progress.Open(path)
	p, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	return Options{Curriculum: c, Store: store, Progress: p, Projects: ps, Now: fixedNow, IsDark: true,
		Scaffold: fakeScaffold(nil), Practice: fakePractice(nil)}
}

// fakePractice answers like the practice operation without writing files.
func fakePractice(err error) PracticeFunc {
	return func(_ context.Context, req PracticeRequest) (*ScaffoldResult, error) {
		if err != nil {
			return nil, err
		}
		return &ScaffoldResult{Dir: "/home/ada/code/" + filepath.Base(req.Dir), Files: 6,
			Commit: "0123456789abcdef0123456789abcdef01234567"}, nil
	}
}

// fakeScaffold answers like the scaffold operation without writing files.
func fakeScaffold(err error) ScaffoldFunc {
	return func(_ context.Context, req ScaffoldRequest) (*ScaffoldResult, error) {
		if err != nil {
			return nil, err
		}
		return &ScaffoldResult{Dir: "/home/ada/code/" + filepath.Base(req.Dir), Files: 42,
			Commit: "0123456789abcdef0123456789abcdef01234567", Module: "example.com/" + filepath.Base(req.Dir)}, nil
	}
}

func newModel(t testing.TB, opts Options, w, h int) *Model {
	t.Helper()
	m, err := New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// keyMsg builds the key press that msg.String() would print as s.
func keyMsg(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// press sends keys to m and runs what they start to the end: the saves,
// the screens they open, the scaffold. Commands that wait (cursor blinks,
// spinner ticks) are dropped.
func press(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		drain(t, m, cmd, 0)
		awaitSaves(t, m)
	}
}

// send delivers msg to m as the program would, with its follow-ups.
func send(t testing.TB, m *Model, msg tea.Msg) {
	t.Helper()
	_, cmd := m.Update(msg)
	drain(t, m, cmd, 0)
}

// late holds the commands run gave up on: timers, and now and then a save
// that a loaded machine made slower than run's patience.
var late = make(chan tea.Msg, 1024)

// awaitSaves waits (bounded) until no save is outstanding, handling what
// the slow commands answered; timer messages are dropped as run drops them.
func awaitSaves(t testing.TB, m *Model) {
	t.Helper()
	for deadline := time.After(10 * time.Second); m.pending > 0; {
		select {
		case msg := <-late:
			if _, isSave := msg.(savedMsg); isSave {
				_, next := m.Update(msg)
				drain(t, m, next, 0)
			}
		case <-deadline:
			t.Fatalf("%d saves did not finish within 10s", m.pending)
		}
	}
}

func drain(t testing.TB, m *Model, cmd tea.Cmd, depth int) {
	t.Helper()
	if cmd == nil || depth > 50 {
		return
	}
	msg, ok := run(cmd)
	if !ok {
		return
	}
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			drain(t, m, c, depth+1)
		}
		return
	case nil, spinner.TickMsg, tea.QuitMsg:
		return
	}
	_, next := m.Update(msg)
	drain(t, m, next, depth+1)
}

// run runs cmd, giving up on commands that sleep (timers, blinks); what
// they answer later goes to late.
func run(cmd tea.Cmd) (tea.Msg, bool) {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		return msg, true
	case <-time.After(200 * time.Millisecond):
		go func() {
			select {
			case late <- <-ch:
			default: // nobody is waiting for it
			}
		}()
		return nil, false
	}
}

// screenText is the view as the learner reads it: no escape sequences and
// no trailing blanks.
func screenText(m *Model) string {
	lines := strings.Split(ansi.Strip(m.View().Content), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

func loadFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func readOrEmpty(path string) string {
	data, _ := os.ReadFile(path)
	return string(data)
}
