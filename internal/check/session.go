package check

import (
	"context"
	"errors"
	"os"
	"time"
)

// Target is where a session's checks run: a project that the session starts
// from its folder (start mode), or a server already running at base URLs
// (attach mode). Exactly one of Start and URLs is set.
type Target struct {
	// Start runs the project as `waymark check` does: on a free port, with
	// a fresh temporary folder for its database. TempDir and BaseEnv are
	// filled in when empty.
	Start *ServerConfig
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
}

// Session is one place to run plans: open it, run, close it.
type Session struct {
	runner    *Runner
	server    *Server
	tmp       string
	workspace bool // start mode without a server (ServerConfig.NoServer)
}

// Open starts the target's server (start mode; a failure to start is a
// *StartError) or checks its URLs (attach mode).
func Open(ctx context.Context, t Target, o Options) (*Session, error) {
	if (t.Start == nil) == (len(t.URLs) == 0) {
		return nil, errors.New("check: a target needs either a project to start or URLs to attach to")
	}
	r := &Runner{Timeout: o.Timeout, BodyCap: o.BodyCap, Seed: o.Seed, Env: o.Env, NoExec: o.NoExec,
		Observer: o.Observer, Now: o.Now, AllowRemote: t.AllowRemote, Database: o.Database}
	s := &Session{runner: r}
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
	if cfg.NoServer {
		env := cfg.workEnvironment()
		r.Dir, r.ExecEnv, r.Env = cfg.Dir, env, EnvLookup(env)
		r.Harness, r.BootTimeout = cfg.Run, cfg.BootTimeout
		s.workspace = true
		return s, nil
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

// Mode is "start" (a folder waymark runs in, with or without a server)
// or "attach".
func (s *Session) Mode() string {
	if s.server != nil || s.workspace {
		return "start"
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
