package classroom

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/authoring"
	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
)

// writeProgress writes learners' exports: ada did everything and says so;
// fay says her greet milestone passed, which the class check does not
// confirm; the others have none.
func writeProgress(t testing.TB, dir string) {
	t.Helper()
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	for id, claims := range map[string][]string{"ada": {"boot", "greet"}, "fay": {"boot", "greet"}} {
		p := progress.New("my-course")
		p.SetTopic("http-messages", progress.StatusDone, now)
		if id == "ada" {
			p.SetTopic("curl", progress.StatusDone, now)
			p.RecordQuiz("basics", 2, 2, true, now)
		}
		p.RecordProject("hello", "/home/"+id+"/hello", "go", "starter", now)
		for _, m := range claims {
			p.RecordMilestone("hello", "/home/"+id+"/hello", m, "", now)
		}
		data, err := NewExport(p, Learner{Name: id}, now).Encode()
		if err != nil {
			t.Fatal(err)
		}
		writeFiles(t, dir, map[string]string{"progress/" + id + ".yaml": string(data)})
	}
}

func skeletonCourse(t testing.TB) (*curriculum.Curriculum, map[string]*curriculum.Project) {
	t.Helper()
	tmpl := skeletonTemplates(t)
	c, err := curriculum.Load(authoring.Skeleton(), tmpl)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := curriculum.LoadProjects(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]*curriculum.Project{}
	for _, p := range ps {
		m[p.ID] = p
	}
	return c, m
}

// checkGradebook reports on the six learners' results in every format and
// checks that each shows the right status and reason, and that the HTML
// renders them in a real browser.
func checkGradebook(t *testing.T, dir string, r *Roster, rs *Results) {
	c, projects := skeletonCourse(t)
	rep := Gradebook(context.Background(), c, projects, r, rs, filepath.Join(dir, "cache"))
	var table bytes.Buffer
	if err := rep.Write(&table, "table"); err != nil {
		t.Fatal(err)
	}
	t.Logf("gradebook:\n%s", table.String())
	for _, want := range []string{
		`(?m)^learner +id +topics +quizzes +hello +last commit +last check +flag +problem$`,
		`(?m)^Ada +ada +2/3 +1/1 +2/2 passed +\w{10} 2026-11-24 .* +- +-$`,
		`(?m)^Bob +bob +- +- +1/2 failing .*progress: no such file or folder; hello: milestone greet fails: a name is greeted`,
		`(?m)^Cy +cy .*0/2 no-build .*hello: the code does not build: ./main.go:\d+:\d+: undefined: undefinedThing`,
		`(?m)^Dee +dee .*0/2 timeout .*hello: the build or the server hung`,
		`(?m)^Eve +eve .*0/2 unreachable +- +\d{4}-.*hello: cannot fetch file://`,
		`(?m)^Fay +fay +1/3 +0/1 +1/2 failing .*! hello: self-reported greet, not verified +hello: milestone greet fails`,
	} {
		if !regexp.MustCompile(want).MatchString(table.String()) {
			t.Errorf("the gradebook lacks %s", want)
		}
	}
	var js bytes.Buffer
	if err := rep.Write(&js, "json"); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || !back.Gradebook || len(back.Rows) != 6 {
		t.Fatalf("json: %v %+v", err, back)
	}
	for _, f := range []string{"csv", "md"} {
		var buf bytes.Buffer
		if err := rep.Write(&buf, f); err != nil || !strings.Contains(buf.String(), "self-reported greet, not verified") {
			t.Errorf("%s: %v\n%s", f, err, buf.String())
		}
	}
	page := filepath.Join(dir, "report.html")
	var buf bytes.Buffer
	if err := rep.Write(&buf, "html"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`(src|href)="(https?:)?//`).Match(buf.Bytes()) {
		t.Error("the HTML report refers to the network")
	}
	text := inChromium(t, page, "learner-cy")
	for _, want := range []string{
		"Class report", "Curriculum my-course · 6 learners",
		"2/2 passed", "1/2 failing", "0/2 no-build", "0/2 timeout", "0/2 unreachable",
		"⚑ hello: self-reported greet, not verified",
		// Bob's page explains the failing check.
		"greet: a name is greeted", `Expected: status 200`, "Hint: GET /api/hello?name=Ada answers 200",
		// Cy's page shows the compiler's output.
		"undefined: undefinedThing",
	} {
		if text != "" && !strings.Contains(text, want) {
			t.Errorf("the rendered report lacks %q", want)
		}
	}
}

var tagRE = regexp.MustCompile(`(?s)<style.*?</style>|<[^>]+>`)

// inChromium renders page in headless Chromium at #fragment, checks that
// the screenshot is a real picture and returns the DOM's text. It skips
// where Chromium is missing, except in CI.
func inChromium(t *testing.T, page, fragment string) string {
	t.Helper()
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed; .ci/run installs it")
		}
		t.Log("chromium is not installed, so the HTML report is not rendered here (Debian: apt-get install chromium)")
		return ""
	}
	tmp := t.TempDir()
	shot := filepath.Join(tmp, "report.png")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--no-first-run", "--disable-sync", "--user-data-dir="+filepath.Join(tmp, "profile"),
		"--window-size=1280,1600", "--screenshot="+shot, "--dump-dom", "file://"+filepath.ToSlash(page)+"#"+fragment)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	colours := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|bl>>8] = true
		}
	}
	if len(colours) < 8 {
		t.Errorf("the screenshot looks blank (%d colours)", len(colours))
	}
	text := html.UnescapeString(tagRE.ReplaceAllString(string(dom), " "))
	return strings.Join(strings.Fields(text), " ")
}
