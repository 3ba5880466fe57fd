package check

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// signalTestServer is the server a signal or log step test starts (the
// test binary, from TestMain): WAYMARK_TEST_SIGNAL_SERVER=graceful serves /slow and shuts down on
// SIGTERM, finishing what is in flight; =abrupt leaves SIGTERM's default
// action; =stubborn ignores it.
func signalTestServer(mode string) {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		fmt.Printf("{\"path\": %q, \"status\": 200, \"id\": %q}\n", r.URL.Path, r.Header.Get("X-Request-Id"))
		_, _ = w.Write([]byte("hi"))
	})
	fmt.Println("listening, in plain words")
	mux.HandleFunc("/slow", func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(800 * time.Millisecond)
		_, _ = w.Write([]byte("done"))
	})
	srv := &http.Server{Addr: net.JoinHostPort("127.0.0.1", os.Getenv("PORT")), Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	drained := make(chan struct{})
	switch mode {
	case "graceful":
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
		defer stop()
		go func() { <-ctx.Done(); _ = srv.Shutdown(context.Background()); close(drained) }()
	case "stubborn":
		signal.Ignore(syscall.SIGTERM)
	}
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		os.Exit(1)
	}
	<-drained // ListenAndServe returns at once; Shutdown is still finishing requests
}
