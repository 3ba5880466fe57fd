# waymark — build, run and test. `make test` is the one test command.
GO       ?= go
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -s -w -X github.com/waymark-dev/waymark/internal/cli.Version=$(VERSION)
FUZZTIME ?= 20000x

.PHONY: build run test test-unit fuzz bench lint fmt clean

build: ## build bin/waymark
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/waymark ./cmd/waymark

run: ## run waymark (pass arguments with ARGS="status --json")
	$(GO) run ./cmd/waymark $(ARGS)

test: lint test-unit fuzz ## everything CI runs

test-unit:
	$(GO) test -count=1 -timeout 30m ./...

# Fuzz targets (the decoders and the solution stripper), each run briefly;
# -fuzzminimizetime keeps the fuzzer from stalling on minimising big inputs.
FUZZ_TARGETS := FuzzParse:./internal/curriculum/ FuzzDecode:./internal/progress/ \
	FuzzScalar:./internal/progress/ FuzzDecode:./internal/check/ FuzzStrip:./internal/scaffold/

fuzz: ## run each fuzz target briefly (FUZZTIME=20000x executions, or a duration like 30s)
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t%%:*} in $${t#*:}"; \
		$(GO) test -run '^$$' -fuzz "^$${t%%:*}$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 100x "$${t#*:}"; \
	done

bench: ## benchmarks: speed and memory figures
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./...

lint: ## go vet and a gofmt check
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
