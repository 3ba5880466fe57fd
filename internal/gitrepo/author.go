package gitrepo

import (
	"bytes"
	"os"
	"path/filepath"

	gitconfig "github.com/go-git/go-git/v5/plumbing/format/config"
)

// Author is who a commit is attributed to.
type Author struct {
	Name  string
	Email string
	// Fallback is set when no name or email was configured and waymark's
	// placeholder is used; commands then print FallbackTip.
	Fallback bool
}

// FallbackAuthor is used when the user has not configured Git.
var FallbackAuthor = Author{Name: "waymark", Email: "waymark@localhost", Fallback: true}

// FallbackTip tells the user how to commit under their own name.
const FallbackTip = `tip: the first commit is by "waymark <waymark@localhost>"; set your name for the next ones with: git config --global user.name "Your Name" && git config --global user.email you@example.com`

// AuthorFromGitConfig returns the commit author Git itself would use: the
// GIT_AUTHOR_NAME / GIT_AUTHOR_EMAIL environment, else user.name and
// user.email from the global configuration ($XDG_CONFIG_HOME/git/config,
// then ~/.gitconfig, the later winning, as in git), else FallbackAuthor.
// getenv is the environment (os.Getenv in production), so tests can point
// HOME anywhere. include and includeIf directives are not followed.
func AuthorFromGitConfig(getenv func(string) string) Author {
	var a Author
	for _, path := range globalConfigPaths(getenv) {
		data, err := os.ReadFile(path)
		if err != nil {
			continue // a missing or unreadable file is the same as none
		}
		cfg := gitconfig.New()
		if err := gitconfig.NewDecoder(bytes.NewReader(data)).Decode(cfg); err != nil {
			continue
		}
		if !cfg.HasSection("user") {
			continue
		}
		user := cfg.Section("user")
		if v := user.Option("name"); v != "" {
			a.Name = v
		}
		if v := user.Option("email"); v != "" {
			a.Email = v
		}
	}
	if v := getenv("GIT_AUTHOR_NAME"); v != "" {
		a.Name = v
	}
	if v := getenv("GIT_AUTHOR_EMAIL"); v != "" {
		a.Email = v
	}
	if a.Name == "" || a.Email == "" {
		return FallbackAuthor
	}
	return a
}

// globalConfigPaths lists the global Git configuration files in the order
// git reads them.
func globalConfigPaths(getenv func(string) string) []string {
	var paths []string
	home := getenv("HOME")
	if xdg := getenv("XDG_CONFIG_HOME"); xdg != "" {
		paths = append(paths, filepath.Join(xdg, "git", "config"))
	} else if home != "" {
		paths = append(paths, filepath.Join(home, ".config", "git", "config"))
	}
	if home != "" {
		paths = append(paths, filepath.Join(home, ".gitconfig"))
	}
	return paths
}

// String formats the author as Git does: "Name <email>".
func (a Author) String() string { return a.Name + " <" + a.Email + ">" }
