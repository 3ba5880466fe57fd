// Package config reads the server's settings from the environment, with a
// local .env file as a fallback for development.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// Config is everything the server can be told from outside.
type Config struct {
	Env             string        // APP_ENV: development or production
	Host            string        // HOST: the address to listen on; empty for every interface
	Port            int           // PORT: 0 picks a free port (tests do)
	DatabaseURL     string        // DATABASE_URL: sqlite://<file> or postgres://...
	JWTSecret       string        // JWT_SECRET: signs access tokens
	AccessTokenTTL  time.Duration // ACCESS_TOKEN_TTL
	RefreshTokenTTL time.Duration // REFRESH_TOKEN_TTL
	BcryptCost      int           // BCRYPT_COST
	LogFormat       string        // LOG_FORMAT: text or json
	LogLevel        slog.Level    // LOG_LEVEL: debug, info, warn or error
	ShutdownTimeout time.Duration // SHUTDOWN_TIMEOUT
	// TrustProxy (TRUST_PROXY=1) says a reverse proxy the operator runs
	// is in front: the client's address is then the last X-Forwarded-For
	// hop instead of the connection's peer. Never set it without a proxy
	// that writes that header, or anyone can choose their own address.
	TrustProxy bool

	// GeneratedSecret is true when JWTSecret was just created and saved to
	// the .env file, so that the server can say so loudly.
	GeneratedSecret bool
}

// Production reports whether the server runs in production, where nothing
// is generated for convenience.
func (c Config) Production() bool { return c.Env == "production" }

// minProductionSecret is the shortest JWT_SECRET accepted in production:
// 32 bytes, the size of the HS256 output.
const minProductionSecret = 32

// The bcrypt costs accepted: bcrypt's own bounds.
const minBcryptCost, maxBcryptCost = 4, 31

// Load reads the configuration. getenv is the process environment
// (os.Getenv); a variable it does not set is looked up in the .env file at
// dotenvPath, if there is one. In development, a missing JWT_SECRET is
// generated and appended to that file, so that tokens survive restarts.
func Load(getenv func(string) string, dotenvPath string) (Config, error) {
	dotenv, err := readDotEnv(dotenvPath)
	if err != nil {
		return Config{}, err
	}
	get := func(key string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return dotenv[key]
	}

	var errs []error
	c := Config{
		Env:             or(get("APP_ENV"), "development"),
		Host:            strings.TrimSpace(get("HOST")),
		DatabaseURL:     or(get("DATABASE_URL"), "sqlite://./data/tasks.db"),
		JWTSecret:       get("JWT_SECRET"),
		LogFormat:       or(get("LOG_FORMAT"), "text"),
		Port:            parse(get, "PORT", 8080, strconv.Atoi, &errs),
		AccessTokenTTL:  parse(get, "ACCESS_TOKEN_TTL", 15*time.Minute, time.ParseDuration, &errs),
		RefreshTokenTTL: parse(get, "REFRESH_TOKEN_TTL", 7*24*time.Hour, time.ParseDuration, &errs),
		BcryptCost:      parse(get, "BCRYPT_COST", 10, strconv.Atoi, &errs),
		ShutdownTimeout: parse(get, "SHUTDOWN_TIMEOUT", 10*time.Second, time.ParseDuration, &errs),
		LogLevel:        parse(get, "LOG_LEVEL", slog.LevelInfo, parseLevel, &errs),
		TrustProxy:      parse(get, "TRUST_PROXY", false, parseSwitch, &errs),
	}
	// Every rule is checked, so that one error lists every bad variable.
	if c.Env != "development" && c.Env != "production" {
		errs = append(errs, fmt.Errorf("APP_ENV=%q: want development or production", c.Env))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("LOG_FORMAT=%q: want text or json", c.LogFormat))
	}
	if c.Port < 0 || c.Port > 65535 {
		errs = append(errs, fmt.Errorf("PORT=%d: want 1 to 65535 (or 0 for any free port)", c.Port))
	}
	if c.AccessTokenTTL <= 0 {
		errs = append(errs, fmt.Errorf("ACCESS_TOKEN_TTL=%s: want a positive duration", c.AccessTokenTTL))
	}
	if c.RefreshTokenTTL <= 0 {
		errs = append(errs, fmt.Errorf("REFRESH_TOKEN_TTL=%s: want a positive duration", c.RefreshTokenTTL))
	}
	if c.BcryptCost < minBcryptCost || c.BcryptCost > maxBcryptCost {
		errs = append(errs, fmt.Errorf("BCRYPT_COST=%d: want %d to %d", c.BcryptCost, minBcryptCost, maxBcryptCost))
	}
	if c.ShutdownTimeout <= 0 {
		errs = append(errs, fmt.Errorf("SHUTDOWN_TIMEOUT=%s: want a positive duration", c.ShutdownTimeout))
	}
	if c.Production() && len(c.JWTSecret) < minProductionSecret {
		errs = append(errs, fmt.Errorf("APP_ENV=production needs JWT_SECRET of at least %d bytes (try: openssl rand -hex 32)", minProductionSecret))
	}
	if len(errs) > 0 {
		return Config{}, errors.Join(errs...)
	}

	if c.JWTSecret == "" {
		secret, err := appendDevSecret(dotenvPath, "JWT_SECRET")
		if err != nil {
			return Config{}, err
		}
		c.JWTSecret, c.GeneratedSecret = secret, true
	}
	return c, nil
}

func or(v, fallback string) string {
	if v == "" {
		return fallback
	}
	return v
}

// parse reads key with convert, or returns fallback when it is unset; a
// bad value is added to errs, naming the variable.
func parse[T any](get func(string) string, key string, fallback T, convert func(string) (T, error), errs *[]error) T {
	raw := get(key)
	if raw == "" {
		return fallback
	}
	v, err := convert(strings.TrimSpace(raw))
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s=%q: %w", key, raw, err))
		return fallback
	}
	return v
}

// parseSwitch reads an on/off setting: 1 or 0 (true and false work too).
func parseSwitch(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "1", "true":
		return true, nil
	case "0", "false":
		return false, nil
	}
	return false, errors.New("want 1 or 0")
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	err := l.UnmarshalText([]byte(s))
	return l, err
}
