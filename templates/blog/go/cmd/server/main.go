// Command server runs the blog: it reads its settings from the environment,
// migrates the database, makes sure the first admin exists, and serves
// HTTP until SIGINT or SIGTERM, then drains in-flight requests.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/waymark-dev/waymark/templates/blog/go/internal/api"
	"github.com/waymark-dev/waymark/templates/blog/go/internal/config"
	"github.com/waymark-dev/waymark/templates/blog/go/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

// run is the whole server: it reads its settings through getenv (and
// .env), logs to stdout, and serves until ctx is cancelled, then shuts
// down gracefully. main hands it the process's own; a test hands it its
// own and boots the server in-process.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("server", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: server\n\nServes the blog; every setting comes from the environment (see .env.example).")
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q: every setting comes from the environment", flags.Args())
	}

	cfg, err := config.Load(getenv, ".env")
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	var handler slog.Handler = slog.NewTextHandler(stdout, &slog.HandlerOptions{Level: cfg.LogLevel})
	if cfg.LogFormat == "json" {
		handler = slog.NewJSONHandler(stdout, &slog.HandlerOptions{Level: cfg.LogLevel})
	}
	log := slog.New(handler)
	if cfg.GeneratedSecret {
		log.Warn("JWT_SECRET was not set: generated a development secret into .env (never commit .env; set JWT_SECRET in production)")
	}

	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer st.Close()
	applied, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	log.Info("database ready", "dialect", st.Dialect(), "migrations_applied", applied)

	srv, err := api.New(cfg, st, log)
	if err != nil {
		return err
	}
	// waymark:begin solution roles
	if err := srv.EnsureAdmin(ctx, cfg); err != nil {
		return fmt.Errorf("first admin: %w", err)
	}
	// waymark:stub
	// // TODO(roles): create or promote the first admin from cfg.AdminEmail and cfg.AdminPassword.
	// waymark:end

	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 5 * time.Second, // the Slowloris defence
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(handler, slog.LevelWarn),
	}
	// Listening before serving means the address is known (PORT=0 picks
	// a free port) and logged before the first request can arrive.
	ln, err := net.Listen("tcp", net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port)))
	if err != nil {
		return err
	}
	log.Info("listening", "addr", ln.Addr().String(), "env", cfg.Env)
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}
