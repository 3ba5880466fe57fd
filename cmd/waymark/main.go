// Command waymark is a terminal companion for people becoming backend
// developers: a roadmap with progress, project scaffolding and checks.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/waymark-dev/waymark/internal/cli"
	"github.com/waymark-dev/waymark/internal/iostreams"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], iostreams.System())
	stop()
	os.Exit(code)
}
