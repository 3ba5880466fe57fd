package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestDevelopmentGeneratesSecretsOnce(t *testing.T) {
	dotenv := filepath.Join(t.TempDir(), ".env")
	c, err := Load(env(nil), dotenv)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Generated) != 2 || c.JWTSecret == "" || c.WebhookSecret == "" || c.JWTSecret == c.WebhookSecret {
		t.Fatalf("generated %v: %q %q", c.Generated, c.JWTSecret, c.WebhookSecret)
	}
	info, err := os.Stat(dotenv)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf(".env: %v %v", info, err)
	}
	again, err := Load(env(nil), dotenv)
	if err != nil || len(again.Generated) != 0 || again.JWTSecret != c.JWTSecret {
		t.Fatalf("second load: %+v %v", again, err)
	}
	if c.Port != 8080 || c.Currency != "EUR" || c.DatabaseURL == "" {
		t.Fatalf("defaults: %+v", c)
	}
}

func TestProductionNeedsStrongSecrets(t *testing.T) {
	dir := t.TempDir()
	_, err := Load(env(map[string]string{"APP_ENV": "production", "JWT_SECRET": strings.Repeat("j", 32), "WEBHOOK_SECRET": "short"}), filepath.Join(dir, ".env"))
	if err == nil || !strings.Contains(err.Error(), "WEBHOOK_SECRET") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".env")); !os.IsNotExist(err) {
		t.Fatal("production wrote a .env file")
	}
}

func TestBadValuesAreNamed(t *testing.T) {
	for key, value := range map[string]string{"PORT": "http", "APP_ENV": "staging", "TOKEN_TTL": "-1h", "STORE_CURRENCY": "EURO", "ADMIN_EMAIL": "a@example.com"} {
		_, err := Load(env(map[string]string{key: value, "JWT_SECRET": "x", "WEBHOOK_SECRET": "y"}), filepath.Join(t.TempDir(), ".env"))
		if err == nil {
			t.Errorf("%s=%s accepted", key, value)
		}
	}
}
