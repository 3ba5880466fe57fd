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
	WebhookSecret   string        // WEBHOOK_SECRET: the payment provider signs webhooks with it
	TokenTTL        time.Duration // TOKEN_TTL: how long an access token is valid
	TrustProxy      bool          // TRUST_PROXY: take the client address from X-Forwarded-For
	AdminEmail      string        // ADMIN_EMAIL: the first admin, created at start
	AdminPassword   string        // ADMIN_PASSWORD
	Currency        string        // STORE_CURRENCY: the one currency the store sells in
	BcryptCost      int           // BCRYPT_COST
	LogFormat       string        // LOG_FORMAT: text or json
	LogLevel        slog.Level    // LOG_LEVEL
	ShutdownTimeout time.Duration // SHUTDOWN_TIMEOUT

	// Generated lists the secrets just created and saved to .env.
	Generated []string
}

// Production reports whether the server runs in production, where nothing
// is generated or seeded for convenience.
func (c Config) Production() bool { return c.Env == "production" }

// minProductionSecret is the shortest secret accepted in production.
const minProductionSecret = 32

// maxTokenTTL is the longest access token lifetime accepted.
const maxTokenTTL = time.Hour

// Load reads the configuration. getenv is the process environment; a
// variable it does not set is looked up in the .env file at dotenvPath. In
// development, missing secrets are generated and appended to that file.
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
		DatabaseURL:     or(get("DATABASE_URL"), "sqlite://./data/shop.db"),
		JWTSecret:       get("JWT_SECRET"),
		WebhookSecret:   get("WEBHOOK_SECRET"),
		AdminEmail:      strings.ToLower(strings.TrimSpace(get("ADMIN_EMAIL"))),
		AdminPassword:   get("ADMIN_PASSWORD"),
		Currency:        strings.ToUpper(or(get("STORE_CURRENCY"), "EUR")),
		LogFormat:       or(get("LOG_FORMAT"), "text"),
		Port:            typed(get, &errs, "PORT", 8080, strconv.Atoi),
		TokenTTL:        typed(get, &errs, "TOKEN_TTL", 15*time.Minute, time.ParseDuration),
		TrustProxy:      typed(get, &errs, "TRUST_PROXY", false, strconv.ParseBool),
		BcryptCost:      typed(get, &errs, "BCRYPT_COST", 10, strconv.Atoi),
		ShutdownTimeout: typed(get, &errs, "SHUTDOWN_TIMEOUT", 10*time.Second, time.ParseDuration),
		LogLevel:        typed(get, &errs, "LOG_LEVEL", slog.LevelInfo, level),
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
	if c.TokenTTL <= 0 || c.TokenTTL > maxTokenTTL {
		errs = append(errs, fmt.Errorf("TOKEN_TTL=%s: want a positive duration of at most %s (an access token cannot be revoked, so it lives briefly)", c.TokenTTL, maxTokenTTL))
	}
	if c.BcryptCost < 4 || c.BcryptCost > 31 {
		errs = append(errs, fmt.Errorf("BCRYPT_COST=%d: want 4 to 31", c.BcryptCost))
	}
	if c.ShutdownTimeout <= 0 {
		errs = append(errs, fmt.Errorf("SHUTDOWN_TIMEOUT=%s: want a positive duration", c.ShutdownTimeout))
	}
	if len(c.Currency) != 3 {
		errs = append(errs, fmt.Errorf("STORE_CURRENCY=%q: want a three-letter ISO 4217 code", c.Currency))
	}
	if (c.AdminEmail == "") != (c.AdminPassword == "") {
		errs = append(errs, errors.New("set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither"))
	}
	secrets := []struct {
		name  string
		value *string
	}{{"JWT_SECRET", &c.JWTSecret}, {"WEBHOOK_SECRET", &c.WebhookSecret}}
	for _, s := range secrets {
		if c.Production() && len(*s.value) < minProductionSecret {
			errs = append(errs, fmt.Errorf("APP_ENV=production needs %s of at least %d bytes (try: openssl rand -hex 32)", s.name, minProductionSecret))
		}
	}
	if len(errs) > 0 {
		return Config{}, errors.Join(errs...)
	}
	for _, s := range secrets {
		if *s.value == "" {
			if *s.value, err = appendDevSecret(dotenvPath, s.name); err != nil {
				return Config{}, err
			}
			c.Generated = append(c.Generated, s.name)
		}
	}
	return c, nil
}

func or(v, fallback string) string {
	if v == "" {
		return fallback
	}
	return v
}

// typed reads key with convert; when key is unset it returns def, and a
// value convert rejects is recorded in errs under the variable's name.
func typed[T any](get func(string) string, errs *[]error, key string, def T, convert func(string) (T, error)) T {
	raw := strings.TrimSpace(get(key))
	if raw == "" {
		return def
	}
	v, err := convert(raw)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s=%q: %w", key, raw, err))
		return def
	}
	return v
}

func level(s string) (slog.Level, error) {
	var l slog.Level
	return l, l.UnmarshalText([]byte(s))
}
