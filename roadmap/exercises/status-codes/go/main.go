// Command status-codes serves a tiny in-memory item store whose every
// answer carries the status code and headers HTTP defines for it. It
// listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Getenv("PORT")); err != nil {
		fmt.Fprintln(os.Stderr, "status-codes:", err)
		os.Exit(1)
	}
}

// run serves until ctx is cancelled.
func run(ctx context.Context, port string) error {
	if port == "" {
		port = "8080"
	}
	srv := &http.Server{
		Addr:              net.JoinHostPort("127.0.0.1", port),
		Handler:           routes(newStore()),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
	}
	failed := make(chan error, 1)
	go func() { failed <- srv.ListenAndServe() }()
	log.Printf("listening on http://%s", srv.Addr)
	select {
	case err := <-failed:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// routes maps each method and path to its handler. A path registered for
// some methods answers the others 405 with an Allow header by itself: the
// standard library's ServeMux knows which methods each path accepts.
func routes(s *store) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("POST /items", s.create)
	mux.HandleFunc("GET /items/{id}", s.get)
	mux.HandleFunc("DELETE /items/{id}", s.delete)
	return mux
}
