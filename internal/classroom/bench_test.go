package classroom

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/gitrepo"
	"github.com/waymark-dev/waymark/internal/scaffold"
	"github.com/waymark-dev/waymark/templates"
)

// tasksClass makes n learners whose repositories each hold the built-in
// tasks project's Go reference solution, with the same commit (the same
// files, author and time), so a result cached for one is every learner's.
func tasksClass(b *testing.B, n int) *Roster {
	b.Helper()
	dir := b.TempDir()
	p, err := curriculum.LoadProject(templates.FS, "tasks")
	if err != nil {
		b.Fatal(err)
	}
	when := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	var roster strings.Builder
	roster.WriteString("format: 1\ncurriculum: builtin\nlearners:\n")
	for i := range n {
		repo := filepath.Join(dir, fmt.Sprintf("l%02d", i))
		if _, err := scaffold.Generate(context.Background(), templates.FS, scaffold.Options{Project: p, Stack: "go",
			Mode: scaffold.Solution(), Dir: repo, Module: "example.com/tasks", Name: "tasks", NoGit: true}); err != nil {
			b.Fatal(err)
		}
		if _, err := gitrepo.Init(repo, gitrepo.Author{Name: "L", Email: "l@example.com"}, "tasks", when); err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(&roster, "  - {id: l%02d, name: L%02d, projects: [{project: tasks, stack: go, git: 'file://%s'}]}\n", i, i, filepath.ToSlash(repo))
	}
	file := filepath.Join(dir, "class.yaml")
	if err := os.WriteFile(file, []byte(roster.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	r, err := LoadRoster(file)
	if err != nil {
		b.Fatal(err)
	}
	return r
}

func tasksOptions(b *testing.B, jobs int, cache string) CheckOptions {
	gocache, gomod := goCaches(b)
	return CheckOptions{Curriculum: "backend", Templates: templates.FS, Jobs: jobs, Wall: 5 * time.Minute,
		Memory: DefaultMemory, OutputCap: DefaultOutputCap, Exe: testExe(b), CacheDir: cache, GoCache: gocache, GoModCache: gomod}
}

func runClass(b *testing.B, r *Roster, o CheckOptions) *Results {
	b.Helper()
	rs, err := Check(context.Background(), r, o)
	if err != nil {
		b.Fatal(err)
	}
	for _, res := range rs.Results {
		if res.Status != StatusPassed {
			b.Fatalf("%s: %s %s\n%q", res.Learner, res.Status, res.Reason, res.Log)
		}
	}
	return rs
}

// BenchmarkCheckTasks checks 4 learners' tasks projects (the reference
// solution: build, start, every milestone) with no cache, one at a time
// and two at once; the figure is learners checked per minute.
func BenchmarkCheckTasks(b *testing.B) {
	r := tasksClass(b, 4)
	runClass(b, &Roster{Learners: r.Learners[:1], Dir: r.Dir}, tasksOptions(b, 1, "")) // warm the build cache
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			o := tasksOptions(b, jobs, "")
			for b.Loop() {
				runClass(b, r, o)
			}
			b.ReportMetric(float64(len(r.Learners)*b.N)/b.Elapsed().Minutes(), "learners/min")
		})
	}
}

// BenchmarkCheckCached30 re-checks a class of 30 with nothing changed:
// every repository is fetched (nothing new) and every result comes from
// the cache (goal: under a second).
func BenchmarkCheckCached30(b *testing.B) {
	r := tasksClass(b, 30)
	o := tasksOptions(b, 0, b.TempDir())
	warm := o
	warm.Learner = "l00"
	runClass(b, r, warm)
	for b.Loop() {
		for _, res := range runClass(b, r, o).Results {
			if !res.Cached {
				b.Fatalf("%s was checked again", res.Learner)
			}
		}
	}
}
