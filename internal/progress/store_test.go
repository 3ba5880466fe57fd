package progress

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	childEnv     = "WAYMARK_PROGRESS_TEST_CHILD"
	childPathEnv = "WAYMARK_PROGRESS_TEST_PATH"
	childIDEnv   = "WAYMARK_PROGRESS_TEST_ID"

	childUpdates = 50

	stallMarker = "inside the save, before the rename of "
	stallTopic  = "lost-in-the-kill"
)

// childUpdate marks childUpdates topics of its own done, one Update each.
func childUpdate(path, id string) int {
	s := Open(path)
	for i := range childUpdates {
		topic := fmt.Sprintf("c%s-t%02d", id, i)
		if _, err := s.Update(func(p *Progress) error {
			p.SetTopic(topic, StatusDone, time.Now())
			return nil
		}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
}

// childStall marks stallTopic done, but its save stops inside the rename
// hook: the temporary file is written and synced, the lock is held, and
// the child prints stallMarker and the temporary file's name, then waits
// to be killed (for a minute at most).
func childStall(path string) int {
	s := Open(path)
	s.rename = func(tmp, _ string) error {
		fmt.Println(stallMarker + tmp)
		time.Sleep(time.Minute)
		return errors.New("not killed within a minute")
	}
	if _, err := s.Update(setTopic(stallTopic)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

func child(t *testing.T, mode, path, id string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, childPathEnv+"="+path, childIDEnv+"="+id)
	cmd.Stderr = os.Stderr
	return cmd
}

func setTopic(id string) func(*Progress) error {
	return func(p *Progress) error { p.SetTopic(id, StatusDone, t0); return nil }
}

func TestLoadMissing(t *testing.T) {
	p, err := Open(filepath.Join(t.TempDir(), "nope", "progress.yaml")).Load()
	if err != nil || !sameProgress(p, New("")) {
		t.Fatalf("got %+v, %v", p, err)
	}
}

func TestUpdateCreates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "waymark", "progress.yaml")
	s := Open(path)
	if _, err := s.Update(func(p *Progress) error {
		p.Curriculum = "backend"
		p.SetTopic("http", StatusDone, t0)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("file mode %v, want 0644", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	if !bytes.HasPrefix(data, []byte(header+"format: 2\ncurriculum: backend\n")) {
		t.Errorf("unexpected file:\n%s", data)
	}
	p, err := s.Load()
	if err != nil || p.TopicStatus("http") != StatusDone {
		t.Fatalf("reload: %+v, %v", p, err)
	}
}

func TestUpdateFuncErrorWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.yaml")
	s := Open(path)
	boom := errors.New("boom")
	if _, err := s.Update(func(*Progress) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("file written after fn failed: %v", err)
	}
}

func TestUpdateLeavesCorruptFileUntouched(t *testing.T) {
	for _, bad := range []string{
		"format: 1\ntopics:\n  x: {status: done\n",          // syntax
		"format: 1\ntopics:\n  x: {status: finished}\n",     // validation
		"format: 1\nlog: [{day: 2026-11-24, minutes: x}]\n", // type
		"format: 9\n", // newer
	} {
		path := filepath.Join(t.TempDir(), "progress.yaml")
		if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		called := false
		_, err := Open(path).Update(func(*Progress) error { called = true; return nil })
		var pe *ParseError
		var ne *NewerFormatError
		if !errors.As(err, &pe) && !errors.As(err, &ne) {
			t.Errorf("%q: got %v, want a ParseError or NewerFormatError", bad, err)
		}
		if called {
			t.Errorf("%q: fn ran on a file that did not parse", bad)
		}
		if got, _ := os.ReadFile(path); string(got) != bad {
			t.Errorf("%q: file changed to %q", bad, got)
		}
		if _, err := Open(path).Load(); err == nil {
			t.Errorf("%q: Load accepted it", bad)
		}
	}
}

func TestUpdateMigratesWithBackup(t *testing.T) {
	orig, err := os.ReadFile("testdata/format0.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "progress.yaml")
	s := Open(path)
	for i, wantBackup := range []string{".bak-format0", ".bak-format0.1"} {
		if err := os.WriteFile(path, orig, 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := s.Load() // Load migrates in memory and writes nothing
		if err != nil || p.TopicStatus("sql-joins") != StatusDoing {
			t.Fatalf("load: %+v, %v", p, err)
		}
		if _, err := os.Stat(path + wantBackup); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("round %d: Load made a backup", i)
		}
		if _, err := s.Update(setTopic("sql-joins")); err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(path + wantBackup); err != nil || !bytes.Equal(got, orig) {
			t.Fatalf("round %d: backup %s: %v", i, wantBackup, err)
		}
		data, _ := os.ReadFile(path)
		p, format, err := decode(path, data)
		if err != nil || format != Format || p.TopicStatus("sql-joins") != StatusDone || p.TopicStatus("http-messages") != StatusDone {
			t.Fatalf("migrated file: %v\n%s", err, data)
		}
		// A second Update on the now-current file makes no new backup.
		if _, err := s.Update(setTopic("more")); err != nil {
			t.Fatal(err)
		}
	}
	if m, _ := filepath.Glob(path + ".bak*"); len(m) != 2 {
		t.Fatalf("backups: %v", m)
	}
}

func TestUpdateUnchangedSkipsWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.yaml")
	s := Open(path)
	if _, err := s.Update(setTopic("a")); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Update(setTopic("a")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); !fi.ModTime().Equal(old) {
		t.Fatal("an update that changed nothing rewrote the file")
	}
}

func TestSaveCrashKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "progress.yaml")
	s := Open(path)
	if _, err := s.Update(setTopic("a")); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	crash := errors.New("power cut")
	s.rename = func(string, string) error { return crash }
	if _, err := s.Update(setTopic("b")); !errors.Is(err, crash) {
		t.Fatalf("got %v, want the rename error", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatalf("file changed:\n%s", after)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "progress.yaml" && e.Name() != "progress.yaml.lock" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestUpdateAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 8 processes")
	}
	path := filepath.Join(t.TempDir(), "progress.yaml")
	const children = 8
	cmds := make([]*exec.Cmd, children)
	for i := range cmds {
		cmds[i] = child(t, "update", path, strconv.Itoa(i))
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("child %d: %v", i, err)
		}
	}
	p, err := Open(path).Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Topics) != children*childUpdates {
		t.Errorf("got %d topics, want %d: updates were lost", len(p.Topics), children*childUpdates)
	}
	for i := range children {
		for j := range childUpdates {
			if id := fmt.Sprintf("c%d-t%02d", i, j); p.TopicStatus(id) != StatusDone {
				t.Errorf("%s missing", id)
			}
		}
	}
}

// TestKilledDuringSavesLeavesReadableFile kills a process that holds the
// lock in the middle of a save: its temporary file is complete but not yet
// renamed (the child says so on stdout, from inside the rename hook). The
// old file must be whole, the lock free, and the next save must sweep the
// dead save's temporary file.
func TestKilledDuringSavesLeavesReadableFile(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "progress.yaml")
	big := New("backend")
	for i := range 3000 {
		big.SetTopic(fmt.Sprintf("pre-%04d", i), StatusDone, t0)
	}
	if _, err := Open(path).Update(func(p *Progress) error { *p = *big; return nil }); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	cmd := child(t, "stall", path, "")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	kill := func() {
		if !killed {
			killed = true
			_ = cmd.Process.Kill() // SIGKILL on Unix: no deferred cleanup runs
			_ = cmd.Wait()
		}
	}
	defer kill()
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var tmp string
	select {
	case line, ok := <-lines:
		if !ok {
			t.Fatal("the child ended its output without reaching the rename")
		}
		if tmp, ok = strings.CutPrefix(line, stallMarker); !ok {
			t.Fatalf("the child did not reach the rename; it printed %q", line)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the child did not reach the rename within 30s")
	}
	// The kill lands after the temporary file is written in full and
	// before the rename: the new content is there, under the wrong name.
	data, err := os.ReadFile(tmp)
	if err != nil {
		t.Fatalf("the stalled save's temporary file: %v", err)
	}
	if p, _, err := decode(tmp, data); err != nil || p.TopicStatus(stallTopic) != StatusDone {
		t.Fatalf("the temporary file is not the complete new save (err %v)", err)
	}
	kill()

	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("the progress file changed though its save was killed before the rename")
	}
	p, err := Open(path).Load()
	if err != nil {
		t.Fatalf("file unreadable after kill: %v", err)
	}
	if p.TopicStatus("pre-2999") != StatusDone || p.TopicStatus(stallTopic) != StatusTodo {
		t.Fatal("the file read after the kill is not the one before the killed save")
	}
	if _, err := os.Stat(tmp); err != nil {
		t.Fatalf("the killed save left no temporary file, so the kill did not land mid-save: %v", err)
	}

	// The dead child's lock must not block the next writer, whose save
	// removes the leftover.
	done := make(chan error, 1)
	go func() { _, err := Open(path).Update(setTopic("after-kill")); done <- err }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("lock still held after the child died")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "progress.yaml" && e.Name() != "progress.yaml.lock" {
			t.Errorf("left behind after the next save: %s", e.Name())
		}
	}
	if p, err := Open(path).Load(); err != nil || p.TopicStatus("after-kill") != StatusDone || p.TopicStatus("pre-2999") != StatusDone {
		t.Fatalf("the save after the kill: %v", err)
	}
}

func sameProgress(a, b *Progress) bool {
	x, _ := encode(a)
	y, _ := encode(b)
	return bytes.Equal(x, y)
}

func bigProgress(n int) *Progress {
	p := New("backend")
	for i := range n {
		p.SetTopic(fmt.Sprintf("topic-%05d", i), []Status{StatusDone, StatusDoing, StatusSkipped}[i%3], t0.Add(time.Duration(i)*time.Minute))
	}
	for i := range 200 {
		p.AddLog(t0.AddDate(0, 0, -i), 30+i%60, "study")
	}
	return p
}

func BenchmarkLoad10k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "progress.yaml")
	if _, err := Open(path).Update(func(p *Progress) error { *p = *bigProgress(10_000); return nil }); err != nil {
		b.Fatal(err)
	}
	s := Open(path)
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSave10k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "progress.yaml")
	s := Open(path)
	big := bigProgress(10_000)
	b.ResetTimer()
	for b.Loop() {
		data, err := encode(big)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.writeAtomic(data); err != nil {
			b.Fatal(err)
		}
	}
}

// Format 1 kept one folder per project; format 2 a list. A format 1 file
// reads as a list of one, and the first save keeps the original beside it.
func TestUpdateMigratesFormat1(t *testing.T) {
	orig, err := os.ReadFile("testdata/format1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "progress.yaml")
	if err := os.WriteFile(path, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	s := Open(path)
	p, err := s.Update(func(p *Progress) error {
		p.RecordProject("tasks", "/home/ada/code/tasks-ref", "go", ModeSolution, t0)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(path + ".bak-format1"); err != nil || !bytes.Equal(got, orig) {
		t.Fatalf("backup: %v", err)
	}
	if _, ok := p.Verified("tasks")["auth"]; !ok || len(p.Projects["tasks"]) != 2 {
		t.Fatalf("migrated projects: %+v", p.Projects["tasks"])
	}
	data, _ := os.ReadFile(path)
	if !bytes.Contains(data, []byte("format: 2\n")) || !bytes.Contains(data, []byte("  tasks:\n    - dir: /home/ada/code/tasks\n")) {
		t.Fatalf("saved file:\n%s", data)
	}
}
