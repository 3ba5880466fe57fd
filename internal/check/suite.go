// Package check is waymark's acceptance-check engine: it decodes a project's
// declarative checks (templates/<project>/checks/*.yaml), runs them against
// the learner's own server — started here or already running — and reports
// every step the way a patient mentor would.
package check

import (
	"time"

	"github.com/waymark-dev/waymark/internal/yamlstrict"
)

// Pos is where a value sits in its check file (1-based).
type Pos = yamlstrict.Pos

// Error is a problem in a check file, at a position; Errors are all the
// problems of one or more check files.
type (
	Error  = yamlstrict.Error
	Errors = yamlstrict.Errors
)

// Suite is one check file: the steps proving one milestone.
type Suite struct {
	Pos         `yaml:"-"`
	Format      int      `yaml:"format"`
	Milestone   string   `yaml:"milestone"`
	Title       string   `yaml:"title"`
	Instances   int      `yaml:"instances"`    // server instances the suite needs; 0 means 1
	RequiresEnv []string `yaml:"requires_env"` // unset → the whole milestone is skipped
	Steps       []*Step  `yaml:"steps"`

	SHA256 string `yaml:"-"` // of the file's bytes
}

// Step is one named check; exactly one of HTTP, WS, Exec, Parallel, SQL,
// Git, Judge, Load is set.
type Step struct {
	Pos         `yaml:"-"`
	Name        string   `yaml:"name"`
	Hint        string   `yaml:"hint"`
	RequiresEnv []string `yaml:"requires_env"`
	// RequiresCmd names programs the step needs on PATH (nginx, psql);
	// where one is missing the step is skipped, saying which.
	RequiresCmd []string      `yaml:"requires_cmd"`
	HTTP        *HTTPStep     `yaml:"http"`
	WS          *WSStep       `yaml:"ws"`
	Exec        *ExecStep     `yaml:"exec"`
	Parallel    *ParallelStep `yaml:"parallel"`
	SQL         *SQLStep      `yaml:"sql"`
	Git         *GitStep      `yaml:"git"`
	Judge       *JudgeStep    `yaml:"judge"`
	Signal      *SignalStep   `yaml:"signal"`
	Log         *LogStep      `yaml:"log"`
	Load        *LoadStep     `yaml:"load"`
}

// talksToServer reports whether any step needs a server: a suite of
// exec steps runs without one.
func (s *Suite) talksToServer() bool {
	for _, st := range s.Steps {
		if st.HTTP != nil || st.WS != nil || st.Parallel != nil || st.Signal != nil || st.Log != nil || st.Load != nil {
			return true
		}
	}
	return false
}

// Kind names the step's kind.
func (s *Step) Kind() string {
	switch {
	case s.HTTP != nil:
		return "http"
	case s.WS != nil:
		return "ws"
	case s.Exec != nil:
		return "exec"
	case s.Parallel != nil:
		return "parallel"
	case s.SQL != nil:
		return "sql"
	case s.Git != nil:
		return "git"
	case s.Judge != nil:
		return "judge"
	case s.Signal != nil:
		return "signal"
	case s.Log != nil:
		return "log"
	case s.Load != nil:
		return "load"
	}
	return ""
}

// LogStep reads the output of a server waymark started: it waits for a
// line that matches, or with Absent proves that no line so far does.
type LogStep struct {
	Instance int        `yaml:"instance"`
	JSON     []*Matcher `yaml:"json"`   // the line is a JSON object these match
	Text     *Matcher   `yaml:"text"`   // the line as text matches
	Absent   bool       `yaml:"absent"` // no line matches (checked at once)
	Within   Duration   `yaml:"within"` // how long to wait for the line (default 2s)
}

// SignalStep sends a signal to a started server's process group, while a
// request is in flight if During is set, and expects the server to exit by
// itself: how a check proves a graceful shutdown. The server is gone
// afterwards, so it is a file's last step (for its instance).
type SignalStep struct {
	Send     string    `yaml:"send"`     // SIGTERM (default), SIGINT or SIGHUP
	Instance int       `yaml:"instance"` // which server instance
	During   *HTTPStep `yaml:"during"`   // a request sent first, answered after the signal
	After    Duration  `yaml:"after"`    // between sending During and the signal (default 300ms)
	Exit     *int      `yaml:"exit"`     // the exit status the server must end with (default 0)
	Within   Duration  `yaml:"within"`   // how long it may take to exit after the signal (default 5s)
}

// HTTPStep sends one request and checks the response.
type HTTPStep struct {
	Request Request             `yaml:"request"`
	Expect  Expect              `yaml:"expect"`
	Capture map[string]*Capture `yaml:"capture"`
}

// Request is an HTTP request. Strings may use ${vars}.
type Request struct {
	Pos            `yaml:"-"`
	Method         string            `yaml:"method"`
	Path           string            `yaml:"path"`
	Headers        map[string]string `yaml:"headers"`
	Bearer         string            `yaml:"bearer"` // Authorization: Bearer <bearer>
	JSON           *Value            `yaml:"json"`
	Body           *string           `yaml:"body"`
	Instance       int               `yaml:"instance"`
	FollowRedirect *bool             `yaml:"follow_redirects"`
}

// Expect is what a response must look like.
type Expect struct {
	Pos     `yaml:"-"`
	Status  StatusSet           `yaml:"status"` // empty: any 2xx
	Headers map[string]*Matcher `yaml:"headers"`
	JSON    []*Matcher          `yaml:"json"`
	Body    *Matcher            `yaml:"body"`
}

// StatusSet is one status code or a list of accepted ones.
type StatusSet []int

// Matcher tests one value: a JSON path's, a header's or the body's. Every
// operator given must hold.
type Matcher struct {
	Pos         `yaml:"-"`
	Path        string `yaml:"path"`
	Eq          *Value `yaml:"eq"`
	Ne          *Value `yaml:"ne"`
	Gt          *Value `yaml:"gt"`
	Gte         *Value `yaml:"gte"`
	Lt          *Value `yaml:"lt"`
	Lte         *Value `yaml:"lte"`
	Contains    *Value `yaml:"contains"`
	NotContains *Value `yaml:"not_contains"`
	Matches     string `yaml:"matches"`
	Type        string `yaml:"type"`
	Exists      *bool  `yaml:"exists"`
	Len         *int   `yaml:"len"`
}

// Capture saves a value from a response into a variable.
type Capture struct {
	Pos    `yaml:"-"`
	JSON   string `yaml:"json"`   // a JSON path
	Header string `yaml:"header"` // a header name
	JWT    *Forge `yaml:"jwt"`    // turn the captured JWT into a forged one
}

// Forge describes a forged variant of a captured JWT, for proving that a
// server refuses it.
type Forge struct {
	Forge  string `yaml:"forge"`   // expired | no-exp | alg-none | bad-signature
	KeyEnv string `yaml:"key_env"` // expired, no-exp: the HS256 key's variable (default JWT_SECRET)
}

// WSStep connects named WebSocket clients and plays a script.
type WSStep struct {
	Pos     `yaml:"-"`
	Clients []*WSClient `yaml:"clients"`
	Connect WSConnect   `yaml:"connect"`
	Script  []*WSAction `yaml:"script"`
}

// WSConnect is how clients connect unless they say otherwise.
type WSConnect struct {
	Path    string            `yaml:"path"`
	Headers map[string]string `yaml:"headers"`
	Bearer  string            `yaml:"bearer"`
	// Refused, when set, expects the server to refuse the upgrade with this
	// HTTP status (say 401 without a token); the client then never connects
	// and the script may not use it.
	Refused int `yaml:"refused"`
}

// WSClient is one named connection; a bare name uses the step's connect.
type WSClient struct {
	Pos       `yaml:"-"`
	Name      string `yaml:"name"`
	WSConnect `yaml:",inline"`
	Instance  int `yaml:"instance"`
}

// WSAction is one line of a WebSocket script: exactly one of send, expect,
// expect_none, expect_close, close, http.
type WSAction struct {
	Pos         `yaml:"-"`
	Client      string              `yaml:"client"`
	Send        *WSMessage          `yaml:"send"`
	Expect      *WSExpect           `yaml:"expect"`
	ExpectNone  *WSExpect           `yaml:"expect_none"`
	ExpectClose *WSClose            `yaml:"expect_close"` // the server ends the client's connection
	Close       bool                `yaml:"close"`
	HTTP        *HTTPStep           `yaml:"http"` // a request while the clients stay connected; no client
	Within      Duration            `yaml:"within"`
	Capture     map[string]*Capture `yaml:"capture"`
}

// WSClose is how the server must end a client's connection.
type WSClose struct {
	Code int `yaml:"code"` // the close status, such as 1008 (policy violation)
}

// WSMessage is a frame to send: JSON or text.
type WSMessage struct {
	JSON *Value  `yaml:"json"`
	Text *string `yaml:"text"`
}

// WSExpect matches a received frame.
type WSExpect struct {
	JSON []*Matcher `yaml:"json"`
	Text *Matcher   `yaml:"text"`
}

// ExecStep runs a command in the project folder (start and program mode).
// Without a command it runs the workspace's own program (program mode),
// followed by Args.
type ExecStep struct {
	Command Words   `yaml:"command"`
	Args    Words   `yaml:"args"`
	Stdin   *string `yaml:"stdin"` // given on standard input; none (EOF) if nil
	// Env sets variables for this command only, over the session's
	// environment; "" sets one to empty (a program must treat that as unset).
	Env     map[string]string `yaml:"env"`
	Timeout Duration          `yaml:"timeout"`
	Expect  ExecExpect        `yaml:"expect"`
}

// Words is a command: a list, or a string split on spaces.
type Words []string

// ExecExpect is what a command must do.
type ExecExpect struct {
	Exit   *int     `yaml:"exit"` // default 0
	Stdout *Matcher `yaml:"stdout"`
	Stderr *Matcher `yaml:"stderr"`
	// MinTime is how long the command must at least take: a lower bound
	// that waiting code cannot beat however fast the machine, such as three
	// 500 ms jobs on one worker.
	MinTime Duration `yaml:"min_time"`
}

// ParallelStep sends Copies of one request at once.
type ParallelStep struct {
	Copies  int            `yaml:"copies"`
	Request Request        `yaml:"request"`
	Expect  ParallelExpect `yaml:"expect"`
}

// ParallelExpect says how many responses of each status are right, and,
// in Each, what every response of a status must hold besides: the 429s'
// Retry-After, say, which a request sent after the burst would see only
// while the budget has not refilled, a race with the server's own speed.
type ParallelExpect struct {
	Counts map[string]Count   `yaml:"counts"` // "201", "4xx", "any"
	Each   map[string]*Expect `yaml:"each"`   // by the same keys; its status is the key's
}

// Count is an expected number of responses: exactly N, "any", "N..M",
// ">=N" or "<=N".
type Count struct {
	Min, Max int // Max < 0: unbounded
	Text     string
}

// Duration is a time.Duration written as "2s", "500ms".
type Duration time.Duration

// Value is any YAML value that was present (even null), in JSON form.
type Value struct{ V any }
