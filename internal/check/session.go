package check

import (
	"context"
	"errors"
	"os"
	"strings"
	"time"
)

// Target is where a session's checks run: a project that the session starts
// from its folder (start mode), a server already running at base URLs
// (attach mode), or a program in a folder that the checks run themselves
// (program mode, an exercise without a server). Exactly one of Start, URLs
// and Program is set.
type Target struct {
	// Start runs the project as `waymark check` does: on a free port, with
	// a fresh temporary folder for its database. TempDir and BaseEnv are
	// filled in when empty.
	Start *ServerConfig
	// Program starts nothing: the steps run the program's command in its
	// folder. TempDir and BaseEnv are filled in when empty.
	Program *ProgramConfig
	// URLs are the base URLs of running instances.
	URLs        []string
	AllowRemote bool
}

// Options are a session's limits and inputs.
type Options struct {
	Timeout time.Duration // per request; DefaultTimeout if 0
	BodyCap int64         // per response; DefaultBodyCap if 0
	Seed    int64         // for ${rand.*}
	// Env looks up the check environment in attach mode (requires_env, JWT
	// keys); in start mode it is the environment the server was given.
	Env func(string) (string, bool)
	// NoExec, when set, says why exec steps must not run.
	NoExec   string
	Observer Observer
	// Now is the clock forged tokens are dated by; time.Now if nil.
	Now func() time.Time
	// Database is a PostgreSQL URL (from --database or DATABASE_URL): sql
	// steps run there, each in a fresh schema dropped afterwards, instead of
	// in an in-memory SQLite database. Empty: SQLite.
	Database string
	// Calibrator is the command of a calibration server for load steps
	// (see Runner.Calibrator); nil: inside this process.
	Calibrator []string
}

// ProgramConfig is a folder whose program the checks run: an exercise
// that reads input and writes output instead of serving requests.
type ProgramConfig struct {
	Dir string // the workspace
	// Run is the program's command, split on spaces, no shell. Empty for
	// a workspace whose checks only read its files (sql and git steps):
	// then nothing is ever started.
	Run      string
	CheckEnv map[string]string // extra environment; "${tmpdir}" → TempDir
	BaseEnv  []string          // waymark's own environment (KEY=value)
	TempDir  string            // a fresh folder for this run (the caller removes it)
	// BootTimeout bounds a judge harness's start-up before its first
	// answer (a first `go run` compiles).
	BootTimeout time.Duration
}

// Session is one place to run plans: open it, run, close it.
type Session struct {
	runner  *Runner
	server  *Server
	program bool
	tmp     string
}

// Open starts the target's server (start mode; a failure to start is a
// *StartError), checks its URLs (attach mode), or prepares its program's
// environment (program mode).
func Open(ctx context.Context, t Target, o Options) (*Session, error) {
	set := 0
	for _, ok := range []bool{t.Start != nil, len(t.URLs) > 0, t.Program != nil} {
		if ok {
			set++
		}
	}
	if set != 1 {
		return nil, errors.New("check: a target needs one of a project to start, URLs to attach to or a program to run")
	}
	r := &Runner{Timeout: o.Timeout, BodyCap: o.BodyCap, Seed: o.Seed, Env: o.Env, NoExec: o.NoExec,
		Observer: o.Observer, Now: o.Now, AllowRemote: t.AllowRemote, Database: o.Database, Calibrator: o.Calibrator}
	s := &Session{runner: r}
	if t.Program != nil {
		return s, s.openProgram(*t.Program)
	}
	if t.Start == nil {
		for _, u := range t.URLs {
			clean, err := CheckURL(u, t.AllowRemote)
			if err != nil {
				return nil, err
			}
			r.URLs = append(r.URLs, clean)
		}
		return s, nil
	}
	cfg := *t.Start
	if cfg.TempDir == "" {
		tmp, err := os.MkdirTemp("", "waymark-check-")
		if err != nil {
			return nil, err
		}
		s.tmp, cfg.TempDir = tmp, tmp
	}
	if cfg.BaseEnv == nil {
		cfg.BaseEnv = os.Environ()
	}
	srv, err := StartServer(ctx, cfg)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.server = srv
	r.URLs, r.Server, r.Dir, r.ExecEnv, r.Env = srv.URLs, srv, cfg.Dir, srv.Env, EnvLookup(srv.Env)
	return s, nil
}

// openProgram gives the runner the program's folder, command and
// environment: check_env over waymark's own, as a server would get.
func (s *Session) openProgram(cfg ProgramConfig) error {
	words := Words(strings.Fields(cfg.Run))
	if words == nil {
		words = Words{} // program mode with nothing to run: sql and git steps
	}
	if cfg.TempDir == "" {
		tmp, err := os.MkdirTemp("", "waymark-check-")
		if err != nil {
			return err
		}
		s.tmp, cfg.TempDir = tmp, tmp
	}
	if cfg.BaseEnv == nil {
		cfg.BaseEnv = os.Environ()
	}
	env := (&ServerConfig{BaseEnv: cfg.BaseEnv, CheckEnv: cfg.CheckEnv, TempDir: cfg.TempDir}).workEnvironment()
	s.program = true
	r := s.runner
	r.Dir, r.Program, r.ExecEnv, r.Env, r.BootTimeout = cfg.Dir, words, env, EnvLookup(env), cfg.BootTimeout
	return nil
}

// Mode is "start", "attach" or "program".
func (s *Session) Mode() string {
	switch {
	case s.server != nil:
		return "start"
	case s.program:
		return "program"
	}
	return "attach"
}

// URLs are the base URLs checks go to.
func (s *Session) URLs() []string { return s.runner.URLs }

// Run checks p's milestones.
func (s *Session) Run(ctx context.Context, p *Plan) *Report { return s.runner.Run(ctx, p) }

// Close stops a started server and removes its temporary folder.
func (s *Session) Close() {
	if s.server != nil {
		s.server.Stop()
	}
	if s.tmp != "" {
		os.RemoveAll(s.tmp)
	}
}
