// Package config reads the blog's settings from the environment, falling
// back to a local .env file during development.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// Config holds every setting the server accepts from outside.
type Config struct {
	Env             string        // APP_ENV: development or production
	Host            string        // HOST: the address to listen on; empty for every interface
	Port            int           // PORT: 0 picks a free port (tests do)
	DatabaseURL     string        // DATABASE_URL: sqlite://<file> or postgres://...
	JWTSecret       string        // JWT_SECRET: signs the API's tokens
	TokenTTL        time.Duration // TOKEN_TTL: lifetime of an API token
	SessionTTL      time.Duration // SESSION_TTL: lifetime of a dashboard session
	BcryptCost      int           // BCRYPT_COST
	AdminEmail      string        // ADMIN_EMAIL: the first admin
	AdminPassword   string        // ADMIN_PASSWORD
	AdminUsername   string        // ADMIN_USERNAME
	TrustProxy      bool          // TRUST_PROXY=1: the client address is X-Forwarded-For's last hop
	LogFormat       string        // LOG_FORMAT: text or json
	LogLevel        slog.Level    // LOG_LEVEL
	ShutdownTimeout time.Duration // SHUTDOWN_TIMEOUT

	// GeneratedSecret reports that JWTSecret was generated into .env on
	// this start, so that the server can warn about it.
	GeneratedSecret bool
}

// Production reports whether APP_ENV is production.
func (c Config) Production() bool { return c.Env == "production" }

// The bcrypt costs accepted: bcrypt's own bounds.
const minBcryptCost, maxBcryptCost = 4, 31

// Load reads the configuration from getenv (usually os.Getenv), then from
// the .env file at dotenvPath for anything getenv leaves empty. Outside
// production a missing JWT_SECRET is generated and saved to that file.
func Load(getenv func(string) string, dotenvPath string) (Config, error) {
	file, err := readDotEnv(dotenvPath)
	if err != nil {
		return Config{}, err
	}
	get := func(key string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return file[key]
	}
	var errs []error
	c := Config{
		Env:             withDefault(get("APP_ENV"), "development"),
		Host:            strings.TrimSpace(get("HOST")),
		DatabaseURL:     withDefault(get("DATABASE_URL"), "sqlite://./data/blog.db"),
		JWTSecret:       get("JWT_SECRET"),
		AdminEmail:      strings.ToLower(strings.TrimSpace(get("ADMIN_EMAIL"))),
		AdminPassword:   get("ADMIN_PASSWORD"),
		AdminUsername:   withDefault(get("ADMIN_USERNAME"), "admin"),
		LogFormat:       withDefault(get("LOG_FORMAT"), "text"),
		Port:            number(get, "PORT", 8080, strconv.Atoi, &errs),
		TokenTTL:        number(get, "TOKEN_TTL", 24*time.Hour, time.ParseDuration, &errs),
		SessionTTL:      number(get, "SESSION_TTL", 8*time.Hour, time.ParseDuration, &errs),
		BcryptCost:      number(get, "BCRYPT_COST", 10, strconv.Atoi, &errs),
		ShutdownTimeout: number(get, "SHUTDOWN_TIMEOUT", 10*time.Second, time.ParseDuration, &errs),
		LogLevel:        number(get, "LOG_LEVEL", slog.LevelInfo, level, &errs),
		TrustProxy:      number(get, "TRUST_PROXY", false, flag, &errs),
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
	if c.TokenTTL <= 0 {
		errs = append(errs, fmt.Errorf("TOKEN_TTL=%s: want a positive duration", c.TokenTTL))
	}
	if c.SessionTTL <= 0 {
		errs = append(errs, fmt.Errorf("SESSION_TTL=%s: want a positive duration", c.SessionTTL))
	}
	if c.BcryptCost < minBcryptCost || c.BcryptCost > maxBcryptCost {
		errs = append(errs, fmt.Errorf("BCRYPT_COST=%d: want %d to %d", c.BcryptCost, minBcryptCost, maxBcryptCost))
	}
	if c.ShutdownTimeout <= 0 {
		errs = append(errs, fmt.Errorf("SHUTDOWN_TIMEOUT=%s: want a positive duration", c.ShutdownTimeout))
	}
	if (c.AdminEmail == "") != (c.AdminPassword == "") {
		errs = append(errs, errors.New("set ADMIN_EMAIL and ADMIN_PASSWORD together, or neither"))
	} else if c.AdminPassword != "" && len(c.AdminPassword) < 8 {
		errs = append(errs, errors.New("ADMIN_PASSWORD must have at least 8 characters"))
	}
	if c.Production() && len(c.JWTSecret) < 32 {
		errs = append(errs, errors.New("APP_ENV=production needs a JWT_SECRET of 32 bytes or more (openssl rand -hex 32)"))
	}
	if len(errs) > 0 {
		return Config{}, errors.Join(errs...)
	}
	if c.JWTSecret == "" {
		if c.JWTSecret, err = appendDevSecret(dotenvPath, "JWT_SECRET"); err != nil {
			return Config{}, err
		}
		c.GeneratedSecret = true
	}
	return c, nil
}

func withDefault(v, fallback string) string {
	if v == "" {
		return fallback
	}
	return v
}

// number converts the variable key, or returns fallback when it is unset;
// a value that does not convert is reported in errs under its name.
func number[T any](get func(string) string, key string, fallback T, conv func(string) (T, error), errs *[]error) T {
	raw := strings.TrimSpace(get(key))
	if raw == "" {
		return fallback
	}
	v, err := conv(raw)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s=%q: %w", key, raw, err))
		return fallback
	}
	return v
}

// flag reads 1/true or 0/false.
func flag(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "1", "true":
		return true, nil
	case "0", "false":
		return false, nil
	}
	return false, errors.New("want 1 or 0")
}

func level(s string) (slog.Level, error) {
	var l slog.Level
	return l, l.UnmarshalText([]byte(s))
}
