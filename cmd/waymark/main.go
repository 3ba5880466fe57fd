// Command waymark is a terminal companion for people becoming backend
// developers: a roadmap with progress, project scaffolding and checks.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/waymark-dev/waymark/internal/cli"
	"github.com/waymark-dev/waymark/internal/iostreams"
)

func main() {
	tuneGC(os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], iostreams.System())
	stop()
	os.Exit(code)
}

// startGCPercent is the collector's target while waymark runs. A command
// lives for milliseconds and allocates a few megabytes as it starts (the
// curriculum, the first frame), and at Go's default of 100 a collection
// runs during that start for nothing: about a tenth of the TUI's time to
// its first frame. waymark's live heap is a few megabytes, so letting the
// heap grow to five times it costs little.
const startGCPercent = 400

// tuneGC sets startGCPercent unless GOGC says otherwise.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(startGCPercent)
	}
}
