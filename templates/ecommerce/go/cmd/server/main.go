// Command server runs the shop API: configuration from the environment,
// database opened and migrated, HTTP served until SIGINT or SIGTERM.
// `server -seed` fills an empty catalog with sample data and exits.
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

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/api"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/auth"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/config"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
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
	seedOnly := flags.Bool("seed", false, "seed sample products into an empty catalog, then exit")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: server [-seed]\n\nServes the shop API; every setting comes from the environment (see .env.example).")
		flags.PrintDefaults()
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
	log := newLogger(cfg, stdout)
	for _, name := range cfg.Generated {
		log.Warn(name + " was not set: generated a development value into .env (never commit .env; set it in production)")
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
	if err := prepare(ctx, cfg, st, log, *seedOnly); err != nil || *seedOnly {
		return err
	}

	srv, err := api.New(cfg, st, log)
	if err != nil {
		return err
	}
	httpServer := &http.Server{
		Handler: srv.Handler(),
		// Bounded reads and writes keep slow clients from pinning
		// connections (ReadHeaderTimeout stops Slowloris).
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// Listening before serving means the address is known (PORT=0 picks
	// a free port) and logged before the first request can arrive.
	ln, err := net.Listen("tcp", net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port)))
	if err != nil {
		return err
	}
	log.Info("listening", "addr", ln.Addr().String(), "env", cfg.Env)
	serveErr := make(chan error, 1)
	go func() { serveErr <- httpServer.Serve(ln) }()
	select {
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-serveErr; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// prepare creates the configured admin and, in development or when asked,
// seeds an empty catalog.
func prepare(ctx context.Context, cfg config.Config, st *store.Store, log *slog.Logger, seed bool) error {
	// waymark:begin solution accounts
	if cfg.AdminEmail != "" {
		hash, err := auth.HashPassword(cfg.AdminPassword, cfg.BcryptCost)
		if err != nil {
			return err
		}
		created, err := st.EnsureAdmin(ctx, cfg.AdminEmail, hash)
		if err != nil {
			return fmt.Errorf("ADMIN_EMAIL %s: %w (choose another address)", cfg.AdminEmail, err)
		}
		if created {
			log.Info("admin account created", "email", cfg.AdminEmail)
		}
	}
	// waymark:stub
	// waymark:end
	if !seed && cfg.Production() {
		return nil
	}
	// waymark:begin solution catalog
	seeded, err := st.SeedCatalog(ctx, cfg.Currency)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if seeded {
		log.Info("seeded sample categories and products")
	}
	// waymark:stub
	// log.Info("seeding comes with the catalog milestone")
	// waymark:end
	return nil
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
