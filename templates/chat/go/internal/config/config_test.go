package config

import (
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 8080 || c.Env != "development" || c.SessionTTL != 7*24*time.Hour || c.RedisURL != "" {
		t.Errorf("defaults: %+v", c)
	}
}

func TestEveryBadValueIsNamed(t *testing.T) {
	_, err := Load(env(map[string]string{"PORT": "x", "APP_ENV": "staging", "REDIS_URL": "localhost:6379"}))
	if err == nil {
		t.Fatal("want an error")
	}
	for _, name := range []string{"PORT", "APP_ENV", "REDIS_URL"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name %s", err, name)
		}
	}
}

func TestAllowedOrigins(t *testing.T) {
	c, err := Load(env(map[string]string{"ALLOWED_ORIGINS": " chat.example.com, *.example.org ,"}))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.AllowedOrigins) != 2 || c.AllowedOrigins[1] != "*.example.org" {
		t.Errorf("origins = %q", c.AllowedOrigins)
	}
}

// Sessions always expire: no setting makes a token live forever.
func TestSessionTTLIsBounded(t *testing.T) {
	for _, v := range []string{"0s", "-1h", "721h", "1000000h"} {
		if _, err := Load(env(map[string]string{"SESSION_TTL": v})); err == nil || !strings.Contains(err.Error(), "SESSION_TTL") {
			t.Errorf("SESSION_TTL=%s: err = %v, want it refused", v, err)
		}
	}
	if c, err := Load(env(map[string]string{"SESSION_TTL": "720h"})); err != nil || c.SessionTTL != MaxSessionTTL {
		t.Errorf("SESSION_TTL=720h: %v %v", c.SessionTTL, err)
	}
}

func TestTrustProxy(t *testing.T) {
	for v, want := range map[string]bool{"": false, "0": false, "1": true, "true": true} {
		c, err := Load(env(map[string]string{"TRUST_PROXY": v}))
		if err != nil || c.TrustProxy != want {
			t.Errorf("TRUST_PROXY=%q: %v %v, want %v", v, c.TrustProxy, err, want)
		}
	}
	if _, err := Load(env(map[string]string{"TRUST_PROXY": "yes please"})); err == nil || !strings.Contains(err.Error(), "TRUST_PROXY") {
		t.Errorf("TRUST_PROXY=yes please: err = %v, want it named", err)
	}
}

// One error names every bad variable, so that a broken configuration is
// fixed in one go rather than one restart per mistake.
func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	bad := map[string]string{
		"APP_ENV":          "staging",
		"PORT":             "70000",
		"SESSION_TTL":      "9999h",
		"BCRYPT_COST":      "40",
		"SHUTDOWN_TIMEOUT": "soon",
		"LOG_FORMAT":       "xml",
		"LOG_LEVEL":        "loud",
		"TRUST_PROXY":      "maybe",
		"REDIS_URL":        "localhost:6379",
	}
	_, err := Load(env(bad))
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
	c, err := Load(env(map[string]string{"HOST": "127.0.0.1", "PORT": "0"}))
	if err != nil || c.Host != "127.0.0.1" || c.Port != 0 {
		t.Fatalf("HOST=127.0.0.1 PORT=0: %+v, %v; want a free port on the loopback", c, err)
	}
	if _, err := Load(env(map[string]string{"PORT": "-1"})); err == nil {
		t.Error("PORT=-1 was accepted")
	}
}
