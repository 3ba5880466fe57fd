package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestDefaultsAndGeneratedSecret(t *testing.T) {
	dotenv := filepath.Join(t.TempDir(), ".env")
	c, err := Load(env(nil), dotenv)
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 8080 || c.TokenTTL != 24*time.Hour || c.AdminUsername != "admin" || !c.GeneratedSecret {
		t.Errorf("unexpected defaults: %+v", c)
	}
	again, err := Load(env(nil), dotenv)
	if err != nil || again.JWTSecret != c.JWTSecret || again.GeneratedSecret {
		t.Errorf("second load did not reuse the saved secret: %+v, %v", again, err)
	}
	if info, err := os.Stat(dotenv); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf(".env mode: %v, %v", info, err)
	}
}

func TestBadValuesAreNamed(t *testing.T) {
	_, err := Load(env(map[string]string{"PORT": "x", "ADMIN_EMAIL": "a@b.c", "JWT_SECRET": "s"}), filepath.Join(t.TempDir(), ".env"))
	if err == nil || !strings.Contains(err.Error(), "PORT") || !strings.Contains(err.Error(), "ADMIN_PASSWORD") {
		t.Fatalf("err = %v", err)
	}
}

func TestProductionNeedsALongSecret(t *testing.T) {
	_, err := Load(env(map[string]string{"APP_ENV": "production", "JWT_SECRET": "short"}), filepath.Join(t.TempDir(), ".env"))
	if err == nil {
		t.Fatal("production accepted a short secret")
	}
}

func TestTrustProxy(t *testing.T) {
	for value, want := range map[string]bool{"": false, "0": false, "1": true, "true": true} {
		c, err := Load(env(map[string]string{"TRUST_PROXY": value, "JWT_SECRET": "s"}), filepath.Join(t.TempDir(), ".env"))
		if err != nil || c.TrustProxy != want {
			t.Errorf("TRUST_PROXY=%q: %v, %v; want %v", value, c.TrustProxy, err, want)
		}
	}
	if _, err := Load(env(map[string]string{"TRUST_PROXY": "yes please", "JWT_SECRET": "s"}), filepath.Join(t.TempDir(), ".env")); err == nil || !strings.Contains(err.Error(), "TRUST_PROXY") {
		t.Errorf("a bad TRUST_PROXY: %v", err)
	}
}

// One error names every bad variable, so that a broken configuration is
// fixed in one go rather than one restart per mistake.
func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	bad := map[string]string{
		"APP_ENV":          "production",
		"JWT_SECRET":       "short",
		"PORT":             "70000",
		"TOKEN_TTL":        "-1h",
		"SESSION_TTL":      "0s",
		"BCRYPT_COST":      "40",
		"SHUTDOWN_TIMEOUT": "soon",
		"LOG_FORMAT":       "xml",
		"LOG_LEVEL":        "loud",
		"TRUST_PROXY":      "maybe",
		"ADMIN_PASSWORD":   "short",
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
