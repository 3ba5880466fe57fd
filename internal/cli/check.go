package cli

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/check"
	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/scaffold"
)

// CheckOptions are the inputs of `waymark check`.
type CheckOptions struct {
	F           *Factory
	Dir         string
	URLs        []string
	Project     string
	Milestone   string
	All         bool
	JSON        bool
	NoRecord    bool
	Watch       bool
	AllowRemote bool
	AllowExec   bool
	Seed        int64
	SeedSet     bool
	Timeout     time.Duration
	BootTimeout time.Duration
	// Database is a PostgreSQL URL that an exercise's sql steps run in.
	Database string
}

// NewCmdCheck builds `waymark check [dir]`.
func NewCmdCheck(f *Factory, runF func(context.Context, *CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{F: f}
	cmd := &cobra.Command{
		Use:   "check [dir]",
		Short: "Check your server against the project's milestones",
		Long: `Check runs the project's acceptance checks against your own server.

Inside a project made by waymark new (start mode), it starts your server on a
free port with a fresh database, waits for its health path, checks every
milestone in order up to the first one that fails, and stops the server.
With --url (attach mode) it checks a server you started yourself, in any
language; name the project with --project.

Inside an exercise's workspace made by waymark practice, it checks the
exercise the same way: a server exercise is started, a program exercise is
run on the checks' inputs (program mode).

Checking a milestone re-runs the earlier ones first. Passed milestones (and
passed exercises) are recorded in your progress file with the checks'
fingerprint.`,
		Example: `  waymark check                          # inside a generated project
  waymark check --milestone auth         # boot, then auth
  waymark check --all                    # report every milestone
  waymark check --watch                  # re-run when your files change
  waymark check --url http://127.0.0.1:8000 --project tasks`,
		Args: needs(0, 1, "a project folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			opts.SeedSet = cmd.Flags().Changed("seed")
			if opts.Watch && opts.JSON {
				return usageErrorf("--watch and --json do not go together")
			}
			if len(opts.URLs) > 0 && opts.Watch {
				return usageErrorf("--watch needs start mode (it restarts your server); drop --url")
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return checkRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Milestone, "milestone", "", "check this `milestone` (after re-running the earlier ones)")
	fl.BoolVar(&opts.All, "all", false, "report every milestone, even after one fails")
	fl.StringArrayVar(&opts.URLs, "url", nil, "check the server at this base `URL` instead of starting one (repeat for several instances)")
	fl.StringVar(&opts.Project, "project", "", "the project `id` to check with --url (default: from .waymark.yaml)")
	fl.BoolVar(&opts.AllowRemote, "allow-remote", false, "allow a --url that is not this machine")
	fl.BoolVar(&opts.AllowExec, "allow-exec", false, "let an installed curriculum's checks run their own commands (exec steps)")
	fl.BoolVar(&opts.JSON, "json", false, "print the results document as JSON")
	fl.BoolVar(&opts.NoRecord, "no-record", false, "do not record passed milestones in progress")
	fl.BoolVar(&opts.Watch, "watch", false, "re-run the checks whenever a project file changes")
	fl.Int64Var(&opts.Seed, "seed", 0, "seed for ${rand.*} values (printed on failure; default random)")
	fl.DurationVar(&opts.Timeout, "timeout", check.DefaultTimeout, "per-request `timeout`")
	fl.DurationVar(&opts.BootTimeout, "boot-timeout", 2*time.Minute, "how long the server may take to answer its health path")
	fl.StringVar(&opts.Database, "database", "", "run an exercise's SQL in this PostgreSQL `URL` (a fresh schema, dropped after; default: SQLite in memory)")
	return cmd
}

// checkTarget is what a run checks: the project and how to reach it.
type checkTarget struct {
	project *curriculum.Project
	plan    *check.Plan
	prov    *scaffold.Provenance // start mode
	dir     string
	// made is the checked folder's .waymark.yaml in either mode, when it
	// has one: how it was made decides what counts as the learner's work.
	made *scaffold.Provenance
	// thirdParty is set when the checks come from an installed or
	// --curriculum folder rather than waymark's own templates.
	thirdParty bool
	// exercise is set when the folder is an exercise's workspace (or
	// --project names an exercise).
	exercise *curriculum.Exercise
}

func checkRun(ctx context.Context, opts *CheckOptions) error {
	tg, err := resolveCheckTarget(opts)
	if err != nil {
		return err
	}
	for {
		rep, err := checkOnce(ctx, opts, tg)
		if err != nil && !opts.Watch {
			return err
		}
		if !opts.Watch {
			if rep.Status == check.Failed {
				return &SilentError{Code: ExitFailed}
			}
			return nil
		}
		fmt.Fprintf(opts.F.IO.ErrOut, "\nWatching %s for changes (Ctrl-C to stop)…\n", tg.dir)
		if err := check.WaitForChange(ctx, tg.dir, 500*time.Millisecond); err != nil {
			return nil // cancelled: the normal way out of --watch
		}
		fmt.Fprintln(opts.F.IO.Out, "\nFiles changed; checking again.")
	}
}

func resolveCheckTarget(opts *CheckOptions) (*checkTarget, error) {
	tg := &checkTarget{}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	tg.dir = dir
	id := opts.Project
	if len(opts.URLs) == 0 {
		prov, err := scaffold.ReadProvenance(dir)
		if errors.Is(err, scaffold.ErrNoProvenance) && filepath.Base(dir) == curriculum.SetupRepo {
			// Inside a Git exercise's repository: its workspace is the
			// folder above.
			if up, uerr := scaffold.ReadProvenance(filepath.Dir(dir)); uerr == nil && up.Kind == scaffold.KindExercise {
				prov, err, dir = up, nil, filepath.Dir(dir)
				tg.dir = dir
			}
		}
		if err != nil {
			return nil, err
		}
		tg.prov, tg.made = prov, prov
		if id == "" {
			id = prov.Project
		}
	} else {
		for i, u := range opts.URLs {
			clean, err := check.CheckURL(u, opts.AllowRemote)
			if err != nil {
				return nil, usageErrorf("%v", err)
			}
			opts.URLs[i] = clean
		}
		if prov, err := scaffold.ReadProvenance(dir); err == nil && (id == "" || id == prov.Project) {
			id, tg.made = prov.Project, prov
		}
		if id == "" {
			return nil, usageErrorf("--url needs --project (which project's checks to run, e.g. --project tasks)")
		}
	}
	templates, err := opts.F.Templates()
	if err != nil {
		return nil, err
	}
	if contentDir, err := opts.F.ContentDir(); err == nil && contentDir != "" {
		tg.thirdParty = true
	}
	if tg.made != nil && tg.made.Kind == scaffold.KindExercise || tg.made == nil && isExercise(opts.F, templates, id) {
		if err := resolveExercise(opts, tg, id); err != nil {
			return nil, err
		}
	} else if err := resolveProject(opts, tg, templates, id); err != nil {
		return nil, err
	}
	if err := tg.plan.Check(); err != nil {
		var es check.Errors
		if errors.As(err, &es) {
			return nil, err
		}
		return nil, usageErrorf("%v", err)
	}
	return tg, nil
}

// resolveProject fills in tg for checking project id from its template.
func resolveProject(opts *CheckOptions, tg *checkTarget, templates fs.FS, id string) error {
	p, err := curriculum.LoadProject(templates, id)
	if err != nil {
		return err
	}
	tg.project = p
	suites, err := check.LoadSuites(templates, path.Join(id, "checks"))
	if err != nil {
		return fmt.Errorf("the checks of project %s are invalid:\n%w", id, err)
	}
	plan := &check.Plan{Project: id, Suites: suites, Upto: opts.Milestone, All: opts.All}
	for _, m := range p.Milestones {
		hint := m.Hint
		if tg.prov != nil {
			hint = p.Hint(tg.prov.Stack, m.ID)
		}
		plan.Milestones = append(plan.Milestones, check.Milestone{ID: m.ID, Title: m.Title, Hint: hint})
	}
	tg.plan = plan
	return nil
}

// checkOnce runs the plan once: start the server (start mode), run, report,
// record. The report is never nil when err is nil.
func checkOnce(ctx context.Context, opts *CheckOptions, tg *checkTarget) (*check.Report, error) {
	io := opts.F.IO
	seed := opts.Seed
	if !opts.SeedSet {
		var b [8]byte
		_, _ = rand.Read(b[:])
		seed = int64(binary.BigEndian.Uint64(b[:]) >> 34) // short enough to type
	}
	tr := check.NewTextReport(io.Out, io.ErrOut, io.IsStderrTTY() && !opts.JSON)
	tr.Width = io.Width()
	if tg.exercise != nil && tg.prov != nil && tg.exercise.Stacks[tg.prov.Stack].RunsNothing() {
		tr.Against = "your files" // a SQL or Git exercise: nothing runs
	}
	o := check.Options{Timeout: opts.Timeout, Seed: seed, Now: opts.F.Now,
		Env: func(k string) (string, bool) { v := opts.F.Getenv(k); return v, v != "" }, Database: opts.Database,
		Calibrator: calibrator()}
	if tg.thirdParty && !opts.AllowExec {
		// Only the learner's own project command runs unless they say so.
		o.NoExec = "this curriculum's exec steps do not run unless you trust it: waymark check --allow-exec"
	}
	if !opts.JSON {
		o.Observer = tr
	}
	target := check.Target{URLs: opts.URLs, AllowRemote: opts.AllowRemote}
	stop := func() {}
	if pt := tg.programTarget(opts.BootTimeout); pt != nil {
		target = *pt
	} else if tg.prov != nil {
		target = check.Target{Start: &check.ServerConfig{Dir: tg.dir, Run: tg.prov.Run, PortEnv: tg.prov.PortEnv,
			Health: tg.prov.Health, CheckEnv: tg.prov.CheckEnv, Instances: tg.plan.Instances(), BootTimeout: opts.BootTimeout}}
		if !opts.JSON {
			fmt.Fprintf(io.ErrOut, "Starting your server: %s\n", tg.prov.Run)
			stop = startSpinner(opts.F, "Waiting for "+tg.prov.Health+" to answer", withElapsed(),
				withNoteAfter(5*time.Second, firstStartNote(tg.prov.Stack)))
		}
	}
	session, err := check.Open(ctx, target, o)
	stop()
	var se *check.StartError
	if errors.As(err, &se) {
		rep := &check.Report{Version: 1, Project: tg.plan.Project, Mode: "start", Seed: seed, Status: check.Failed, Message: se.Reason}
		if opts.JSON {
			_ = check.WriteJSON(io.Out, rep)
		} else {
			tr.WriteStartFailure(se)
		}
		return rep, &SilentError{Code: ExitFailed}
	}
	if err != nil {
		return nil, err
	}
	defer session.Close()
	if !opts.JSON {
		tr.Header(tg.plan.Project, session.Mode(), session.URLs(), seed)
	}
	rep := session.Run(ctx, tg.plan)
	if opts.JSON {
		if err := check.WriteJSON(io.Out, rep); err != nil {
			return nil, err
		}
	} else {
		tr.Summary(rep)
	}
	if passed := rep.Passed(); len(passed) > 0 && !opts.NoRecord {
		own, provided := tg.ownWork(passed)
		topic := ""
		if len(own) > 0 && tg.exercise != nil {
			if topic, err = recordExercise(opts.F, tg, own[0].SHA256); err != nil {
				return rep, err
			}
		} else if len(own) > 0 {
			if err := recordMilestones(opts.F, tg, own); err != nil {
				return rep, err
			}
		}
		if !opts.JSON {
			switch {
			case len(own) > 0 && tg.exercise != nil:
				fmt.Fprintf(io.ErrOut, "Recorded exercise %s as passed in your progress.\n", tg.exercise.ID)
				if topic != "" {
					fmt.Fprintf(io.ErrOut, "Topic %s is done: all of its exercises pass.\n", topic)
				}
			case len(own) > 0:
				fmt.Fprintf(io.ErrOut, "Recorded %s in your progress.\n", plural(len(own), "verified milestone", "verified milestones"))
			}
			switch {
			case provided > 0 && tg.exercise != nil:
				fmt.Fprintf(io.ErrOut, "Not recorded as yours: this folder holds the reference solution of %s.\n", tg.exercise.ID)
			case provided > 0:
				fmt.Fprintf(io.ErrOut, "Not recorded as yours: %s came with the reference solution in this folder.\n", plural(provided, "passed milestone", "passed milestones"))
			}
		}
	}
	return rep, nil
}

// ownWork splits passed milestones into the learner's own work and the
// number whose solution came with the project (a --solution or --through
// folder), which are shown but never recorded.
func (tg *checkTarget) ownWork(passed []*check.MilestoneResult) (own []*check.MilestoneResult, provided int) {
	mode, err := scaffold.ParseMode(tg.mode())
	for _, m := range passed {
		if err == nil && mode.Provided(tg.project, m.ID) {
			provided++
			continue
		}
		own = append(own, m)
	}
	return own, provided
}

// mode is how the checked folder was made ("" for a server checked at a
// URL without one).
func (tg *checkTarget) mode() string {
	if tg.made != nil {
		return tg.made.Mode
	}
	return ""
}

// recordDir is the folder the results are recorded under: the project's,
// or "" for a server checked at a URL from outside one.
func (tg *checkTarget) recordDir() string {
	if tg.made != nil {
		return tg.dir
	}
	return ""
}

func recordMilestones(f *Factory, tg *checkTarget, passed []*check.MilestoneResult) error {
	store, err := f.ProgressStore()
	if err != nil {
		return err
	}
	now := f.Now()
	_, err = store.Update(func(p *progress.Progress) error {
		for _, m := range passed {
			p.RecordMilestone(tg.plan.Project, tg.recordDir(), m.ID, m.SHA256, now)
		}
		return nil
	})
	return err
}

// firstStartNote says why a server can be slow to answer the first time.
func firstStartNote(stack string) string {
	if stack == "go" {
		return "the first go run compiles every dependency (SQLite takes a minute or two); later starts are quick"
	}
	return "a first start can be slow while the runtime warms its caches"
}
