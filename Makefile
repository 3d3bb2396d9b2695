# Conform — the two commands a new machine needs are `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
CONFIG ?= debug
BIN := .build/$(CONFIG)/conform
JUNIT ?= Reports/junit.xml

.PHONY: all deps build release test demo clean bench fuzz fuzz-mock

all: build

## deps: install the system libraries that are missing (libcurl, libxml2, zlib, libyaml, mimalloc).
deps:
	@./scripts/ensure-deps

## Release builds link the Swift runtime and Foundation statically: the binary runs where no Swift
## is installed, and every run skips most dynamic symbol lookups (~5 % of a run's instructions,
## 11 % of `validate`'s; bench/FINDINGS.md). bench/run and bench/profile build the same way.
RELEASE_FLAGS := --static-swift-stdlib
build: deps
	$(SWIFT) build -c $(CONFIG) $(if $(filter release,$(CONFIG)),$(RELEASE_FLAGS))

release:
	$(MAKE) build CONFIG=release

## test: the whole test suite (unit, mock, end to end against the built binary).
test: build
	SWIFT=$(SWIFT) ./scripts/run-tests $(CONFIG)

## demo: start the mock on a free loopback port, run Specs/ against it, write Reports/junit.xml.
demo: build
	@./scripts/demo $(BIN) $(JUNIT)

## fuzz: libFuzzer (with AddressSanitizer) on the YAML reader and the JSON parser, FUZZ_SECONDS each.
## Seeds are the shipped suite; findings are written to .build/fuzz/findings/. A separate build
## folder, so the sanitized build never replaces the normal one.
FUZZ_SECONDS ?= 60
FUZZ_BUILD := $(SWIFT) build --scratch-path .build/fuzz \
	-Xswiftc -sanitize=fuzzer,address -Xswiftc -DCONFORM_FUZZ
fuzz: deps
	$(FUZZ_BUILD) --product conform-fuzz-yaml
	$(FUZZ_BUILD) --product conform-fuzz-json
	@mkdir -p .build/fuzz/corpus/yaml .build/fuzz/corpus/json .build/fuzz/findings
	.build/fuzz/debug/conform-fuzz-yaml -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
		-artifact_prefix=.build/fuzz/findings/yaml- .build/fuzz/corpus/yaml Specs
	.build/fuzz/debug/conform-fuzz-json -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
		-artifact_prefix=.build/fuzz/findings/json- .build/fuzz/corpus/json Tests/Corpus

## fuzz-mock: Schemathesis against `conform mock`, from `conform export openapi Specs`; any 5xx or hang fails.
FUZZ_EXAMPLES ?= 25
fuzz-mock: build
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) ./scripts/fuzz-mock $(BIN)

bench: deps
	@./bench/run

clean:
	rm -rf .build Reports/*.xml
