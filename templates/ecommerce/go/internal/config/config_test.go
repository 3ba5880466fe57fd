package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	if c.Port != 8080 || c.Currency != "EUR" || c.DatabaseURL == "" || c.TokenTTL != 15*time.Minute || c.TrustProxy {
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
	for key, value := range map[string]string{"PORT": "http", "APP_ENV": "staging", "TOKEN_TTL": "-1h", "TRUST_PROXY": "maybe", "STORE_CURRENCY": "EURO", "ADMIN_EMAIL": "a@example.com"} {
		_, err := Load(env(map[string]string{key: value, "JWT_SECRET": "x", "WEBHOOK_SECRET": "y"}), filepath.Join(t.TempDir(), ".env"))
		if err == nil {
			t.Errorf("%s=%s accepted", key, value)
		}
	}
}

func TestAccessTokensAreShortLived(t *testing.T) {
	for value, ok := range map[string]bool{"15m": true, "1h": true, "61m": false, "24h": false} {
		_, err := Load(env(map[string]string{"TOKEN_TTL": value, "JWT_SECRET": "x", "WEBHOOK_SECRET": "y"}), filepath.Join(t.TempDir(), ".env"))
		if (err == nil) != ok {
			t.Errorf("TOKEN_TTL=%s: err = %v, want accepted = %v", value, err, ok)
		}
	}
}

func TestTrustProxy(t *testing.T) {
	c, err := Load(env(map[string]string{"TRUST_PROXY": "1", "JWT_SECRET": "x", "WEBHOOK_SECRET": "y"}), filepath.Join(t.TempDir(), ".env"))
	if err != nil || !c.TrustProxy {
		t.Fatalf("TRUST_PROXY=1: %v %v", c.TrustProxy, err)
	}
}

// One error names every bad variable, so that a broken configuration is
// fixed in one go rather than one restart per mistake.
func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	bad := map[string]string{
		"APP_ENV":          "production",
		"JWT_SECRET":       "short",
		"WEBHOOK_SECRET":   "short",
		"PORT":             "70000",
		"TOKEN_TTL":        "2h",
		"BCRYPT_COST":      "40",
		"SHUTDOWN_TIMEOUT": "soon",
		"LOG_FORMAT":       "xml",
		"LOG_LEVEL":        "loud",
		"TRUST_PROXY":      "maybe",
		"STORE_CURRENCY":   "EURO",
		"ADMIN_EMAIL":      "admin@example.com",
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
	c, err := Load(env(map[string]string{"JWT_SECRET": "s", "WEBHOOK_SECRET": "w", "HOST": "127.0.0.1", "PORT": "0"}), filepath.Join(t.TempDir(), ".env"))
	if err != nil || c.Host != "127.0.0.1" || c.Port != 0 {
		t.Fatalf("HOST=127.0.0.1 PORT=0: %+v, %v; want a free port on the loopback", c, err)
	}
	if _, err := Load(env(map[string]string{"JWT_SECRET": "s", "WEBHOOK_SECRET": "w", "PORT": "-1"}), filepath.Join(t.TempDir(), ".env")); err == nil {
		t.Error("PORT=-1 was accepted")
	}
}
