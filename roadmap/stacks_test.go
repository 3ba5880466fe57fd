package roadmap

import (
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/templates"
)

// mentions reports whether a lesson names text, however its lines wrap.
func mentions(lesson, text string) bool {
	return strings.Contains(strings.Join(strings.Fields(lesson), " "), text)
}

// A project's lesson tells the learner every stack the project can be
// scaffolded in, so a stack added to the templates is added to the
// lesson too.
func TestProjectLessonsNameEveryStack(t *testing.T) {
	c := load(t)
	projects, err := curriculum.LoadProjects(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(projects) == 0 {
		t.Fatal("no built-in projects")
	}
	for _, p := range projects {
		md := lesson(t, c, "project-"+p.ID)
		for stack := range p.Stacks {
			if !mentions(md, "--stack "+stack) {
				t.Errorf("lessons/project-%s.md does not name --stack %s", p.ID, stack)
			}
		}
	}
}

// The Python language topics tell a learner who picked Python that the
// projects are theirs to scaffold, in the lesson and in the summary that
// `waymark topic` and the roadmap show.
func TestPythonTopicsNameThePythonStack(t *testing.T) {
	c := load(t)
	for _, id := range []string{"choose-a-language", "python", "flask", "django"} {
		if !mentions(lesson(t, c, id), "--stack python") {
			t.Errorf("the lesson of %s does not name --stack python", id)
		}
	}
	summaries := map[string]string{}
	for _, tp := range c.Topics() {
		summaries[tp.ID] = tp.Summary
	}
	for _, id := range []string{"python", "flask"} {
		if !mentions(summaries[id], "--stack python") {
			t.Errorf("the summary of %s does not name --stack python", id)
		}
	}
}
