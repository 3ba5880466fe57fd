package browser

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

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
