// Package browser opens the projects' web pages in headless Chromium and uses
// them as a person would: the chat's browser client and the blog's admin
// dashboard. TestPages runs these scenarios on every stack a project's
// manifest declares, generated as the solution and as the starter.
//
// The browser is Debian's chromium, driven over the DevTools protocol (a
// pipe, no port) by chromedp; nothing is downloaded. Without chromium the
// scenarios skip, except under CI=true, where they fail. When one fails it
// keeps a screenshot of each of its tabs under $WAYMARK_ARTIFACTS/browser
// (default: waymark-artifacts in the system's temporary folder), where the
// chat's layout screenshots at 360 and 1200 px go too.
package browser

import (
	"context"
	"fmt"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// stepTimeout bounds every single browser step: a wait for something to
// appear, a click, an evaluation. It is generous: the projects' tests build
// and run other servers on the same cores meanwhile.
const stepTimeout = 30 * time.Second

// browsers is how many browsers run at once in one test binary: one, so
// that a scenario's timing does not depend on how many others run.
var browsers = make(chan struct{}, 1)

// Chromium finds the browser: $WAYMARK_CHROMIUM, else chromium on PATH (or
// Google Chrome, which hosted CI runners have). It skips the test when there
// is none, and fails it under CI=true.
func Chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("WAYMARK_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "chromium is not installed: the browser tests need Debian's chromium package (apt-get install chromium), or WAYMARK_CHROMIUM naming a Chromium or Chrome binary"
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true but " + msg)
	}
	t.Skip(msg)
	return ""
}

// artifacts is the folder a test's screenshots go to.
func artifacts(t *testing.T) string {
	t.Helper()
	root := os.Getenv("WAYMARK_ARTIFACTS")
	if root == "" {
		root = filepath.Join(os.TempDir(), "waymark-artifacts")
	}
	dir := filepath.Join(root, "browser", safeName(t.Name()))
	// A test's folder holds this run's pictures only, not a past failure's.
	if _, seen := cleared.LoadOrStore(dir, true); !seen {
		os.RemoveAll(dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// cleared holds the artifact folders emptied in this run.
var cleared sync.Map

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func safeName(s string) string { return unsafeChars.ReplaceAllString(s, "_") }

// newBrowser starts a headless Chromium of the test's own, with a fresh
// profile, and stops it when the test ends.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := Chromium(t)
	browsers <- struct{}{}
	t.Cleanup(func() { <-browsers })
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("force-device-scale-factor", "1"),
		chromedp.Flag("force-color-profile", "srgb"),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	// The first run starts the browser; its context has no deadline, so
	// that a step's timeout never closes the browser.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("start %s: %v", path, err)
	}
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return ctx
}

// tab is one page in a browser context of its own (its own cookies and
// storage), as a second person on another computer.
type tab struct {
	t    *testing.T
	name string
	ctx  context.Context

	mu   sync.Mutex
	logs []string // console errors and uncaught exceptions
}

// newTab opens a page of width × height pixels. When the test fails, the
// page's screenshot is kept in artifacts(t) and its console errors logged.
func newTab(t *testing.T, browser context.Context, name string, width, height int64) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	tb := &tab{t: t, name: name, ctx: ctx}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		cancel()
		t.Fatalf("open tab %s: %v", name, err)
	}
	go tb.collect(chromedp.Events(ctx, runtime.ConsoleAPICalled), chromedp.Events(ctx, runtime.ExceptionThrown))
	// An alert, confirm or prompt would block the page and every step after
	// it: it is closed at once and counts as a failure, since the pages
	// tell their news in the page itself.
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			tb.log("dialog: " + string(ev.Type) + ": " + ev.Message)
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	t.Cleanup(cancel)
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		tb.screenshot("failure")
		tb.mu.Lock()
		defer tb.mu.Unlock()
		for _, l := range tb.logs {
			t.Logf("%s console: %s", name, l)
		}
	})
	return tb
}

func (tb *tab) collect(console iter.Seq2[runtime.EventConsoleAPICalled, error], exceptions iter.Seq2[runtime.EventExceptionThrown, error]) {
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			text := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil && ev.ExceptionDetails.Exception.Description != "" {
				text = ev.ExceptionDetails.Exception.Description
			}
			tb.log("exception: " + text)
		}
	}()
	for ev, err := range console {
		if err != nil {
			return
		}
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeWarning {
			continue
		}
		var parts []string
		for _, a := range ev.Args {
			if a.Value != nil {
				parts = append(parts, string(a.Value))
			} else {
				parts = append(parts, a.Description)
			}
		}
		tb.log(string(ev.Type) + ": " + strings.Join(parts, " "))
	}
}

func (tb *tab) log(s string) {
	tb.mu.Lock()
	tb.logs = append(tb.logs, s)
	tb.mu.Unlock()
}

// exceptions returns the uncaught exceptions and the dialogs so far.
func (tb *tab) exceptions() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var out []string
	for _, l := range tb.logs {
		if strings.HasPrefix(l, "exception: ") || strings.HasPrefix(l, "dialog: ") {
			out = append(out, l)
		}
	}
	return out
}

// screenshot keeps what the page shows now as <tab>-<label>.png in the
// test's artifacts folder and returns the file's path ("" if it failed).
func (tb *tab) screenshot(label string) string {
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.t.Logf("%s: no screenshot: %v", tb.name, err)
		return ""
	}
	path := filepath.Join(artifacts(tb.t), tb.name+"-"+label+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tb.t.Logf("%s: keep screenshot: %v", tb.name, err)
		return ""
	}
	tb.t.Logf("%s: screenshot %s", tb.name, path)
	return path
}

// do runs actions within one step's time; what names the step in the
// failure message.
func (tb *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %s: %v", tb.name, what, err)
	}
}

// eval evaluates a JavaScript expression (awaiting a promise) and decodes
// its value into T.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("%s: evaluate %s: %v", tb.name, expr, err)
	}
	return v
}

// waitFor waits until a JavaScript expression is truthy: what says what the
// test was waiting for when it gives up.
func (tb *tab) waitFor(what, expr string) {
	tb.t.Helper()
	tb.waitForWithin(what, expr, stepTimeout)
}

func (tb *tab) waitForWithin(what, expr string, d time.Duration) {
	tb.t.Helper()
	// Evaluated again and again rather than polled inside the page: a
	// poll dies with the page when a form or a link loads the next one.
	// An expression that throws counts as false.
	deadline := time.Now().Add(d)
	var last error
	for {
		ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+expr+`)`))
		cancel()
		if err == nil && ok {
			return
		}
		last = err
		if time.Now().After(deadline) || tb.ctx.Err() != nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	shows, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`(() => { const m = document.querySelector("main:not([hidden])") || document.body; return m ? m.innerText.slice(0, 600) : ""; })()`))
	tb.t.Fatalf("%s: gave up after %s waiting for %s (%s; last error: %v)\nthe page shows:\n%s", tb.name, d, what, expr, last, shows)
}

// clickText clicks, with the mouse, the middle of the last element matching
// css whose text contains text. It finds the spot and clicks it in one go,
// so a list the page draws again in between does not lose the click.
func (tb *tab) clickText(css, text string) {
	tb.t.Helper()
	find := fmt.Sprintf(`(() => {
		const all = [...document.querySelectorAll(%s)].filter((e) => e.textContent.includes(%s) && e.getClientRects().length);
		if (!all.length) return null;
		const e = all[all.length - 1];
		e.scrollIntoView({ block: "nearest" });
		const r = e.getBoundingClientRect();
		return [r.left + r.width / 2, r.top + r.height / 2];
	})()`, js(css), js(text))
	tb.waitFor(fmt.Sprintf("%s with %q", css, text), find)
	xy := eval[[]float64](tb, find)
	if len(xy) != 2 {
		tb.t.Fatalf("%s: %s with %q went away", tb.name, css, text)
	}
	tb.do("click "+css+" "+text, chromedp.MouseClickXY(xy[0], xy[1]))
}

// js quotes a Go string as a JavaScript string literal.
func js(s string) string { return fmt.Sprintf("%q", s) }

// clear empties the form field matching css (without an input event).
func (tb *tab) clear(css string) {
	tb.t.Helper()
	eval[chromedp.Void](tb, fmt.Sprintf(`(() => { const e = document.querySelector(%s); e.value = ""; })()`, js(css)))
}
