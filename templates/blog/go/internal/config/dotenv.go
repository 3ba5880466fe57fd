package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
)

// readDotEnv parses KEY=VALUE lines; comments (#) and blank lines are
// skipped and one pair of matching quotes around a value is dropped. A
// missing file reads as empty.
func readDotEnv(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	vars := map[string]string{}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		k, v, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want KEY=VALUE", path, i+1)
		}
		v = strings.TrimSpace(v)
		if n := len(v); n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n-1] == v[0] {
			v = v[1 : n-1]
		}
		vars[strings.TrimSpace(k)] = v
	}
	return vars, nil
}

// saveDevSecret appends a fresh random JWT_SECRET to the .env file (created
// 0600). .gitignore keeps that file out of the repository.
func saveDevSecret(path string) (string, error) {
	buf := make([]byte, 32)
	rand.Read(buf) // crypto/rand.Read never fails
	secret := hex.EncodeToString(buf)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return "", fmt.Errorf("save a development JWT_SECRET to %s: %w (or set JWT_SECRET)", path, err)
	}
	_, werr := fmt.Fprintf(f, "\n# Generated on first run, for development only. Never commit this file.\nJWT_SECRET=%s\n", secret)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return "", fmt.Errorf("save a development JWT_SECRET to %s: %w", path, werr)
	}
	return secret, nil
}
