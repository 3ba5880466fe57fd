// Command server runs the blog: it reads its settings from the environment,
// migrates the database, makes sure the first admin exists, and serves
// HTTP until SIGINT or SIGTERM, then drains in-flight requests.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
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
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	cfg, err := config.Load(os.Getenv, ".env")
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	var handler slog.Handler = slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: cfg.LogLevel})
	if cfg.LogFormat == "json" {
		handler = slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: cfg.LogLevel})
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
		Addr:              ":" + strconv.Itoa(cfg.Port),
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 5 * time.Second, // the Slowloris defence
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(handler, slog.LevelWarn),
	}
	done := make(chan error, 1)
	go func() {
		log.Info("listening", "addr", hs.Addr, "env", cfg.Env)
		done <- hs.ListenAndServe()
	}()
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
