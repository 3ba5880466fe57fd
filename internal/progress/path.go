package progress

import (
	"errors"
	"path/filepath"
)

// ResolvePath finds the progress file: the --progress flag, then
// $WAYMARK_PROGRESS, then $XDG_DATA_HOME/waymark/progress.yaml, then
// ~/.local/share/waymark/progress.yaml. getenv is injected so that tests and
// end-to-end scripts never touch the real file.
func ResolvePath(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		return filepath.Clean(flag), nil
	}
	if p := getenv("WAYMARK_PROGRESS"); p != "" {
		return filepath.Clean(p), nil
	}
	// The XDG spec says relative values are invalid and must be ignored.
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "waymark", "progress.yaml"), nil
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "share", "waymark", "progress.yaml"), nil
	}
	return "", errors.New("cannot find where to keep progress: set $WAYMARK_PROGRESS, $XDG_DATA_HOME or $HOME, or pass --progress")
}
