package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// env returns a getenv over a fixed map.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestLoadDefaults(t *testing.T) {
	c, err := Load(env(map[string]string{"JWT_SECRET": "s"}), filepath.Join(t.TempDir(), ".env"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 8080 || c.DatabaseURL != "sqlite://./data/tasks.db" || c.AccessTokenTTL != 15*time.Minute || c.GeneratedSecret || c.TrustProxy {
		t.Errorf("unexpected defaults: %+v", c)
	}
}

func TestLoadTrustProxy(t *testing.T) {
	for value, want := range map[string]bool{"1": true, "true": true, "0": false, "": false} {
		c, err := Load(env(map[string]string{"JWT_SECRET": "s", "TRUST_PROXY": value}), filepath.Join(t.TempDir(), ".env"))
		if err != nil || c.TrustProxy != want {
			t.Errorf("TRUST_PROXY=%q: %v, %v; want %v", value, c.TrustProxy, err, want)
		}
	}
}

func TestLoadRejects(t *testing.T) {
	tests := []struct {
		name string
		vars map[string]string
		want string
	}{
		{"bad port", map[string]string{"PORT": "http"}, "PORT"},
		{"port out of range", map[string]string{"PORT": "70000"}, "PORT"},
		{"bad duration", map[string]string{"ACCESS_TOKEN_TTL": "15"}, "ACCESS_TOKEN_TTL"},
		{"bad log format", map[string]string{"LOG_FORMAT": "xml"}, "LOG_FORMAT"},
		{"short production secret", map[string]string{"APP_ENV": "production", "JWT_SECRET": "short"}, "JWT_SECRET"},
		{"bad trust proxy", map[string]string{"TRUST_PROXY": "yes please"}, "TRUST_PROXY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(env(tt.vars), filepath.Join(t.TempDir(), ".env"))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load() error = %v, want one naming %s", err, tt.want)
			}
		})
	}
}

// One error names every bad variable, so that a broken configuration is
// fixed in one go rather than one restart per mistake.
func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	bad := map[string]string{
		"APP_ENV":           "production",
		"JWT_SECRET":        "short",
		"PORT":              "70000",
		"ACCESS_TOKEN_TTL":  "-1m",
		"REFRESH_TOKEN_TTL": "0s",
		"BCRYPT_COST":       "40",
		"SHUTDOWN_TIMEOUT":  "soon",
		"LOG_FORMAT":        "xml",
		"LOG_LEVEL":         "loud",
		"TRUST_PROXY":       "maybe",
	}
	_, err := Load(env(bad), filepath.Join(t.TempDir(), ".env"))
	if err == nil {
		t.Fatal("Load accepted every bad value")
	}
	for name := range bad {
		if name != "APP_ENV" && !strings.Contains(err.Error(), name) {
			t.Errorf("the error does not name %s:\n%v", name, err)
		}
	}
}

func TestLoadListenAddress(t *testing.T) {
	c, err := Load(env(map[string]string{"JWT_SECRET": "s", "HOST": "127.0.0.1", "PORT": "0"}), filepath.Join(t.TempDir(), ".env"))
	if err != nil || c.Host != "127.0.0.1" || c.Port != 0 {
		t.Fatalf("HOST=127.0.0.1 PORT=0: %+v, %v; want a free port on the loopback", c, err)
	}
	if _, err := Load(env(map[string]string{"JWT_SECRET": "s", "PORT": "-1"}), filepath.Join(t.TempDir(), ".env")); err == nil {
		t.Error("PORT=-1 was accepted")
	}
}

func TestDevSecretIsGeneratedOnceAndPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	first, err := Load(env(nil), path)
	if err != nil {
		t.Fatal(err)
	}
	if !first.GeneratedSecret || len(first.JWTSecret) < minProductionSecret {
		t.Fatalf("first run: want a generated secret, got %+v", first)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf(".env mode = %o, want 600", perm)
	}
	second, err := Load(env(nil), path)
	if err != nil {
		t.Fatal(err)
	}
	if second.GeneratedSecret || second.JWTSecret != first.JWTSecret {
		t.Errorf("second run: want the saved secret back, got %+v", second)
	}
}

func TestEnvironmentWinsOverDotEnv(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(path, []byte("# comment\nPORT=9000\nJWT_SECRET=\"from-file\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(env(map[string]string{"PORT": "9100"}), path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 9100 || c.JWTSecret != "from-file" {
		t.Errorf("got port %d secret %q, want 9100 and from-file", c.Port, c.JWTSecret)
	}
}
