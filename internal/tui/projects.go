package tui

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/waymark-dev/waymark/internal/curriculum"
)

// projectsScreen lists the curriculum's projects with their milestones and
// which of them the learner's own server has passed; n opens the form that
// scaffolds one.
type projectsScreen struct {
	com           *common
	ids           []string
	manifests     map[string]*curriculum.Project
	width, height int
	cursor        int
}

func newProjects(com *common) *projectsScreen {
	s := &projectsScreen{com: com, manifests: map[string]*curriculum.Project{}}
	for _, p := range com.opts.Projects {
		s.manifests[p.ID] = p
	}
	seen := map[string]bool{}
	for _, step := range com.c.Steps {
		for _, id := range step.Projects {
			if !seen[id] {
				seen[id] = true
				s.ids = append(s.ids, id)
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(s.manifests)) {
		if !seen[id] {
			s.ids = append(s.ids, id)
		}
	}
	return s
}

func (s *projectsScreen) Title() string { return "Projects" }

func (s *projectsScreen) SetSize(w, h int) { s.width, s.height = w, h }

func (s *projectsScreen) ShortHelp() []key.Binding {
	k := s.com.keys
	out := []key.Binding{k.Up, k.Down}
	if s.com.opts.Scaffold != nil {
		out = append(out, k.NewProject)
	}
	return append(out, k.NextTab)
}

func (s *projectsScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		s.cursor = wheel(msg, s.cursor, len(s.ids))
	case tea.KeyPressMsg:
		k := s.com.keys
		if c, ok := moveCursor(k, msg, s.cursor, len(s.ids), 1); ok {
			s.cursor = c
			return nil
		}
		if key.Matches(msg, k.NewProject, k.Open) {
			if s.com.opts.Scaffold == nil {
				return s.com.emit(statusMsg{Text: "scaffolding is not available here; use `waymark new`", Err: true})
			}
			if len(s.com.opts.Projects) == 0 {
				return s.com.emit(statusMsg{Text: "no project templates could be read" + s.templatesProblem(), Err: true})
			}
			id := ""
			if len(s.ids) > 0 {
				id = s.ids[s.cursor]
			}
			return s.com.emit(openFormMsg{ProjectID: id})
		}
	}
	return nil
}

func (s *projectsScreen) templatesProblem() string {
	if err := s.com.opts.ProjectsErr; err != nil {
		return ": " + strings.SplitN(err.Error(), "\n", 2)[0]
	}
	return ""
}

func (s *projectsScreen) View() string {
	st := s.com.styles
	w := s.width
	var b strings.Builder
	if len(s.ids) == 0 {
		b.WriteString(st.Muted.Render("This curriculum has no projects.") + "\n")
		return b.String()
	}
	for i, id := range s.ids {
		label := id
		if m := s.manifests[id]; m != nil {
			label = fmt.Sprintf("%s — %s", m.Title, m.Difficulty)
		}
		verified, total := s.counts(id)
		right := "no template yet"
		if total > 0 {
			right = fmt.Sprintf("%d/%d milestones", verified, total)
		}
		b.WriteString(listRow(st, padRight(label, right, w-2, st), i == s.cursor, w) + "\n")
	}
	b.WriteString("\n")
	b.WriteString(s.detail(s.ids[s.cursor]))
	return b.String()
}

func (s *projectsScreen) counts(id string) (verified, total int) {
	m := s.manifests[id]
	if m == nil {
		return 0, 0
	}
	done := s.com.p.Verified(id)
	for _, ms := range m.Milestones {
		if _, ok := done[ms.ID]; ok {
			verified++
		}
	}
	return verified, len(m.Milestones)
}

// detail describes the selected project: summary, stacks, where it was
// scaffolded, and its milestones with verified marks.
func (s *projectsScreen) detail(id string) string {
	st := s.com.styles
	w := s.width
	m := s.manifests[id]
	yours, done := s.com.p.Yours(id), s.com.p.Verified(id)
	var b strings.Builder
	if m == nil {
		b.WriteString(st.Title.Render(id) + "\n")
		b.WriteString(wrap(st.Muted.Render("Its template is not available in this version"+s.templatesProblem()+"."), w) + "\n")
		return b.String()
	}
	b.WriteString(st.Title.Render(m.Title) + st.Muted.Render("  stacks: "+strings.Join(slices.Sorted(maps.Keys(m.Stacks)), ", ")) + "\n")
	summary := wrap(strings.TrimSpace(m.Summary), w)
	if lines := strings.Split(summary, "\n"); len(lines) > 3 {
		summary = strings.Join(lines[:3], "\n")
	}
	b.WriteString(st.Muted.Render(summary) + "\n")
	if yours != nil && yours.Dir != "" {
		b.WriteString(fit(fmt.Sprintf("Yours: %s (%s, %s)", yours.Dir, yours.Stack, modeLabel(yours.Mode)), w) + "\n")
	}
	for _, ref := range s.com.p.References(id) {
		b.WriteString(st.Muted.Render(fit(fmt.Sprintf("Reference: %s (%s)", ref.Dir, ref.Stack), w)) + "\n")
	}
	if yours == nil && s.com.opts.Scaffold != nil {
		b.WriteString(st.Muted.Render("Not started: press n to scaffold it.") + "\n")
	}
	b.WriteString("\n")
	for i, ms := range m.Milestones {
		mark := st.Mark("")
		when := ""
		if v, ok := done[ms.ID]; ok {
			mark = st.Done.Render("✓")
			when = " verified " + v.Passed.Format("2 Jan 2006")
		}
		b.WriteString(fit(fmt.Sprintf("%s %d. %s%s", mark, i+1, ms.Title, st.Muted.Render(when)), w) + "\n")
	}
	return b.String()
}

// modeLabel is how a folder was made, in words.
func modeLabel(mode string) string {
	switch {
	case mode == "":
		return "checked at a URL"
	case strings.HasPrefix(mode, "through:"):
		return "solutions through " + strings.TrimPrefix(mode, "through:")
	}
	return mode
}
