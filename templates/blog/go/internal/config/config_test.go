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
