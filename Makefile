# Conform — the two commands a new machine needs are `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
CONFIG ?= debug
BIN := .build/$(CONFIG)/conform
JUNIT ?= Reports/junit.xml

.PHONY: all deps build release test demo clean bench

all: build

## deps: install the system libraries pkg-config cannot find (libcurl, libxml2, zlib, libyaml).
deps:
	@./scripts/ensure-deps

build: deps
	$(SWIFT) build -c $(CONFIG)

release:
	$(MAKE) build CONFIG=release

## test: the whole test suite (unit, mock, end to end against the built binary).
test: build
	$(SWIFT) test -c $(CONFIG)

## demo: start the mock on a free loopback port, run Specs/ against it, write Reports/junit.xml.
demo: build
	@./scripts/demo $(BIN) $(JUNIT)

bench: deps
	@./bench/run

clean:
	rm -rf .build Reports/*.xml
