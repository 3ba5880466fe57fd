# waymark — build, run and test. `make test` is the one test command.
GO       ?= go
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -s -w -X github.com/waymark-dev/waymark/internal/cli.Version=$(VERSION)
FUZZTIME ?= 20000x
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOVULNCHECK := golang.org/x/vuln/cmd/govulncheck@v1.9.0
# Packages with goroutines of their own: their tests also run with -race.
RACE_PKGS := ./internal/progress/ ./internal/check/ ./internal/library/ ./internal/tui/ ./internal/atomicfile/ ./internal/classroom/

.PHONY: build run test test-unit test-race fuzz fuzz-explore bench bench-stacks bench-solutions golden lint vulncheck fmt clean

# CGO_ENABLED=0: waymark needs no C, and a dynamically linked binary (net
# and os/user link cgo when a C compiler is present) spends about 2.5 ms of
# every command in the dynamic loader and cgo's start, a third of a status.
build: ## build bin/waymark (static)
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/waymark ./cmd/waymark

run: ## run waymark (pass arguments with ARGS="status --json")
	$(GO) run ./cmd/waymark $(ARGS)

# Fuzzing explores at random, so a run that finds nothing proves little and
# a run that finds something fails where the change did not: make test replays
# every target's seeds and its testdata/fuzz corpus (a plain go test does),
# which is deterministic; make fuzz explores, and what it finds is committed
# to the corpus, where every later test run replays it.
test: lint test-unit test-race ## everything CI runs

test-unit:
	$(GO) test -count=1 -timeout 60m ./...

test-race: ## the concurrent packages' tests under the race detector (-short: the long walks once is enough)
	$(GO) test -race -short -count=1 -timeout 15m $(RACE_PKGS)

# Fuzz targets (the decoders, among them the check kinds' SQL splitter,
# judge case files and harness answers; the solution stripper; a random walk
# through the TUI), each run for FUZZTIME executions unless the target names its own
# count (a walk is a whole session, so it runs fewer);
# -fuzzminimizetime keeps the fuzzer from stalling on minimising big inputs.
FUZZ_TARGETS := FuzzParse:./internal/curriculum/ FuzzExercise:./internal/curriculum/ FuzzDecode:./internal/progress/ \
	FuzzScalar:./internal/progress/ FuzzDecode:./internal/check/ FuzzSplitSQL:./internal/check/ \
	FuzzCaseFile:./internal/check/ FuzzHarnessLine:./internal/check/ FuzzDecodeLoad:./internal/check/ \
	FuzzStrip:./internal/scaffold/ FuzzCacheEntry:./internal/curriculum/ FuzzRender:./internal/markdown/ \
	FuzzWalk:./internal/tui/:200x

fuzz: ## explore each fuzz target (FUZZTIME=20000x executions, or a duration like 30s); commit what it finds
	@set -e; for t in $(FUZZ_TARGETS); do \
		name=$${t%%:*}; rest=$${t#*:}; pkg=$${rest%%:*}; n=$(FUZZTIME); \
		case $$rest in *:*) n=$${rest#*:};; esac; \
		echo "fuzz $$name in $$pkg ($$n)"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $$n -fuzzminimizetime 100x "$$pkg"; \
	done

# Exploring targets: their oracle is another program's reading (goldmark's, for
# the reflowed Markdown), so each run may find a new difference to write
# around. They explore for FUZZ_EXPLORE_TIME instead of gating make test; what
# they find goes into their testdata/fuzz folder, which every test run replays.
FUZZ_EXPLORE_TIME ?= 10m
fuzz-explore: ## explore the fuzz targets whose oracle is another parser (FUZZ_EXPLORE_TIME=10m)
	$(GO) test -run '^$$' -fuzz '^FuzzReflowMeaning$$' -fuzztime $(FUZZ_EXPLORE_TIME) ./internal/markdown/

# The packages whose tests compare with golden files: x/exp/golden defines
# -update, and a test binary without it would reject the flag.
GOLDEN := github.com/charmbracelet/x/exp/golden
GOLDEN_PKGS = $(shell $(GO) list -f '{{range .TestImports}}{{if eq . "$(GOLDEN)"}}{{$$.ImportPath}}{{end}}{{end}}{{range .XTestImports}}{{if eq . "$(GOLDEN)"}}{{$$.ImportPath}}{{end}}{{end}}' ./...)

golden: ## rewrite the golden files (testdata/<TestName>.golden) from the current output; review git diff
	$(GO) test -count=1 -run Golden $(GOLDEN_PKGS) -update

bench: ## Go benchmarks: speed and memory figures (the servers under wrk: bench-stacks, bench-solutions)
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./...

bench-stacks: ## the stacks' speed on this machine: wrk on the tasks solutions, Python check suites and installs (bench/stacks.sh)
	bash bench/stacks.sh

bench-solutions: ## each REST solution's list against a minimal handler of its stack, SQLite and PostgreSQL (TEST_DATABASE_URL): bench/solutions.sh
	bash bench/solutions.sh

lint: ## go vet, staticcheck, a gofmt check and go.mod tidy
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@$(GO) mod tidy -diff >/dev/null || { echo "go.mod or go.sum is not tidy: run go mod tidy"; $(GO) mod tidy -diff; exit 1; }

vulncheck: ## known vulnerabilities in the code paths we call (needs the Go vulnerability database online)
	$(GO) run $(GOVULNCHECK) ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
