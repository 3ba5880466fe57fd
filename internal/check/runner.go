package check

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Milestone is what the runner needs to know of a project's milestone.
type Milestone struct {
	ID, Title, Hint string
}

// Defaults for a Runner's limits.
const (
	DefaultTimeout = 5 * time.Second
	DefaultBodyCap = 1 << 20
	DefaultWithin  = 2 * time.Second
	DefaultNone    = time.Second
	DefaultExec    = 2 * time.Minute
	logLines       = 30
)

// Runner runs check suites against one or more base URLs.
type Runner struct {
	URLs        []string // base URLs, one per server instance
	AllowRemote bool
	Timeout     time.Duration // per request; DefaultTimeout if 0
	BodyCap     int64         // per response; DefaultBodyCap if 0
	Seed        int64         // for ${rand.*}
	// Dir is the project folder in start mode; exec steps run there. Empty
	// in attach mode, where exec steps are skipped.
	Dir string
	// Env looks up the check environment (requires_env, jwt keys): waymark's
	// own environment overlaid with the stack's check_env in start mode.
	Env func(string) (string, bool)
	// ExecEnv is the environment of exec steps (KEY=value).
	ExecEnv []string
	// Program is the workspace's own command in program mode (an exercise
	// without a server): an exec step without a command runs it.
	Program []string
	// NoExec, when set, says why exec steps must not run (the suite comes
	// from a curriculum the learner has not chosen to trust); they are then
	// reported as skipped with this reason.
	NoExec   string
	Observer Observer
	// Server, in start mode, gives the log lines and tells whether the
	// process has exited.
	Server *Server
	// Now dates forged tokens; time.Now if nil.
	Now func() time.Time
	// Database is a PostgreSQL URL: sql steps run there, each in a fresh
	// schema, instead of in an in-memory SQLite database.
	Database string
	// BootTimeout bounds a harness's start-up; DefaultHarnessBoot if 0.
	BootTimeout time.Duration
	// Calibrator is the command of a calibration server (waymark
	// __calibrate, running ServeCalibration) for load steps' relative
	// limits; without it the calibration server runs inside this process.
	Calibrator []string

	client   *http.Client
	exercise *exerciseRun // during Run: the plan's exercise
}

// Plan is a project's milestones in order, their suites and what to run.
type Plan struct {
	Project    string
	Milestones []Milestone
	Suites     []*Suite
	// Upto checks the milestones before it and then it; "" means all.
	Upto string
	// All keeps going after a failing milestone.
	All bool
	// Exercise, for an exercise, gives sql and judge steps its files and
	// its reference solution; nil for a project.
	Exercise *Exercise
}

// Check validates that every suite names a milestone of the project.
func (p *Plan) Check() error {
	var errs Errors
	for _, s := range p.Suites {
		if p.index(s.Milestone) < 0 {
			errs = append(errs, &Error{Pos: s.Pos, Msg: fmt.Sprintf("milestone %q is not a milestone of project %s (%s)", s.Milestone, p.Project, p.ids())})
		}
	}
	if p.Upto != "" && p.index(p.Upto) < 0 {
		return fmt.Errorf("project %s has no milestone %q (it has: %s)", p.Project, p.Upto, p.ids())
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func (p *Plan) index(id string) int {
	for i, m := range p.Milestones {
		if m.ID == id {
			return i
		}
	}
	return -1
}

func (p *Plan) ids() string {
	ids := make([]string, len(p.Milestones))
	for i, m := range p.Milestones {
		ids[i] = m.ID
	}
	return strings.Join(ids, ", ")
}

// SuitesOf returns the suites of one milestone, in file order.
func (p *Plan) SuitesOf(id string) []*Suite {
	var out []*Suite
	for _, s := range p.Suites {
		if s.Milestone == id {
			out = append(out, s)
		}
	}
	return out
}

// NeedsServer reports whether a step of the plan talks to a server (http,
// ws, parallel, load). A plan that does not is run in program mode (Target.Program).
func (p *Plan) NeedsServer() bool {
	for _, s := range p.Suites {
		if s.talksToServer() {
			return true
		}
	}
	return false
}

// Instances is the most server instances any suite of the plan needs.
func (p *Plan) Instances() int {
	n := 1
	for _, s := range p.Suites {
		n = max(n, s.Instances)
	}
	return n
}

// ChecksSHA256 is the fingerprint of a milestone's check files: the file's
// sha256, or for several files the sha256 of their sha256s in order.
func ChecksSHA256(suites []*Suite) string {
	if len(suites) == 1 {
		return suites[0].SHA256
	}
	h := sha256.New()
	for _, s := range suites {
		h.Write([]byte(s.SHA256))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Run checks the plan's milestones in order: every milestone up to Upto,
// stopping at the first failure unless All.
func (r *Runner) Run(ctx context.Context, p *Plan) *Report {
	r.init()
	r.exercise = &exerciseRun{ex: p.Exercise}
	defer func() { r.exercise.close(); r.exercise = nil }()
	start := time.Now()
	rep := &Report{Version: 1, Project: p.Project, URLs: r.URLs, Seed: r.Seed, Mode: "attach"}
	switch {
	case r.Program != nil:
		rep.Mode = "program"
	case r.Dir != "":
		rep.Mode = "start"
	}
	last := len(p.Milestones) - 1
	if p.Upto != "" {
		last = p.index(p.Upto)
	}
	failed := false
	for _, m := range p.Milestones[:last+1] {
		res := &MilestoneResult{ID: m.ID, Title: m.Title, Hint: m.Hint}
		rep.Milestones = append(rep.Milestones, res)
		suites := p.SuitesOf(m.ID)
		switch {
		case failed && !p.All:
			res.Status = NotRun
			res.Message = "an earlier milestone fails"
			continue
		case len(suites) == 0:
			res.Status = Skipped
			res.Message = "this milestone has no checks"
			continue
		}
		res.SHA256 = ChecksSHA256(suites)
		r.Observer.MilestoneStarted(res)
		mstart := time.Now()
		for _, s := range suites {
			r.runSuite(ctx, p, s, res)
			if res.Status == Failed {
				break
			}
		}
		if res.Status == "" {
			res.Status = Passed
		}
		res.Duration = time.Since(mstart)
		res.Millis = res.Duration.Milliseconds()
		r.Observer.MilestoneFinished(res)
		if res.Status == Failed {
			failed = true
		}
		if ctx.Err() != nil {
			break
		}
	}
	rep.Duration = time.Since(start)
	rep.Millis = rep.Duration.Milliseconds()
	rep.Status = Passed
	for _, m := range rep.Milestones {
		switch {
		case m.Status == Failed:
			rep.Status = Failed
		case m.Status == Skipped && rep.Status == Passed:
			rep.Status = Skipped
		}
	}
	return rep
}

func (r *Runner) init() {
	if r.Timeout <= 0 {
		r.Timeout = DefaultTimeout
	}
	if r.BodyCap <= 0 {
		r.BodyCap = DefaultBodyCap
	}
	if r.Observer == nil {
		r.Observer = nopObserver{}
	}
	if r.Env == nil {
		r.Env = func(string) (string, bool) { return "", false }
	}
	if r.client == nil {
		r.client = r.newClient()
	}
	if r.Now == nil {
		r.Now = time.Now
	}
}

// runSuite runs one file's steps into res. A suite stops at its first
// failing step: later steps usually depend on its captures.
func (r *Runner) runSuite(ctx context.Context, p *Plan, s *Suite, res *MilestoneResult) {
	addRest := func(from int, st Status, msg string) {
		for _, step := range s.Steps[from:] {
			res.Steps = append(res.Steps, &StepResult{Name: step.Name, Kind: step.Kind(), Status: st, Message: msg})
		}
	}
	if missing := r.missingEnv(s.RequiresEnv); len(missing) > 0 {
		res.Status = Skipped
		res.Message = fmt.Sprintf("needs %s: %s", strings.Join(missing, ", "), envAdvice(missing, r.Dir != ""))
		addRest(0, Skipped, res.Message)
		return
	}
	if n := max(s.Instances, 1); n > len(r.URLs) && s.talksToServer() {
		res.Status = Skipped
		res.Message = fmt.Sprintf("needs %d instances of your server; run `waymark check` inside the project (start mode starts them) or pass --url %d times", n, n)
		addRest(0, Skipped, res.Message)
		return
	}
	sc := newScope(r.Seed, s.Milestone, r.URLs)
	for i, step := range s.Steps {
		if err := ctx.Err(); err != nil {
			addRest(i, NotRun, "cancelled")
			res.Status = Failed
			return
		}
		r.Observer.StepStarted(res, step.Name)
		sr := r.runStep(ctx, p, s, step, sc)
		r.Observer.StepFinished(res, sr)
		res.Steps = append(res.Steps, sr)
		switch sr.Status {
		case Failed:
			res.Status = Failed
			addRest(i+1, NotRun, "an earlier step failed")
			return
		case Skipped:
			if res.Status == "" {
				res.Status = Skipped
				res.Message = sr.Message
			}
		}
	}
}

func (r *Runner) missingEnv(names []string) []string {
	var missing []string
	for _, n := range names {
		if v, ok := r.Env(n); !ok || v == "" {
			missing = append(missing, n)
		}
	}
	return missing
}

func envAdvice(missing []string, start bool) string {
	if start {
		return fmt.Sprintf("set %s in your environment (or in the stack's check_env) and run again", strings.Join(missing, " and "))
	}
	return fmt.Sprintf("start your server with %s set, and run `%s=... waymark check --url ...` with the same value", strings.Join(missing, ", "), missing[0])
}

// runStep runs one step and fills in everything a failure report needs.
func (r *Runner) runStep(ctx context.Context, p *Plan, s *Suite, step *Step, sc *scope) *StepResult {
	sr := &StepResult{Name: step.Name, Kind: step.Kind(), Hint: step.Hint}
	start := time.Now()
	defer func() {
		sr.Duration = time.Since(start)
		sr.Millis = sr.Duration.Milliseconds()
		if sr.Status == Passed {
			sr.Body = "" // only failures need the body; keeps --json small
		}
		if sr.Status == Failed {
			sr.Vars, sr.Rand = sc.snapshot()
			for _, name := range sortedKeys(sc.unset) {
				sr.Missing = append(sr.Missing, Var{Name: name, Why: sc.unset[name]})
			}
			if r.Server != nil {
				sr.Log = r.Server.LastLines(logLines)
			}
			if sr.Diagnosis == "" && r.Server != nil {
				if exited, how := r.Server.Exited(); exited {
					sr.Diagnosis = "your server has stopped (" + how + "); its last lines are below"
				}
			}
		}
	}()
	if missing := r.missingEnv(step.RequiresEnv); len(missing) > 0 {
		sr.Status = Skipped
		sr.Message = fmt.Sprintf("needs %s: %s", strings.Join(missing, ", "), envAdvice(missing, r.Dir != ""))
		return sr
	}
	var err error
	switch {
	case step.HTTP != nil:
		err = r.runHTTP(ctx, p, step.HTTP, sc, sr)
	case step.Parallel != nil:
		err = r.runParallel(ctx, p, step.Parallel, sc, sr)
	case step.Load != nil:
		err = r.runLoad(ctx, p, step.Load, sc, sr)
	case step.WS != nil:
		err = r.runWS(ctx, p, step.WS, sc, sr)
	case step.Exec != nil && len(step.Exec.Command) == 0:
		// The workspace's own program: it runs like a project's server,
		// which the learner's own command is, trusted or not.
		if r.Program == nil {
			sr.Status = Skipped
			sr.Message = "this step runs the program of an exercise workspace; run `waymark check` inside one"
			return sr
		}
		if len(r.Program) == 0 {
			err = exerciseFailure(sr, errNoProgram)
			break
		}
		err = r.runExec(ctx, p, step.Exec, sc, sr)
	case step.Exec != nil:
		if r.NoExec != "" {
			sr.Status = Skipped
			sr.Message = r.NoExec
			return sr
		}
		if r.Dir == "" {
			sr.Status = Skipped
			sr.Message = "exec steps run only in start mode (inside the project folder, without --url)"
			return sr
		}
		err = r.runExec(ctx, p, step.Exec, sc, sr)
	case r.Dir == "":
		sr.Status = Skipped
		sr.Message = step.Kind() + " steps run only inside the exercise's folder (waymark check there, without --url)"
		return sr
	case step.SQL != nil:
		err = r.runSQL(ctx, p, step.SQL, sr)
	case step.Git != nil:
		err = r.runGit(ctx, step.Git, sr)
	case step.Judge != nil && r.Program == nil:
		sr.Status = Skipped
		sr.Message = "judge steps run the program of an exercise workspace as their harness; run `waymark check` inside one"
		return sr
	case step.Judge != nil && len(r.Program) == 0:
		err = exerciseFailure(sr, errNoProgram)
	case step.Judge != nil:
		err = r.runJudge(ctx, p, step.Judge, sr)
	}
	if sr.Status == Skipped {
		return sr
	}
	var mv *missingVarError
	if errors.As(err, &mv) {
		sr.Status = Failed
		sr.Message = "this step uses " + strings.Join(mv.names, ", ") + ", which an earlier step did not capture"
		return sr
	}
	if err != nil {
		sr.Status = Failed
		if sr.Message == "" {
			sr.Message = err.Error()
		}
		return sr
	}
	sr.Status = Passed
	return sr
}

// failf records a failed expectation on sr and returns an error for it.
func failf(sr *StepResult, expected, got, format string, a ...any) error {
	sr.Expected, sr.Got = expected, got
	sr.Message = fmt.Sprintf(format, a...)
	return errors.New(sr.Message)
}
