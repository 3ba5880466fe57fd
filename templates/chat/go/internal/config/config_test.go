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
