package classroom

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/waymark-dev/waymark/internal/check"
	"github.com/waymark-dev/waymark/internal/curriculum"
)

// cacheVersion changes when a cached result would no longer mean the same.
const cacheVersion = "1"

// Defaults of a class check's limits.
const (
	DefaultWall      = 3 * time.Minute
	DefaultMemory    = 2 << 30
	DefaultOutputCap = 1 << 20
	fetchTimeout     = 2 * time.Minute
	fileLimit        = 1 << 30
)

// CheckOptions say what `class check` checks and within which limits.
type CheckOptions struct {
	Curriculum string // the curriculum's id, for the results document
	// Templates are the curriculum's templates: the instructor's project
	// manifests and checks, never the learner's.
	Templates fs.FS
	// Learner, Project and Milestone narrow the run ("" for all; Milestone
	// checks up to and including it).
	Learner, Project, Milestone string
	Jobs                        int           // learners' projects checked at once; the number of cores if 0
	Wall                        time.Duration // per project: build, start and checks
	Memory                      uint64        // writable memory per process, in bytes
	OutputCap                   int64         // bytes of the learner's program output kept
	Sandbox                     bool          // run each server under bubblewrap
	// Exe runs `class __exec` (waymark itself).
	Exe string
	// CacheDir holds the repositories' clones and the results by commit;
	// "" checks everything afresh in a temporary folder.
	CacheDir string
	WorkDir  string // where private folders are made; the system's temporary folder if ""
	// GoCache and GoModCache are the Go caches the learners' builds share.
	GoCache, GoModCache string
	Getenv              func(string) (string, bool) // the instructor's environment
	Progress            io.Writer                   // one line per result as it comes; nil for none
	Now                 func() time.Time
}

// Checker runs a class check.
type Checker struct {
	o       CheckOptions
	fetcher *Fetcher
	plans   map[string]*projectPlan
	goroot  string
}

type projectPlan struct {
	project *curriculum.Project
	plan    *check.Plan
	sums    string // the checks' fingerprints, in milestone order
}

// Check checks every selected learner's project and returns the results in
// roster order.
func Check(ctx context.Context, r *Roster, o CheckOptions) (*Results, error) {
	if o.Jobs <= 0 {
		o.Jobs = runtime.NumCPU()
	}
	if o.Wall <= 0 {
		o.Wall = DefaultWall
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Getenv == nil {
		o.Getenv = os.LookupEnv
	}
	if o.Sandbox && Bwrap() == "" {
		return nil, errors.New("--sandbox needs bubblewrap (bwrap), which is not installed: install it (Debian: apt-get install bubblewrap)")
	}
	if o.Exe == "" {
		return nil, errors.New("class check: no launcher program")
	}
	c := &Checker{o: o, plans: map[string]*projectPlan{}}
	mirrors := ""
	if o.CacheDir != "" {
		mirrors = filepath.Join(o.CacheDir, "repos")
	} else {
		tmp, err := os.MkdirTemp(o.WorkDir, "waymark-class-repos-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		mirrors = tmp
	}
	c.fetcher = &Fetcher{Dir: mirrors}
	type task struct {
		m    *Member
		repo *Repo
	}
	var tasks []task
	for _, m := range r.Learners {
		if o.Learner != "" && m.ID != o.Learner {
			continue
		}
		for _, repo := range m.Projects {
			if o.Project != "" && repo.Project != o.Project {
				continue
			}
			if _, err := c.planOf(repo.Project); err != nil {
				return nil, err
			}
			tasks = append(tasks, task{m, repo})
		}
	}
	if o.Learner != "" && r.Learner(o.Learner) == nil {
		return nil, fmt.Errorf("the class has no learner %q", o.Learner)
	}
	if o.Sandbox {
		c.goroot = goEnv(o.Getenv, "GOROOT")
	}
	out := make([]*Result, len(tasks))
	work := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range min(o.Jobs, max(len(tasks), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				res := c.checkOne(ctx, r, tasks[i].m, tasks[i].repo)
				out[i] = res
				if o.Progress != nil {
					mu.Lock()
					fmt.Fprintln(o.Progress, progressLine(res))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range tasks {
		if ctx.Err() != nil {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rs := NewResults(o.Curriculum, o.Now())
	rs.Results = out
	return rs, nil
}

// planOf loads a project's manifest and checks from the curriculum, once.
func (c *Checker) planOf(id string) (*projectPlan, error) {
	if pp := c.plans[id]; pp != nil {
		return pp, nil
	}
	p, err := curriculum.LoadProject(c.o.Templates, id)
	if err != nil {
		return nil, err
	}
	suites, err := check.LoadSuites(c.o.Templates, path.Join(id, "checks"))
	if err != nil {
		return nil, fmt.Errorf("the checks of project %s are invalid:\n%w", id, err)
	}
	plan := &check.Plan{Project: id, Suites: suites}
	if c.o.Milestone != "" {
		if p.MilestoneIndex(c.o.Milestone) < 0 {
			return nil, fmt.Errorf("project %s has no milestone %q (choose the project with --project)", id, c.o.Milestone)
		}
		plan.Upto = c.o.Milestone
	}
	var sums strings.Builder
	for _, m := range p.Milestones {
		plan.Milestones = append(plan.Milestones, check.Milestone{ID: m.ID, Title: m.Title, Hint: m.Hint})
		if s := plan.SuitesOf(m.ID); len(s) > 0 {
			fmt.Fprintf(&sums, "%s=%s;", m.ID, check.ChecksSHA256(s))
		}
	}
	if err := plan.Check(); err != nil {
		return nil, err
	}
	pp := &projectPlan{project: p, plan: plan, sums: sums.String()}
	c.plans[id] = pp
	return pp, nil
}

func (c *Checker) checkOne(ctx context.Context, r *Roster, m *Member, repo *Repo) (res *Result) {
	start := time.Now()
	res = &Result{Learner: m.ID, Name: m.Name, Project: repo.Project, Stack: repo.Stack, Source: repo.Where(),
		Passed: []string{}, Sandbox: c.o.Sandbox}
	defer func() {
		if !res.Cached && res.Checked.IsZero() {
			res.Checked = c.o.Now().UTC().Truncate(time.Second)
			res.Millis = time.Since(start).Milliseconds()
		}
	}()
	pp := c.plans[repo.Project]
	st := pp.project.Stacks[repo.Stack]
	res.Of = len(pp.plan.Milestones)
	if pp.plan.Upto != "" {
		res.Of = pp.project.MilestoneIndex(pp.plan.Upto) + 1
	}
	folder := ""
	if repo.Folder != "" {
		folder = r.Resolve(repo.Folder)
	}
	fctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	snap, err := c.fetcher.Fetch(fctx, repo, folder)
	cancel()
	if err != nil {
		res.Status, res.Reason = StatusUnreachable, err.Error()
		return res
	}
	res.Commit, res.Subject = snap.Commit, snap.Subject
	if !snap.Time.IsZero() {
		t := snap.Time
		res.CommitTime = &t
	}
	key := c.key(repo, pp, st, snap.Commit)
	if hit := c.cached(key); hit != nil {
		hit.Learner, hit.Name, hit.Source, hit.Cached = m.ID, m.Name, repo.Where(), true
		return hit
	}
	c.run(ctx, res, snap, pp, st, key)
	res.Checked = c.o.Now().UTC().Truncate(time.Second)
	res.Millis = time.Since(start).Milliseconds()
	if res.Status == StatusPassed || res.Status == StatusFailing || res.Status == StatusNoBuild {
		c.store(key, res)
	}
	return res
}

// run checks one snapshot in a private folder and fills in res.
func (c *Checker) run(ctx context.Context, res *Result, snap *Snapshot, pp *projectPlan, st *curriculum.Stack, key string) {
	w, err := newWorkDirs(c.o.WorkDir)
	if err != nil {
		res.Status, res.Reason = StatusError, err.Error()
		return
	}
	defer os.RemoveAll(w.Root)
	if strings.ContainsAny(w.Root, " \t\n") {
		res.Status, res.Reason = StatusError, "the temporary folder's path "+w.Root+" has a space in it; set TMPDIR to one without"
		return
	}
	if err := snap.Export(w.Project); err != nil {
		res.Status, res.Reason = StatusError, "cannot copy the project: "+err.Error()
		return
	}
	env := scrubbedEnv(c.o.Getenv, w, c.o.GoCache, c.o.GoModCache)
	wctx, cancel := context.WithTimeout(ctx, c.o.Wall)
	defer cancel()
	if err := prepare(wctx, w.Project, env, c.o.Sandbox, c.o.OutputCap); err != nil {
		classifyPrepare(res, err, wctx, c.o.Wall)
		return
	}
	launch, err := c.launcher(w, st, env)
	if err != nil {
		res.Status, res.Reason = StatusError, err.Error()
		return
	}
	cfg := &check.ServerConfig{Dir: w.Project, Run: launch, PortEnv: st.PortEnv, Health: st.Health,
		CheckEnv: st.CheckEnv, BaseEnv: append(env, SpecEnv+"="+filepath.Join(w.Root, "launch.json")),
		TempDir: w.DB, Instances: pp.plan.Instances(), BootTimeout: c.o.Wall + time.Second, Grace: 2 * time.Second}
	opts := check.Options{Seed: seedOf(key), Now: c.o.Now}
	if c.o.Sandbox {
		opts.NoExec = "exec steps do not run in a sandboxed class check: they would run outside the sandbox"
	}
	session, err := check.Open(wctx, check.Target{Start: cfg}, opts)
	var se *check.StartError
	if errors.As(err, &se) {
		classifyStart(res, se, wctx, c.o.Wall)
		return
	}
	if err != nil {
		res.Status, res.Reason = StatusError, err.Error()
		return
	}
	rep := session.Run(wctx, pp.plan)
	session.Close()
	classify(res, rep)
	if wctx.Err() != nil && res.Status != StatusPassed {
		res.Status = StatusTimeout
		res.Reason = fmt.Sprintf("the checks did not finish within the wall-clock limit of %s; the server was stopped with its process group", c.o.Wall)
	}
}

// launcher writes the launcher's spec and returns the run command that
// starts it: waymark itself, linked into the private folder so that the
// command splits on spaces safely.
func (c *Checker) launcher(w *workDirs, st *curriculum.Stack, env []string) (string, error) {
	words := strings.Fields(st.Run)
	if len(words) == 0 {
		return "", errors.New("the project's manifest has no run command for this stack")
	}
	spec := execSpec{Command: words, PortEnv: st.PortEnv, DataLimit: c.o.Memory, FileLimit: fileLimit, OutputCap: c.o.OutputCap}
	if spec.PortEnv == "" {
		spec.PortEnv = "PORT"
	}
	exe, err := filepath.EvalSymlinks(c.o.Exe)
	if err != nil {
		return "", fmt.Errorf("the launcher %s: %w", c.o.Exe, err)
	}
	if c.o.Sandbox {
		spec.Sandbox = sandboxArgs(w, exe, toolDirs(env, c.goroot), c.o.GoCache, c.o.GoModCache)
		spec.Socket, spec.InnerExe = filepath.Join(w.Root, "relay.sock"), InnerExe
	}
	data, err := json.Marshal(spec)
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(w.Root, "launch.json"), data, 0o600); err != nil {
		return "", err
	}
	link := filepath.Join(w.Root, "waymark")
	if err := os.Symlink(exe, link); err != nil {
		return "", err
	}
	return link + " class __exec", nil
}

func progressLine(r *Result) string {
	commit := r.Commit
	if len(commit) > 12 {
		commit = commit[:12]
	}
	line := fmt.Sprintf("%s/%s: %s, %d/%d milestones", r.Learner, r.Project, r.Status, len(r.Passed), r.Of)
	if commit != "" {
		line += " at " + commit
	}
	if r.Cached {
		return line + " (cached)"
	}
	return line + fmt.Sprintf(" (%s)", check.FormatDuration(time.Duration(r.Millis)*time.Millisecond))
}
