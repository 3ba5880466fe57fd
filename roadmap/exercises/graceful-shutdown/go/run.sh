#!/bin/sh
# Builds the server, then runs the binary itself in this shell's place, so
# that SIGTERM reaches the program: `go run` would get it too and exit at
# once, without waiting for the program to finish its requests.
set -e
cd "$(dirname "$0")"
go build -o bin/graceful-shutdown .
exec ./bin/graceful-shutdown
