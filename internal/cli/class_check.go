package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/waymark-dev/waymark/internal/classroom"
)

// ClassCheckOptions are the inputs of `waymark class check`.
type ClassCheckOptions struct {
	F         *Factory
	Roster    string
	AllowExec bool
	Sandbox   bool
	JSON      bool
	NoCache   bool
	Jobs      int
	Learner   string
	Project   string
	Milestone string
	Timeout   time.Duration
	Memory    string
}

// consentText says why class check will not run without consent.
const consentText = `class check runs each learner's code — their build and their server — on this
machine, with your user's rights: a learner's repository can read your files,
use your network and leave programs behind, unless --sandbox confines it.
Pass --allow-exec (or set allow_exec: true in the roster) to accept that;
prefer --sandbox where bubblewrap is installed. See docs/classroom.md.`

// NewCmdClassCheck builds `waymark class check`.
func NewCmdClassCheck(f *Factory, runF func(context.Context, *ClassCheckOptions) error) *cobra.Command {
	opts := &ClassCheckOptions{F: f}
	cmd := &cobra.Command{
		Use:   "check <roster>",
		Short: "Run the curriculum's checks against every learner's repository",
		Long: `Check every learner's projects with the curriculum's own checks.

Each repository is fetched (or brought up to date) with go-git — file://,
https, ssh — shallowly, and its newest commit copied into a fresh private
folder. Its server is started the way the curriculum's manifest says (the run
command, port and health path come from the curriculum, never from the
learner's repository, and neither do the checks), with a fresh database, a
scrubbed environment, a wall-clock and a memory limit, and its output capped.
Learners are checked in parallel (--jobs). Results are cached by commit, so a
re-run checks only what changed.

This runs untrusted code: it refuses to start without --allow-exec or the
roster's allow_exec: true. --sandbox runs each server under bubblewrap, with
no network but its own loopback, a read-only view of the system and only its
private folder writable.`,
		Example: `  waymark class init ~/class.yaml && waymark class check ~/class.yaml --allow-exec
  waymark class init ~/c.yaml && waymark class check ~/c.yaml --allow-exec --jobs 2 --learner ada --project tasks --json`,
		Args: needs(1, 1, "the class roster (class.yaml)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Roster = args[0]
			if _, err := parseBytes(opts.Memory); err != nil {
				return usageErrorf("--memory: %v", err)
			}
			if opts.Jobs < 0 {
				return usageErrorf("--jobs must be at least 1")
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return classCheckRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.AllowExec, "allow-exec", false, "accept that the learners' code runs on this machine")
	fl.BoolVar(&opts.Sandbox, "sandbox", false, "run each learner's server under bubblewrap (bwrap): loopback only, system read-only")
	fl.IntVarP(&opts.Jobs, "jobs", "j", runtime.NumCPU(), "learners' projects to check at once")
	fl.StringVar(&opts.Learner, "learner", "", "check only this learner (`id`)")
	fl.StringVar(&opts.Project, "project", "", "check only this `project`")
	fl.StringVar(&opts.Milestone, "milestone", "", "check up to and including this `milestone`")
	fl.BoolVar(&opts.JSON, "json", false, "print one results document as JSON")
	fl.BoolVar(&opts.NoCache, "no-cache", false, "check every commit again, even if it was checked before")
	fl.DurationVar(&opts.Timeout, "timeout", classroom.DefaultWall, "wall-clock limit per project: build, start and checks")
	fl.StringVar(&opts.Memory, "memory", "2GiB", "writable memory per process of the learner's (KiB, MiB, GiB)")
	return cmd
}

func classCheckRun(ctx context.Context, opts *ClassCheckOptions) error {
	f := opts.F
	cl, err := loadClass(f, opts.Roster)
	if err != nil {
		return err
	}
	if !opts.AllowExec && !cl.roster.AllowExec {
		return usageErrorf("%s", consentText)
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot find waymark's own program to launch the learners' servers: %w", err)
	}
	memory, _ := parseBytes(opts.Memory)
	cache := f.classCache()
	o := classroom.CheckOptions{Curriculum: cl.content.ID, Templates: cl.templates, Learner: opts.Learner,
		Project: opts.Project, Milestone: opts.Milestone, Jobs: opts.Jobs, Wall: opts.Timeout, Memory: memory,
		OutputCap: classroom.DefaultOutputCap, Sandbox: opts.Sandbox, Exe: exe, CacheDir: cache,
		Getenv:   func(k string) (string, bool) { v := f.Getenv(k); return v, v != "" },
		Progress: f.IO.ErrOut, Now: f.Now}
	o.GoCache, o.GoModCache = f.Getenv("GOCACHE"), f.Getenv("GOMODCACHE")
	if cache == "" || opts.NoCache {
		o.CacheDir = ""
	}
	if o.GoCache == "" || o.GoModCache == "" {
		base := cache
		if base == "" {
			base = filepath.Join(os.TempDir(), "waymark-class-go")
		}
		o.GoCache = orElse(o.GoCache, filepath.Join(base, "go-build"))
		o.GoModCache = orElse(o.GoModCache, filepath.Join(base, "go-mod"))
	}
	for _, d := range []string{o.GoCache, o.GoModCache} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if opts.Sandbox && classroom.Bwrap() == "" {
		return usageErrorf("--sandbox needs bubblewrap (bwrap), which is not installed here: install it (Debian: apt-get install bubblewrap) or run without --sandbox")
	}
	rs, err := classroom.Check(ctx, cl.roster, o)
	if err != nil {
		return err
	}
	if len(rs.Results) == 0 {
		fmt.Fprintf(f.IO.ErrOut, "No learners' projects to check: add them with `waymark class add-learner %s`.\n", opts.Roster)
	}
	// A run narrowed to a milestone is not the learner's standing, so the
	// report keeps the last full one.
	if last := f.lastResults(opts.Roster); last != "" && opts.Milestone == "" {
		all := classroom.NewResults(cl.content.ID, f.Now())
		if old, err := classroom.ReadResults(last); err == nil {
			all.Merge(old.Results)
		}
		all.Merge(rs.Results)
		if err := classroom.SaveResults(last, all); err != nil {
			fmt.Fprintf(f.IO.ErrOut, "warning: the results could not be kept for class report: %v\n", err)
		}
	}
	if opts.JSON {
		return rs.Write(f.IO.Out)
	}
	return writeResultsTable(f, rs)
}

func writeResultsTable(f *Factory, rs *classroom.Results) error {
	tw := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "learner\tproject\tstatus\tmilestones\tcommit\treason")
	for _, r := range rs.Results {
		commit := strings.TrimPrefix(r.Commit, "files:")
		if len(commit) > 10 {
			commit = commit[:10]
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d/%d\t%s\t%s\n", r.Learner, r.Project, r.Status, len(r.Passed), r.Of,
			orElse(commit, "-"), orElse(r.Reason, "-"))
	}
	return tw.Flush()
}

func orElse(s, dflt string) string {
	if s == "" {
		return dflt
	}
	return s
}

// parseBytes reads a size such as 512MiB, 2GiB or 1048576.
func parseBytes(s string) (uint64, error) {
	units := []struct {
		suffix string
		mult   uint64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}}
	mult := uint64(1)
	num := strings.TrimSpace(s)
	for _, u := range units {
		if strings.HasSuffix(num, u.suffix) {
			num, mult = strings.TrimSuffix(num, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseUint(strings.TrimSpace(num), 10, 64)
	if err != nil || n == 0 {
		return 0, fmt.Errorf("%q is not a size such as 512MiB or 2GiB", s)
	}
	if n*mult < 64<<20 {
		return 0, fmt.Errorf("%s is too little for a build (64MiB at least)", s)
	}
	return n * mult, nil
}
