package classroom

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// InnerExe is where waymark itself is visible inside the sandbox.
const InnerExe = "/.waymark/waymark"

// Bwrap returns the path of bubblewrap, or "" when it is not installed.
func Bwrap() string {
	p, err := exec.LookPath("bwrap")
	if err != nil {
		return ""
	}
	return p
}

// systemDirs are shown read-only inside the sandbox; the rest of the file
// system (homes, /root, /srv, /var) is not there at all.
var systemDirs = []string{"/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/opt", "/nix"}

// systemFiles are the few files of /etc programs need; /etc itself, with
// its keys and passwords, is not shown.
var systemFiles = []string{"/etc/alternatives", "/etc/ssl", "/etc/ca-certificates", "/etc/passwd", "/etc/group",
	"/etc/nsswitch.conf", "/etc/hosts", "/etc/localtime", "/etc/ld.so.cache", "/etc/ld.so.conf",
	"/etc/ld.so.conf.d", "/etc/mime.types", "/etc/protocols", "/etc/services"}

// sandboxArgs are bubblewrap's arguments for one learner's server: new
// namespaces of every kind (so no network but its own loopback), no
// capabilities, killed with its parent, in a session of its own (no way to
// the instructor's terminal); the system read-only; writable only the
// private folder and the class's Go build cache. exe is this program,
// shown at InnerExe to run the relay. pathDirs are the folders of the
// tools (PATH, GOROOT) to show read-only too.
func sandboxArgs(w *workDirs, exe string, pathDirs []string, goCache, goModCache string) []string {
	args := []string{"--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
		"--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"}
	shown := []string{}
	covered := func(p string) bool {
		return slices.ContainsFunc(shown, func(s string) bool { return p == s || strings.HasPrefix(p, s+"/") })
	}
	for _, d := range systemDirs {
		info, err := os.Lstat(d)
		switch {
		case err != nil:
			continue
		case info.Mode()&os.ModeSymlink != 0:
			if target, err := os.Readlink(d); err == nil {
				args = append(args, "--symlink", target, d)
			}
		default:
			args = append(args, "--ro-bind", d, d)
			shown = append(shown, d)
		}
	}
	for _, f := range systemFiles {
		args = append(args, "--ro-bind-try", f, f)
	}
	for _, d := range pathDirs {
		d = filepath.Clean(d)
		if !filepath.IsAbs(d) || covered(d) {
			continue
		}
		if real, err := filepath.EvalSymlinks(d); err == nil && !covered(real) && !covered(d) {
			args = append(args, "--ro-bind", real, d)
			shown = append(shown, d)
		}
	}
	if goModCache != "" {
		args = append(args, "--ro-bind-try", goModCache, goModCache)
	}
	if goCache != "" {
		args = append(args, "--bind", goCache, goCache)
	}
	return append(args, "--bind", w.Root, w.Root, "--ro-bind", exe, InnerExe, "--chdir", w.Project)
}

// toolDirs are the folders the learner's tools come from: PATH's entries
// (only themselves: a folder beside ~/.cargo/bin may hold credentials) and
// GOROOT, whole.
func toolDirs(env []string, goroot string) []string {
	dirs := filepath.SplitList(envValue(env, "PATH"))
	if goroot != "" {
		dirs = append(dirs, goroot)
	}
	return dirs
}
