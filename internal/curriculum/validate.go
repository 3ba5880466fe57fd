package curriculum

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
)

var idRE = lazyregexp.New(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// validator collects problems while walking a decoded curriculum.
type validator struct {
	c  *Curriculum
	ps Problems
}

func (v *validator) addf(path, format string, a ...any) {
	v.ps = append(v.ps, &Problem{Pos: v.c.pos(path), Msg: fmt.Sprintf(format, a...)})
}

func (v *validator) required(path, field, value string) {
	if strings.TrimSpace(value) == "" {
		v.addf(path, "%s is required", field)
	}
}

func (v *validator) id(path, kind, id string) {
	switch {
	case id == "":
		v.addf(path, "%s id is required", kind)
	case !idRE.MatchString(id):
		v.addf(path+".id", "%s id %q must be lowercase words joined by hyphens, like http-messages", kind, id)
	}
}

func (c *Curriculum) validate() error {
	v := &validator{c: c}
	switch {
	case c.Format == 0:
		v.addf("", "format is required (format: %d)", Format)
	case c.Format > Format:
		v.addf("format", "format %d is newer than this waymark understands (%d): upgrade waymark", c.Format, Format)
	}
	v.id("id", "curriculum", c.ID)
	v.required("title", "title", c.Title)
	if len(c.Steps) == 0 {
		v.addf("steps", "a curriculum needs at least one step")
	}

	// Empty list items decode as nil; report them and drop them so that
	// everything after validation can trust every pointer.
	c.Skills = dropNil(v, c.Skills, "skills", "skill")
	c.Steps = dropNil(v, c.Steps, "steps", "step")
	for si, s := range c.Steps {
		s.Topics = dropNil(v, s.Topics, fmt.Sprintf("steps[%d].topics", si), "topic")
	}

	skills := map[string]bool{}
	for i, s := range c.Skills {
		p := fmt.Sprintf("skills[%d]", i)
		v.id(p, "skill", s.ID)
		if skills[s.ID] {
			v.addf(p+".id", "duplicate skill id %q", s.ID)
		}
		skills[s.ID] = true
		v.required(p, "title", s.Title)
		if s.Group != "technical" && s.Group != "soft" {
			v.addf(p+".group", "skill group must be technical or soft, not %q", s.Group)
		}
	}

	steps, topics := map[string]bool{}, map[string]*Topic{}
	for si, s := range c.Steps {
		sp := fmt.Sprintf("steps[%d]", si)
		v.id(sp, "step", s.ID)
		if steps[s.ID] {
			v.addf(sp+".id", "duplicate step id %q", s.ID)
		}
		steps[s.ID] = true
		v.required(sp, "title", s.Title)
		v.required(sp, "summary", s.Summary)
		if len(s.Topics) == 0 {
			v.addf(sp, "step %q has no topics", s.ID)
		}
		for pi, p := range s.Projects {
			v.id(fmt.Sprintf("%s.projects[%d]", sp, pi), "project", p)
		}
		for ti, t := range s.Topics {
			tp := fmt.Sprintf("%s.topics[%d]", sp, ti)
			v.id(tp, "topic", t.ID)
			if other := topics[t.ID]; other != nil {
				v.addf(tp+".id", "duplicate topic id %q", t.ID)
			}
			topics[t.ID] = t
			v.topic(tp, t, skills)
		}
		if s.Quiz != nil {
			v.quiz(sp+".quiz", s.Quiz)
		}
	}

	for si, s := range c.Steps {
		for ti, t := range s.Topics {
			for ri, r := range t.Requires {
				rp := fmt.Sprintf("steps[%d].topics[%d].requires[%d]", si, ti, ri)
				switch {
				case r == t.ID:
					v.addf(rp, "topic %q requires itself", t.ID)
				case topics[r] == nil:
					v.addf(rp, "topic %q requires %q, which is not a topic here%s", t.ID, r, suggest(r, keys(topics)))
				}
			}
		}
	}
	v.cycles(topics)

	v.career()
	for i, q := range c.FAQ {
		p := fmt.Sprintf("faq[%d]", i)
		v.required(p, "q", q.Q)
		v.required(p, "a", q.A)
	}
	return v.ps.Err()
}

// dropNil reports and removes the empty items of a list. Positions of the
// items after a dropped one shift, which only matters for an invalid file.
func dropNil[T any](v *validator, items []*T, path, kind string) []*T {
	out := items[:0]
	for i, it := range items {
		if it == nil {
			v.addf(fmt.Sprintf("%s[%d]", path, i), "empty %s", kind)
			continue
		}
		out = append(out, it)
	}
	return out
}

func (v *validator) topic(p string, t *Topic, skills map[string]bool) {
	v.required(p, "title", t.Title)
	v.required(p, "summary", t.Summary)
	if t.Hours < 0 {
		v.addf(p+".hours", "hours cannot be negative")
	}
	for ri, r := range t.Resources {
		rp := fmt.Sprintf("%s.resources[%d]", p, ri)
		v.required(rp, "title", r.Title)
		if u, err := url.Parse(r.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.addf(rp+".url", "resource url %q must be an absolute http(s) URL", r.URL)
		}
		if !slices.Contains(ResourceKinds, r.Kind) {
			v.addf(rp+".kind", "resource kind %q must be one of %s", r.Kind, strings.Join(ResourceKinds, ", "))
		}
	}
	for ki, k := range t.Skills {
		if len(skills) > 0 && !skills[k] {
			v.addf(fmt.Sprintf("%s.skills[%d]", p, ki), "unknown skill %q%s", k, suggest(k, keys(skills)))
		}
	}
}

func (v *validator) quiz(p string, q *Quiz) {
	if q.Pass <= 0 || q.Pass > 1 {
		v.addf(p+".pass", "pass must be a share between 0 and 1, like 0.7")
	}
	if len(q.Questions) == 0 {
		v.addf(p, "a quiz needs at least one question")
	}
	// The review schedule knows a question by its step and its text, so
	// one step cannot ask the same question twice.
	first := make(map[string]int, len(q.Questions))
	for i, qq := range q.Questions {
		qp := fmt.Sprintf("%s.questions[%d]", p, i)
		v.required(qp, "q", qq.Q)
		text := strings.Join(strings.Fields(qq.Q), " ")
		if j, dup := first[text]; dup && text != "" {
			v.addf(qp+".q", "question %d asks the same as question %d of this quiz", i+1, j+1)
		} else {
			first[text] = i
		}
		v.required(qp, "explain", qq.Explain)
		if len(qq.Choices) < 2 {
			v.addf(qp+".choices", "a question needs at least two choices")
		}
		if qq.Answer < 0 || qq.Answer >= len(qq.Choices) {
			v.addf(qp+".answer", "answer %d is out of range: choices are numbered from 0 to %d", qq.Answer, len(qq.Choices)-1)
		}
	}
}

func (v *validator) career() {
	for i, r := range v.c.Career.Roles {
		v.required(fmt.Sprintf("career.roles[%d]", i), "title", r.Title)
	}
	for i, s := range v.c.Career.Salaries {
		p := fmt.Sprintf("career.salaries[%d]", i)
		v.required(p, "region", s.Region)
		v.required(p, "range", s.Range)
	}
}

// cycles reports each requires cycle once, at the topic that closes it.
func (v *validator) cycles(topics map[string]*Topic) {
	const (
		unseen = iota
		active
		done
	)
	state := map[string]int{}
	var visit func(id string, stack []string)
	visit = func(id string, stack []string) {
		state[id] = active
		t := topics[id]
		for _, r := range t.Requires {
			if topics[r] == nil || r == id {
				continue
			}
			switch state[r] {
			case active:
				start := slices.Index(stack, r)
				cycle := append(slices.Clone(stack[start:]), id, r)
				v.addf(v.topicPath(id)+".requires", "requires cycle: %s", strings.Join(cycle, " → "))
			case unseen:
				visit(r, append(stack, id))
			}
		}
		state[id] = done
	}
	for _, s := range v.c.Steps {
		for _, t := range s.Topics {
			if state[t.ID] == unseen {
				visit(t.ID, nil)
			}
		}
	}
}

func (v *validator) topicPath(id string) string {
	for si, s := range v.c.Steps {
		for ti, t := range s.Topics {
			if t.ID == id {
				return fmt.Sprintf("steps[%d].topics[%d]", si, ti)
			}
		}
	}
	return ""
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
