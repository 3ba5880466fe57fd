package config

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
)

// readDotEnv reads KEY=VALUE lines from path; blank lines and lines
// starting with # are skipped, and one pair of surrounding quotes is
// removed from a value. A missing file is an empty map.
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

// appendDevSecret generates a random JWT secret and appends it to the .env
// file at path, creating the file readable by its owner only. The file is
// ignored by Git (.gitignore): the secret never reaches the repository.
func appendDevSecret(path string) (string, error) {
	b := make([]byte, 32)
	rand.Read(b) // never fails (see crypto/rand.Read)
	secret := hex.EncodeToString(b)

	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return "", fmt.Errorf("save a development JWT_SECRET to %s: %w (or set JWT_SECRET yourself)", path, err)
	}
	line := "\n# Generated on first run for development; never commit this file.\nJWT_SECRET=" + secret + "\n"
	if _, err := f.WriteString(line); err != nil {
		f.Close()
		return "", fmt.Errorf("save a development JWT_SECRET to %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("save a development JWT_SECRET to %s: %w", path, err)
	}
	return secret, nil
}
