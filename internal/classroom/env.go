package classroom

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// passEnv are the instructor's variables a learner's build and server may
// see: where the tools are and how Go and npm fetch packages. Everything
// else — tokens, keys, SSH agents, database URLs — is left out.
var passEnv = []string{"PATH", "LANG", "LC_ALL", "TZ", "GOPROXY", "GONOSUMDB", "GONOSUMCHECK", "GOPRIVATE",
	"GONOPROXY", "GOSUMDB", "GOINSECURE", "GOROOT", "npm_config_registry", "NPM_CONFIG_REGISTRY"}

// workDirs is the layout of one learner's private folder.
type workDirs struct {
	Root    string // the private folder; removed afterwards
	Project string // the exported project
	Home    string
	Tmp     string
	DB      string // the check session's ${tmpdir}: a fresh database
}

func newWorkDirs(base string) (*workDirs, error) {
	root, err := os.MkdirTemp(base, "waymark-class-")
	if err != nil {
		return nil, err
	}
	if root, err = filepath.EvalSymlinks(root); err != nil {
		return nil, err
	}
	w := &workDirs{Root: root, Project: filepath.Join(root, "project"), Home: filepath.Join(root, "home"),
		Tmp: filepath.Join(root, "tmp"), DB: filepath.Join(root, "db")}
	for _, d := range []string{w.Home, w.Tmp, w.DB} {
		if err := os.Mkdir(d, 0o700); err != nil {
			os.RemoveAll(root)
			return nil, err
		}
	}
	return w, nil
}

// scrubbedEnv is the whole environment of a learner's build and server:
// passEnv from the instructor's, a private HOME and TMPDIR, and the class's
// own Go caches (never the instructor's, which a learner's build could
// otherwise write into). GOTOOLCHAIN=local keeps a learner's go.mod from
// fetching and running another Go toolchain.
func scrubbedEnv(getenv func(string) (string, bool), w *workDirs, goCache, goModCache string) []string {
	var env []string
	for _, k := range passEnv {
		if v, ok := getenv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	env = append(env, "HOME="+w.Home, "TMPDIR="+w.Tmp, "XDG_CACHE_HOME="+filepath.Join(w.Home, ".cache"),
		"XDG_CONFIG_HOME="+filepath.Join(w.Home, ".config"), "GOTOOLCHAIN=local", "GOFLAGS=-buildvcs=false",
		"GOCACHE="+goCache, "GOMODCACHE="+goModCache, "GOPATH="+filepath.Join(w.Home, "go"),
		"npm_config_cache="+filepath.Join(w.Home, ".npm"), "npm_config_update_notifier=false", "CI=true")
	slices.Sort(env)
	return env
}

// envValue returns the value of key in env (KEY=value), later entries
// winning.
func envValue(env []string, key string) string {
	v := ""
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && k == key {
			v = val
		}
	}
	return v
}
