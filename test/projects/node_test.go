package projects

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// nodeRuntime is one Node.js the Node projects are installed, linted,
// tested and checked with: the machine's own node, or one listed in
// TEST_NODE_DIRS.
type nodeRuntime struct {
	dir     string // its installation (bin/node, include/node); "" for the machine's own
	version string // what node --version says, e.g. v26.12.1

	// The first install of a project on this runtime compiles
	// better-sqlite3 against its headers; the module it builds is kept
	// as a local prebuild (prebuild-install's own mechanism), so that
	// the other projects' installs do not compile the same C again.
	mu        sync.Mutex
	prebuilds string // the folder, once the first install has filled it
}

// env is what a command needs to run with this runtime, on top of the
// process's environment: its bin folder first on PATH, and its headers
// for node-gyp (npm_config_nodedir), so that no build downloads them.
func (r *nodeRuntime) env() []string {
	if r.dir == "" {
		return nil
	}
	return []string{
		"PATH=" + filepath.Join(r.dir, "bin") + string(os.PathListSeparator) + os.Getenv("PATH"),
		"npm_config_nodedir=" + r.dir,
	}
}

// name is the runtime as a subtest name's suffix: "node26".
func (r *nodeRuntime) name() string {
	major, _, _ := strings.Cut(strings.TrimPrefix(r.version, "v"), ".")
	return "node" + major
}

var (
	nodeOnce     sync.Once
	nodeMachine  *nodeRuntime
	nodeExtra    []*nodeRuntime
	nodeProblems []string
)

// nodeRuntimes returns the machine's node (nil when there is none) and the
// extra ones TEST_NODE_DIRS lists (folders joined like PATH, as
// .ci/node-versions prints them). A listed folder without a working node
// is an error of the test run, not a reason to test less.
func nodeRuntimes(t *testing.T) (machine *nodeRuntime, extra []*nodeRuntime) {
	t.Helper()
	nodeOnce.Do(func() {
		if _, err := exec.LookPath("node"); err == nil {
			r := &nodeRuntime{}
			if r.version, err = r.shellVersion(); err != nil {
				nodeProblems = append(nodeProblems, fmt.Sprintf("the machine's node: %v", err))
			} else {
				nodeMachine = r
			}
		}
		for _, dir := range filepath.SplitList(os.Getenv("TEST_NODE_DIRS")) {
			if dir == "" {
				continue
			}
			r := &nodeRuntime{dir: dir}
			v, err := r.shellVersion()
			if err != nil {
				nodeProblems = append(nodeProblems, fmt.Sprintf("TEST_NODE_DIRS: %s: %v", dir, err))
				continue
			}
			r.version = v
			nodeExtra = append(nodeExtra, r)
		}
	})
	for _, p := range nodeProblems {
		t.Error(p)
	}
	return nodeMachine, nodeExtra
}

var nodeVersionPattern = regexp.MustCompile(`^v\d+\.\d+\.\d+$`)

// shellVersion is what `node --version` says in a shell with the
// runtime's environment: the node that npm's scripts and waymark check
// would start.
func (r *nodeRuntime) shellVersion() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", "node --version")
	cmd.Env = append(os.Environ(), r.env()...)
	out, err := cmd.CombinedOutput()
	v := strings.TrimSpace(string(out))
	if err != nil {
		return "", fmt.Errorf("node --version: %v: %s", err, v)
	}
	if !nodeVersionPattern.MatchString(v) {
		return "", fmt.Errorf("node --version says %q", v)
	}
	return v, nil
}

// prepareNode does what a learner does before the first run of a Node
// project, with runtime r: install the packages, lint, run the tests.
func prepareNode(t *testing.T, dir string, r *nodeRuntime) {
	t.Helper()
	run := installNode(t, dir, r)
	run(nil, "run", "lint")
	run(nil, "test")
}

// installNode installs a Node project's packages with runtime r and
// returns the function that runs more npm commands there.
func installNode(t *testing.T, dir string, r *nodeRuntime) func(extra []string, args ...string) {
	t.Helper()
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Fatal("npm is not installed")
	}
	run := func(extra []string, args ...string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 25*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, npm, args...)
		cmd.Dir = dir
		cmd.Env = append(append(os.Environ(), r.env()...), extra...)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("npm %s with node %s: %v\n%s", strings.Join(args, " "), r.version, err, out)
		}
		t.Logf("npm %s with node %s: %s", strings.Join(args, " "), r.version, time.Since(start).Round(time.Second))
	}

	// The project must see the runtime it is meant to.
	if v, err := r.shellVersion(); err != nil || v != r.version {
		t.Fatalf("node --version = %q, %v; want %s", v, err, r.version)
	}

	r.mu.Lock()
	if r.prebuilds != "" {
		dir := r.prebuilds
		r.mu.Unlock()
		run([]string{"npm_config_better_sqlite3_local_prebuilds=" + dir}, "install", "--no-audit", "--no-fund")
	} else {
		func() {
			defer r.mu.Unlock()
			run(nil, "install", "--no-audit", "--no-fund")
			if p, err := keepPrebuild(dir, r); err != nil {
				t.Logf("better-sqlite3 is compiled again for each project on node %s: %v", r.version, err)
			} else {
				r.prebuilds = p
			}
		}()
	}
	return run
}

// prebuildRoot holds the local prebuilds of every runtime (TestMain
// removes it).
var prebuildRoot = sync.OnceValues(func() (string, error) { return os.MkdirTemp(scratch, "prebuilds-") })

// keepPrebuild packs the better-sqlite3 module that the install in dir
// compiled into a folder of local prebuilds, under the name
// prebuild-install looks for: better-sqlite3-v<version>-node-v<abi>-<os>-<arch>.tar.gz.
func keepPrebuild(dir string, r *nodeRuntime) (string, error) {
	mod := filepath.Join(dir, "node_modules", "better-sqlite3")
	data, err := os.ReadFile(filepath.Join(mod, "package.json"))
	if err != nil {
		return "", err
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(data, &pkg); err != nil || pkg.Version == "" {
		return "", fmt.Errorf("better-sqlite3's package.json: %v", err)
	}
	binary, err := os.ReadFile(filepath.Join(mod, "build", "Release", "better_sqlite3.node"))
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", `node -p "process.versions.modules + ' ' + process.platform + ' ' + process.arch"`)
	cmd.Env = append(os.Environ(), r.env()...)
	out, err := cmd.Output()
	if err != nil {
		return "", err
	}
	f := strings.Fields(string(out))
	if len(f) != 3 {
		return "", fmt.Errorf("node says %q", out)
	}
	root, err := prebuildRoot()
	if err != nil {
		return "", err
	}
	folder := filepath.Join(root, r.name())
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return "", err
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	if err := tw.WriteHeader(&tar.Header{Name: "build/Release/better_sqlite3.node", Mode: 0o755, Size: int64(len(binary)), ModTime: time.Now()}); err != nil {
		return "", err
	}
	if _, err := tw.Write(binary); err != nil {
		return "", err
	}
	if err := tw.Close(); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	name := fmt.Sprintf("better-sqlite3-v%s-node-v%s-%s-%s.tar.gz", pkg.Version, f[0], f[1], f[2])
	return folder, os.WriteFile(filepath.Join(folder, name), buf.Bytes(), 0o644)
}

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// waymarkBinary builds cmd/waymark once. A check with another node runs
// the real binary: the server it starts finds node on PATH, and PATH is
// the process's, so it cannot differ between checks running in-process.
func waymarkBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		binaryPath = filepath.Join(scratch, "waymark")
		if runtime.GOOS == "windows" {
			binaryPath += ".exe"
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, "go", "build", "-o", binaryPath, "github.com/waymark-dev/waymark/cmd/waymark").CombinedOutput()
		if err != nil {
			binaryErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}
