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
