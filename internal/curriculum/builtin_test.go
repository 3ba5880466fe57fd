package curriculum_test

import (
	"strings"
	"testing"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/roadmap"
	"github.com/waymark-dev/waymark/templates"
)

// TestBuiltinCurriculum holds the built-in roadmap to the content bar the
// product promises, beyond what Validate demands of any curriculum.
func TestBuiltinCurriculum(t *testing.T) {
	c, err := curriculum.Load(roadmap.FS, templates.FS)
	if err != nil {
		t.Fatalf("built-in curriculum is invalid:\n%v", err)
	}
	wantSteps := []string{"web", "languages", "databases", "apis", "git", "projects", "deployment", "dsa"}
	if len(c.Steps) != len(wantSteps) {
		t.Fatalf("got %d steps, want %d", len(c.Steps), len(wantSteps))
	}
	total := 0
	for i, s := range c.Steps {
		if s.ID != wantSteps[i] {
			t.Errorf("step %d is %q, want %q", i+1, s.ID, wantSteps[i])
		}
		if len(s.Topics) < 6 {
			t.Errorf("step %s has %d topics, want at least 6", s.ID, len(s.Topics))
		}
		if s.Quiz == nil || len(s.Quiz.Questions) < 6 {
			t.Errorf("step %s needs a quiz of at least 6 questions", s.ID)
		}
		needLesson := s.ID == "web" || s.ID == "databases" || s.ID == "apis"
		for _, tp := range s.Topics {
			total++
			if len(tp.Resources) < 2 {
				t.Errorf("topic %s has %d resources, want at least 2", tp.ID, len(tp.Resources))
			}
			if len(tp.Skills) == 0 {
				t.Errorf("topic %s is tagged with no skill", tp.ID)
			}
			if tp.Hours <= 0 {
				t.Errorf("topic %s has no hours estimate", tp.ID)
			}
			if n := strings.Count(strings.TrimSpace(tp.Summary), ". ") + 1; n > 5 {
				t.Errorf("topic %s summary runs to about %d sentences, want 2–4", tp.ID, n)
			}
			if md, err := c.Lesson(tp.ID); needLesson && (md == "" || err != nil) {
				t.Errorf("topic %s (step %s) needs a lesson", tp.ID, s.ID)
			}
		}
	}
	if total < 60 {
		t.Errorf("got %d topics, want at least 60", total)
	}
	if got := c.Step("projects").Projects; strings.Join(got, ",") != "blog,ecommerce,chat,tasks" {
		t.Errorf("projects step links %v", got)
	}
	projects, err := curriculum.LoadProjects(templates.FS)
	if err != nil {
		t.Fatalf("built-in templates: %v", err)
	}
	var ids []string
	for _, p := range projects {
		ids = append(ids, p.ID)
	}
	if strings.Join(ids, ",") != "blog,chat,ecommerce,tasks" {
		t.Errorf("built-in projects are %v, want blog, chat, ecommerce and tasks", ids)
	}
	for _, id := range []string{"programming", "sql", "nosql", "rest", "graphql", "auth", "docker", "cicd", "servers",
		"problem-solving", "communication", "time-management", "continuous-learning"} {
		if c.Skill(id) == nil {
			t.Errorf("skill %s is missing", id)
		}
	}
	if len(c.Career.Roles) < 4 || len(c.Career.Salaries) < 2 || len(c.FAQ) < 4 {
		t.Errorf("career or FAQ incomplete: %d roles, %d salaries, %d questions", len(c.Career.Roles), len(c.Career.Salaries), len(c.FAQ))
	}
}
