#!/bin/sh
# `go run` turns every failing exit status into 1, and this program's
# status is part of its job: build it, then run the binary itself.
set -e
cd "$(dirname "$0")"
go build -o bin/line-filter .
exec ./bin/line-filter "$@"
