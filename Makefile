# switchyard — `make` lists the targets.
GO      ?= go
BIN     := bin/switchyard
PKGS    := ./...
FUZZTIME ?= 30s

.PHONY: help build demo test test-browser check-profiles test-faults test-integration test-peers lint fmt generate fuzz bench cover clean

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-18s %s\n", $$1, $$2}'

build: ## Build bin/switchyard
	$(GO) build -o $(BIN) ./cmd/switchyard

demo: build ## Run switchyard on the example campus (see scripts/demo.sh)
	./scripts/demo.sh

test: ## Run every test with the race detector
	$(GO) test -race -count=1 $(PKGS)

test-browser: ## Dashboard pages in headless Chromium (Debian's chromium): DOM assertions, desktop and phone screenshots kept in a temp dir
	$(GO) test -tags browser -count=1 -v -run 'InBrowser' ./internal/daemon

test-faults: ## Full fault-injection matrix: every transport x failure point, slow devices, SIGKILL at each step (docs/reliability.md)
	$(GO) test -race -count=1 -tags faults ./internal/faults

test-peers: ## Drivers against independent peers: Debian netconfd (NETCONF server), ncclient (client)
	$(GO) test -tags peers -count=1 ./internal/transport/netconf ./internal/devicesim ./providers/internal/ncsession -run 'Peer'

test-integration: ## Tests that need real devices or containerlab (none run in CI)
	$(GO) test -race -count=1 -tags integration $(PKGS)

lint: ## go vet and a gofmt check
	$(GO) vet $(PKGS)
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

fmt: ## Format the code
	gofmt -w $$(git ls-files '*.go')

generate: ## Regenerate models/openconfig from its vendored YANG, and profiles/shipped from ../shared/cisco-yang
	$(GO) generate ./models/openconfig ./profiles

check-profiles: ## Regenerate profiles/shipped from ../shared/cisco-yang into a temp dir and fail if it differs
	@d=$$(mktemp -d) && cd profiles && $(GO) run ./internal/genshipped -yang ../../shared/cisco-yang -out $$d >/dev/null && diff -r $$d shipped && echo "profiles/shipped: up to date" ; rc=$$?; rm -rf $$d; exit $$rc

fuzz: ## Run every fuzz target for FUZZTIME each
	./scripts/fuzz.sh $(FUZZTIME)

bench: ## Run the benchmarks and the fleet benchmarks (docs/performance.md)
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m $(PKGS)
	$(GO) test -tags fleetbench -run '^TestFleetBench' -count=1 -timeout 30m -v ./internal/fleet

cover: ## Test coverage report in coverage.html
	$(GO) test -coverprofile=coverage.out $(PKGS)
	$(GO) tool cover -html=coverage.out -o coverage.html

clean: ## Remove build output
	rm -rf bin coverage.out coverage.html
