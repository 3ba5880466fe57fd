package config

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"strings"
)

// readDotEnv reads KEY=VALUE lines from path, skipping blanks and comments
// and removing one pair of surrounding quotes. A missing file is empty.
func readDotEnv(path string) (map[string]string, error) {
	vars := map[string]string{}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return vars, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want KEY=VALUE", path, n)
		}
		value = strings.TrimSpace(value)
		if len(value) >= 2 && (value[0] == '"' || value[0] == '\'') && value[len(value)-1] == value[0] {
			value = value[1 : len(value)-1]
		}
		vars[strings.TrimSpace(key)] = value
	}
	return vars, sc.Err()
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
