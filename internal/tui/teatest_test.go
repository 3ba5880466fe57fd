package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestProgramMarksTopicDone runs the whole program: open the first step,
// open its first topic, mark it done, quit; the progress file has it.
func TestProgramMarksTopicDone(t *testing.T) {
	opts := fixtureOptions(t, true)
	m, err := New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "Steps") },
		teatest.WithDuration(5*time.Second))
	for _, k := range []string{"enter", "enter", "d"} {
		tm.Send(keyMsg(k))
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(readOrEmpty(opts.Store.Path), "internet:\n    status: done") {
		if time.Now().After(deadline) {
			t.Fatalf("internet never saved as done:\n%s", readOrEmpty(opts.Store.Path))
		}
		time.Sleep(10 * time.Millisecond)
	}
	tm.Send(keyMsg("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if final.saveErr != nil || final.com.p.TopicStatus("internet") != "done" {
		t.Fatalf("final model: err %v, internet %s", final.saveErr, final.com.p.TopicStatus("internet"))
	}
	var _ tea.Model = final
}
