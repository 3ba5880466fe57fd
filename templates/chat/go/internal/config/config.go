// Package config reads the chat server's settings from the environment.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// MaxSessionTTL is the longest SESSION_TTL allowed.
const MaxSessionTTL = 30 * 24 * time.Hour

// The bcrypt costs accepted: bcrypt's own bounds.
const minBcryptCost, maxBcryptCost = 4, 31

// Config is everything the server can be told from outside.
type Config struct {
	Env             string        // APP_ENV: development or production
	Host            string        // HOST: the address to listen on; empty for every interface
	Port            int           // PORT: 0 picks a free port (tests do)
	DatabaseURL     string        // DATABASE_URL: sqlite://<file> or postgres://...
	RedisURL        string        // REDIS_URL: redis://host:6379/0 shares rooms between instances
	AllowedOrigins  []string      // ALLOWED_ORIGINS: extra host patterns allowed to open /ws
	SessionTTL      time.Duration // SESSION_TTL: how long a login token lives
	TrustProxy      bool          // TRUST_PROXY=1: behind a reverse proxy, rate limits count the last X-Forwarded-For hop
	BcryptCost      int           // BCRYPT_COST
	LogFormat       string        // LOG_FORMAT: text or json
	LogLevel        slog.Level    // LOG_LEVEL
	ShutdownTimeout time.Duration // SHUTDOWN_TIMEOUT
}

// Load reads the configuration through getenv (os.Getenv in main). Every
// bad value is reported at once, each naming its variable.
func Load(getenv func(string) string) (Config, error) {
	var errs []error
	c := Config{
		Env:             orDefault(getenv("APP_ENV"), "development"),
		Host:            strings.TrimSpace(getenv("HOST")),
		DatabaseURL:     getenv("DATABASE_URL"),
		RedisURL:        getenv("REDIS_URL"),
		LogFormat:       orDefault(getenv("LOG_FORMAT"), "text"),
		Port:            read(getenv, "PORT", 8080, strconv.Atoi, &errs),
		SessionTTL:      read(getenv, "SESSION_TTL", 7*24*time.Hour, time.ParseDuration, &errs),
		TrustProxy:      read(getenv, "TRUST_PROXY", false, strconv.ParseBool, &errs),
		BcryptCost:      read(getenv, "BCRYPT_COST", 10, strconv.Atoi, &errs),
		ShutdownTimeout: read(getenv, "SHUTDOWN_TIMEOUT", 10*time.Second, time.ParseDuration, &errs),
		LogLevel: read(getenv, "LOG_LEVEL", slog.LevelInfo, func(s string) (slog.Level, error) {
			var l slog.Level
			return l, l.UnmarshalText([]byte(s))
		}, &errs),
	}
	for _, o := range strings.Split(getenv("ALLOWED_ORIGINS"), ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.AllowedOrigins = append(c.AllowedOrigins, o)
		}
	}
	if c.Env != "development" && c.Env != "production" {
		errs = append(errs, fmt.Errorf("APP_ENV=%q: want development or production", c.Env))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("LOG_FORMAT=%q: want text or json", c.LogFormat))
	}
	if c.Port < 0 || c.Port > 65535 {
		errs = append(errs, fmt.Errorf("PORT=%d: want 1 to 65535 (or 0 for any free port)", c.Port))
	}
	if c.BcryptCost < minBcryptCost || c.BcryptCost > maxBcryptCost {
		errs = append(errs, fmt.Errorf("BCRYPT_COST=%d: want %d to %d", c.BcryptCost, minBcryptCost, maxBcryptCost))
	}
	if c.ShutdownTimeout <= 0 {
		errs = append(errs, fmt.Errorf("SHUTDOWN_TIMEOUT=%s: want a positive duration", c.ShutdownTimeout))
	}
	// A session always ends: a token that leaks is useless after at most
	// MaxSessionTTL, even if nobody logs it out.
	if c.SessionTTL <= 0 || c.SessionTTL > MaxSessionTTL {
		errs = append(errs, fmt.Errorf("SESSION_TTL=%s: want more than 0 and at most %s (30 days)", c.SessionTTL, MaxSessionTTL))
	}
	if c.RedisURL != "" && !strings.HasPrefix(c.RedisURL, "redis://") && !strings.HasPrefix(c.RedisURL, "rediss://") {
		errs = append(errs, errors.New("REDIS_URL: want redis://host:port/db or rediss://host:port/db"))
	}
	return c, errors.Join(errs...)
}

func orDefault(v, d string) string {
	if v == "" {
		return d
	}
	return v
}

// read converts one variable, or gives def when it is unset.
func read[T any](getenv func(string) string, key string, def T, conv func(string) (T, error), errs *[]error) T {
	raw := strings.TrimSpace(getenv(key))
	if raw == "" {
		return def
	}
	v, err := conv(raw)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s=%q: %w", key, raw, err))
		return def
	}
	return v
}
