package browser

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// row is a JavaScript expression: the last table row whose text holds text.
func row(text string) string {
	return fmt.Sprintf(`[...document.querySelectorAll("tr")].filter((r) => r.textContent.includes(%s)).pop()`, js(text))
}

// submit runs a step that leaves the page (a form, a link) and waits until
// the next page has loaded.
func (tb *tab) submit(what string, step func()) {
	tb.t.Helper()
	eval[chromedp.Void](tb, `window.__leaving = true`)
	step()
	tb.waitFor("the page after "+what, `document.readyState === "complete" && window.__leaving === undefined`)
}

// dashboard is an admin at work: they sign in, change a user's role,
// unpublish an article, delete a comment, see a stored <script> shown as
// text, and sign out; a form replayed without its CSRF token is refused.
func dashboard(t *testing.T, srv *Server) {
	email, pass := srv.Env["ADMIN_EMAIL"], srv.Env["ADMIN_PASSWORD"]
	if email == "" || pass == "" {
		t.Fatal("check_env gives no ADMIN_EMAIL and ADMIN_PASSWORD")
	}
	// What a blog has after a while, written over the API.
	ann := uniq("ann")
	var u struct{ User struct{ Token string } }
	json.Unmarshal(srv.post("/api/users", "", fmt.Sprintf(`{"user":{"username":%q,"email":%q,"password":%q}}`, ann, ann+"@example.com", password), 201), &u)
	auth := "Token " + u.User.Token
	title := `<script>window.__injected = 1</script> Hello ` + ann
	var a struct{ Article struct{ Slug string } }
	json.Unmarshal(srv.post("/api/articles", auth, fmt.Sprintf(`{"article":{"title":%q,"description":"d","body":"b"}}`, title), 201), &a)
	comment := `<script>window.__injected = 2</script> first! ` + ann
	srv.post("/api/articles/"+url.PathEscape(a.Article.Slug)+"/comments", auth, fmt.Sprintf(`{"comment":{"body":%q}}`, comment), 200)

	tb := newTab(t, newBrowser(t), "admin", 1200, 800)

	// A stranger is sent to the sign-in form.
	tb.do("open the dashboard", chromedp.Navigate(srv.URL+"/admin"), chromedp.WaitVisible(chromedp.CSS(`input[name="email"]`)))
	if loc := eval[string](tb, `location.pathname`); loc != "/admin/login" {
		t.Errorf("a stranger at /admin is at %s, want /admin/login", loc)
	}
	checkLabels(t, tb)
	checkContrast(t, tb)
	tb.do("fill in the form", chromedp.SendKeys(chromedp.CSS(`input[name="email"]`), email), chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), pass))
	tb.submit("signing in", func() { tb.clickText("main button", "Sign in") })
	tb.waitFor("the overview", textOf("h1")+` === "Overview"`)
	checkContrast(t, tb)

	// A role, changed with the form in the user's row.
	tb.submit("opening Users", func() { tb.clickText("header a", "Users") })
	tb.waitFor(ann+"'s row", row(ann)+` !== undefined`)
	checkLabels(t, tb)
	checkContrast(t, tb)
	eval[chromedp.Void](tb, fmt.Sprintf(`(() => { const s = %s.querySelector("select"); s.value = "editor"; s.dispatchEvent(new Event("change", { bubbles: true })); })()`, row(ann)))
	tb.submit("saving the role", func() {
		eval[chromedp.Void](tb, fmt.Sprintf(`(() => { const b = %s.querySelector("button"); b.setAttribute("data-test-save", "1"); })()`, row(ann)))
		tb.do("press the row's button", chromedp.Click(chromedp.CSS(`[data-test-save]`)))
	})
	tb.waitFor(ann+" shown as an editor", row(ann)+`.querySelector("select").value === "editor"`)

	// The same form replayed without its CSRF token is refused, and
	// changes nothing.
	tb.submit("replaying the form without its token", func() {
		eval[chromedp.Void](tb, fmt.Sprintf(`(() => {
			const f = %s.querySelector("form");
			f.querySelector('[name="csrf_token"]').remove();
			f.querySelector("select").value = "reader";
			f.submit();
		})()`, row(ann)))
	})
	if status := eval[int](tb, `performance.getEntriesByType("navigation")[0].responseStatus`); status != 403 {
		t.Errorf("a form without its CSRF token answered %d, want 403", status)
	}
	if h := eval[string](tb, textOf("h1")); h != "Forbidden" {
		t.Errorf("a form without its CSRF token shows %q, want Forbidden", h)
	}
	tb.submit("opening Users", func() { tb.do("open Users", chromedp.Navigate(srv.URL+"/admin/users")) })
	if role := eval[string](tb, row(ann)+`.querySelector("select").value`); role != "editor" {
		t.Errorf("after the refused form %s is %s, want editor", ann, role)
	}

	// A stored <script> is text, and the article can be unpublished.
	tb.submit("opening Articles", func() { tb.clickText("header a", "Articles") })
	tb.waitFor("the article's row", row(title)+` !== undefined`)
	checkContrast(t, tb)
	if n := eval[int](tb, `document.querySelectorAll("body script").length`); n != 0 {
		t.Errorf("the articles page holds %d script elements", n)
	}
	tb.submit("unpublishing", func() { tb.clickText("tr button", "Unpublish") })
	tb.waitFor("the article shown as hidden", row(title)+`.textContent.includes("hidden") && [...`+row(title)+`.querySelectorAll("button")].some((b) => b.textContent.trim() === "Publish")`)
	tb.screenshot("articles")

	// A comment, deleted; its <script> was text too.
	tb.submit("opening Comments", func() { tb.clickText("header a", "Comments") })
	tb.waitFor("the comment's row", row(comment)+` !== undefined`)
	if n := eval[int](tb, `document.querySelectorAll("body script").length`); n != 0 {
		t.Errorf("the comments page holds %d script elements", n)
	}
	tb.submit("deleting the comment", func() {
		eval[chromedp.Void](tb, fmt.Sprintf(`%s.querySelector("button").setAttribute("data-test-delete", "1")`, row(comment)))
		tb.do("press Delete", chromedp.Click(chromedp.CSS(`[data-test-delete]`)))
	})
	tb.waitFor("the comment gone", row(comment)+` === undefined`)
	if eval[bool](tb, `window.__injected !== undefined`) {
		t.Errorf("a stored <script> ran")
	}

	// Signing out ends the session: the dashboard is the sign-in form again.
	tb.submit("signing out", func() { tb.clickText("header button", "Sign out") })
	tb.waitFor("the sign-in form", visible(`input[name="email"]`))
	tb.submit("opening the dashboard", func() { tb.do("open /admin", chromedp.Navigate(srv.URL+"/admin")) })
	if loc := eval[string](tb, `location.pathname`); loc != "/admin/login" {
		t.Errorf("after signing out /admin is at %s, want /admin/login", loc)
	}
	if ex := tb.exceptions(); len(ex) > 0 {
		t.Errorf("the page threw: %s", strings.Join(ex, "; "))
	}
}

// dashboardStarter is the starter's dashboard: it loads and says it is a
// milestone still to build, with 501 like every other stub.
func dashboardStarter(t *testing.T, srv *Server) {
	tb := newTab(t, newBrowser(t), "admin", 1200, 800)
	for _, path := range []string{"/admin", "/admin/login"} {
		tb.do("open "+path, chromedp.Navigate(srv.URL+path))
		tb.waitFor("a page saying the dashboard is not built yet", `document.body.textContent.includes("not built yet") && document.body.textContent.includes("admin")`)
		if status := eval[int](tb, `performance.getEntriesByType("navigation")[0].responseStatus`); status != 501 {
			t.Errorf("GET %s answered %d, want 501", path, status)
		}
		if eval[bool](tb, `!!document.querySelector("pre")`) {
			t.Errorf("GET %s shows raw text, not a page", path)
		}
	}
	checkContrast(t, tb)
	tb.screenshot("starter")
}
