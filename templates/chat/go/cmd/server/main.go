// Command server runs the chat: it reads its settings from the environment,
// opens and migrates the database, optionally joins Redis, and serves HTTP
// and WebSockets until SIGINT or SIGTERM.
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

	"github.com/waymark-dev/waymark/templates/chat/go/internal/api"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/config"
	"github.com/waymark-dev/waymark/templates/chat/go/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

// run is the whole server: it reads its settings through getenv, logs to
// stdout, and serves until ctx is cancelled, then shuts down gracefully.
// main hands it the process's own; a test hands it its own and boots the
// server in-process.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("server", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: server\n\nServes the chat; every setting comes from the environment (see .env.example).")
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

	cfg, err := config.Load(getenv)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	log := slog.New(slog.NewTextHandler(stdout, opts))
	if cfg.LogFormat == "json" {
		log = slog.New(slog.NewJSONHandler(stdout, opts))
	}

	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	log.Info("database ready", "dialect", st.Dialect(), "migrations_applied", n)

	srv, err := api.New(ctx, cfg, st, log)
	if err != nil {
		return err
	}
	// Background work (the Redis relay) stops with bgCtx, after HTTP.
	bgCtx, stopBg := context.WithCancel(context.WithoutCancel(ctx))
	defer stopBg()
	go func() {
		if err := srv.Run(bgCtx); err != nil {
			log.Error("background relay stopped", "err", err)
		}
	}()

	hs := &http.Server{
		Handler: srv.Handler(),
		// A WebSocket is hijacked, which clears these deadlines: they bound
		// ordinary requests only. ReadHeaderTimeout stops Slowloris.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    32 << 10,
		BaseContext:       func(net.Listener) context.Context { return bgCtx },
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
	go func() { serveErr <- hs.Serve(ln) }()
	select {
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	log.Info("shutting down", "timeout", cfg.ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
	defer cancel()
	err = hs.Shutdown(shutdownCtx)
	// Shutdown neither waits for nor closes hijacked WebSockets: cancelling
	// bgCtx, their base context, closes them with "going away".
	stopBg()
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-serveErr; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}
