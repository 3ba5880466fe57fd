package config

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"strings"
)

// readDotEnv parses the KEY=VALUE lines of the file at path. Blank lines
// and # comments are skipped, "export " prefixes allowed, and matching
// quotes around a value dropped. No file means no values.
func readDotEnv(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]string{}, nil
	} else if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	vars := map[string]string{}
	n := 0
	for line := range strings.Lines(string(data)) {
		n++
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		k, v, found := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		if !found {
			return nil, fmt.Errorf("%s:%d: expected KEY=VALUE", path, n)
		}
		vars[strings.TrimSpace(k)] = unquote(strings.TrimSpace(v))
	}
	return vars, nil
}

func unquote(v string) string {
	for _, q := range []string{`"`, `'`} {
		if len(v) >= 2 && strings.HasPrefix(v, q) && strings.HasSuffix(v, q) {
			return v[1 : len(v)-1]
		}
	}
	return v
}

// appendDevSecret generates a random secret for name and appends it to the
// git-ignored .env file at path (mode 0600), so it survives restarts.
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
