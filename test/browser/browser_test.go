package browser

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// openPage serves one HTML document on loopback and opens it in a tab.
func openPage(t *testing.T, body string) *tab {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a browser")
	}
	Chromium(t)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>` + body + `</body></html>`))
	}))
	t.Cleanup(ts.Close)
	tb := newTab(t, newBrowser(t), "page", 800, 600)
	tb.do("open the page", chromedp.Navigate(ts.URL))
	return tb
}

func TestUnlabelledFieldsAreFound(t *testing.T) {
	tb := openPage(t, `
		<label>Name <input id="wrapped"></label>
		<label for="by-for">Mail</label><input id="by-for">
		<input id="aria" aria-label="Search">
		<span id="l">Code</span><input id="by-id" aria-labelledby="l">
		<input type="hidden" id="secret">
		<input id="only-placeholder" placeholder="say something">
		<label for="empty"> </label><input id="empty">
		<select id="bare"><option>a</option></select>`)
	got := eval[[]string](tb, unlabelled)
	var ids []string
	for _, f := range got {
		for _, id := range []string{"wrapped", "by-for", "aria", "by-id", "secret", "only-placeholder", "empty", "bare"} {
			if strings.Contains(f, `id="`+id+`"`) {
				ids = append(ids, id)
			}
		}
	}
	if want := []string{"only-placeholder", "empty", "bare"}; !slices.Equal(ids, want) {
		t.Errorf("unlabelled fields = %v, want %v (%q)", ids, want, got)
	}
}

func TestLowContrastIsFound(t *testing.T) {
	tb := openPage(t, `
		<p id="dark" style="color:#333">dark on white</p>
		<p id="light" style="color:#999">light grey on white</p>
		<div style="background:#1f2933"><span id="white" style="color:#fff">white on ink</span><span id="navy" style="color:#234">navy on ink</span></div>
		<div style="background:rgba(0,0,0,.5)"><span id="veiled" style="color:#444">on a half-black veil</span></div>
		<button id="off" disabled style="color:#bbb">disabled</button>
		<p id="gone" hidden style="color:#eee">hidden</p>`)
	got := strings.Join(eval[[]string](tb, lowContrast), "\n")
	for _, id := range []string{"#light", "#navy", "#veiled"} {
		if !strings.Contains(got, id+` "`) {
			t.Errorf("%s is not reported:\n%s", id, got)
		}
	}
	for _, id := range []string{"#dark", "#white", "#off", "#gone"} {
		if strings.Contains(got, id+` "`) {
			t.Errorf("%s is reported:\n%s", id, got)
		}
	}
}

func TestHiddenFormFieldsAreNotChecked(t *testing.T) {
	tb := openPage(t, `<main hidden><input id="x"></main><main style="display:grid" hidden><input id="y"></main>`)
	// The second main's display overrides hidden, as the chat's did: its
	// field shows, so it counts.
	got := eval[[]string](tb, unlabelled)
	if len(got) != 1 || !strings.Contains(got[0], `id="y"`) {
		t.Errorf("unlabelled = %q, want only the shown field y", got)
	}
}

// TestFailureKeepsScreenshots runs a failing page test in a test process of
// its own: its tab's screenshot is kept in the artifacts folder, and a
// picture left there by an earlier run is gone.
func TestFailureKeepsScreenshots(t *testing.T) {
	if os.Getenv("WAYMARK_BROWSER_FAIL_ON_PURPOSE") == "1" {
		tb := openPage(t, `<h1>failing on purpose</h1>`)
		tb.t.Errorf("failing on purpose")
		return
	}
	if testing.Short() {
		t.Skip("starts a browser")
	}
	Chromium(t)
	root := t.TempDir()
	dir := filepath.Join(root, "browser", "TestFailureKeepsScreenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "page-earlier.png")
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestFailureKeepsScreenshots$", "-test.count=1")
	cmd.Env = append(os.Environ(), "WAYMARK_BROWSER_FAIL_ON_PURPOSE=1", "WAYMARK_ARTIFACTS="+root)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the test failing on purpose passed:\n%s", out)
	}
	png, err := os.ReadFile(filepath.Join(dir, "page-failure.png"))
	if err != nil {
		t.Fatalf("no screenshot kept: %v\n%s", err, out)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("page-failure.png is not a PNG: % x", png[:min(8, len(png))])
	}
	if !strings.Contains(string(out), "page-failure.png") {
		t.Errorf("the failing test does not say where its screenshot is:\n%s", out)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a picture from an earlier run is still there (%v)", err)
	}
}
