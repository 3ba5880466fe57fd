// Command config-env reads its configuration from the environment, refuses
// to start when a required variable is missing or a value is wrong, and
// prints a summary of what it will use with its secrets redacted.
package main

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
)

// config is what the program runs with.
type config struct {
	Port        int
	LogLevel    string
	DatabaseURL string
	APIToken    string
}

func main() {
	cfg, problems := load(os.Getenv)
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, "config:", p)
		}
		os.Exit(1)
	}
	fmt.Print(summary(cfg))
}

// load reads the configuration through getenv and returns every problem
// it finds, not only the first.
func load(getenv func(string) string) (config, []string) {
	// waymark:begin solution solve
	cfg := config{Port: 8080, LogLevel: "info"}
	var problems []string
	if cfg.DatabaseURL = getenv("DATABASE_URL"); cfg.DatabaseURL == "" {
		problems = append(problems, "DATABASE_URL is required (for example postgres://user:password@host:5432/db)")
	}
	if cfg.APIToken = getenv("API_TOKEN"); cfg.APIToken == "" {
		problems = append(problems, "API_TOKEN is required")
	}
	if v := getenv("PORT"); v != "" {
		port, err := strconv.Atoi(v)
		if err != nil || port < 1 || port > 65535 {
			problems = append(problems, fmt.Sprintf("PORT must be a number from 1 to 65535, not %q", v))
		}
		cfg.Port = port
	}
	if v := getenv("LOG_LEVEL"); v != "" {
		switch v {
		case "debug", "info", "warn", "error":
			cfg.LogLevel = v
		default:
			problems = append(problems, fmt.Sprintf("LOG_LEVEL must be debug, info, warn or error, not %q", v))
		}
	}
	return cfg, problems
	// waymark:end
}

// summary is what the program prints once its configuration is good: one
// setting a line, no secret in it.
func summary(cfg config) string {
	// waymark:begin solution solve
	dbURL := "[unreadable]" // even a URL that does not parse may hold a password
	if u, err := url.Parse(cfg.DatabaseURL); err == nil {
		dbURL = u.Redacted()
	}
	return fmt.Sprintf("port=%d\nlog_level=%s\ndatabase_url=%s\napi_token=[redacted]\n", cfg.Port, cfg.LogLevel, dbURL)
	// waymark:end
}
