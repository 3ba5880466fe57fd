package config

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"strings"
)

// readDotEnv reads the KEY=VALUE lines of the .env file at path: blank lines
// and lines starting with # are skipped, an "export " prefix is allowed, and
// one pair of matching quotes around a value is removed. A missing file is
// an empty map.
func readDotEnv(path string) (map[string]string, error) {
	vars := map[string]string{}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return vars, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	n := 0
	for line := range strings.Lines(string(data)) {
		n++
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		key, value, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want KEY=VALUE", path, n)
		}
		vars[strings.TrimSpace(key)] = unquote(strings.TrimSpace(value))
	}
	return vars, nil
}

// unquote removes one pair of matching single or double quotes around v.
func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

// appendDevSecret generates a random secret for the variable name and
// appends it to the .env file at path, creating the file readable by its
// owner only, so that it survives restarts. The file is ignored by Git
// (.gitignore): the secret never reaches the repository.
func appendDevSecret(path, name string) (string, error) {
	secret := rand.Text() + rand.Text() // 52 base32 characters, 260 random bits
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return "", fmt.Errorf("save a development %s to %s: %w (or set %s yourself)", name, path, err, name)
	}
	line := "\n# Generated on first run for development; never commit this file.\n" + name + "=" + secret + "\n"
	if _, err := f.WriteString(line); err != nil {
		f.Close()
		return "", fmt.Errorf("save a development %s to %s: %w", name, path, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("save a development %s to %s: %w", name, path, err)
	}
	return secret, nil
}
