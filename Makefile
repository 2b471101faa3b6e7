# Drakor developer entry points. Works non-interactively (CI, no stdin).
#
#   make deps   install the system packages and tauri-driver (only what is missing)
#   make run    build and start the desktop app
#   make test   fmt check, clippy, build the app, all tests (end-to-end included)
#   make e2e    build the app and run only the end-to-end tests
#   make fuzz   run the fuzz targets on nightly, FUZZ_SECONDS each (not part of test)

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := test

CARGO ?= cargo
export DEBIAN_FRONTEND := noninteractive
# tauri-driver is installed by `cargo install`; make sure it is found.
export PATH := $(PATH):$(or $(CARGO_HOME),$(HOME)/.cargo)/bin

APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential curl wget file libssl-dev \
	librsvg2-dev libayatana-appindicator3-dev libxdo-dev fonts-noto-cjk xvfb \
	webkit2gtk-driver xauth
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: deps run test e2e

deps:
	@missing=""; \
	for pkg in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$pkg" 2>/dev/null | grep -q '^install ok installed$$' \
	    || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing$$missing"; \
	  $(SUDO) apt-get update -q </dev/null; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing </dev/null; \
	else \
	  echo "deps: system packages present"; \
	fi
	@if command -v tauri-driver >/dev/null 2>&1; then \
	  echo "deps: tauri-driver present ($$(command -v tauri-driver))"; \
	else \
	  echo "deps: installing tauri-driver"; \
	  $(CARGO) install tauri-driver --locked --version ^2 </dev/null; \
	fi

run: deps
	$(CARGO) run -p drakor-app

# The end-to-end tests drive target/debug/drakor-app, so it is built before
# `cargo test` runs them. Built as part of the whole workspace (all targets):
# `cargo build -p drakor-app` alone resolves dependency features differently
# (tokio, syn, ...) and would compile the Tauri stack a second time for the
# tests, minutes on a small machine.
test: deps
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) build --workspace --all-targets
	$(CARGO) test --workspace

e2e: deps
	$(CARGO) build -p drakor-app
	$(CARGO) test -p drakor-e2e

# Fuzzing, on nightly with cargo-fuzz (installed if missing); not part of
# `make test`. Each target runs FUZZ_SECONDS, one after the other, starting
# from the committed seeds, corpus and regressions; what it finds goes to
# fuzz/work/ (not committed), a crash to fuzz/artifacts/ and stops the run.
#   make fuzz FUZZ_SECONDS=60 FUZZ_TARGETS=scene_time
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= import_json import_any scene_time
FUZZ_TOOLCHAIN ?= nightly

.PHONY: fuzz
fuzz:
	@rustup toolchain list | grep -q '^$(FUZZ_TOOLCHAIN)' \
	  || rustup toolchain install $(FUZZ_TOOLCHAIN) --profile minimal </dev/null
	@command -v cargo-fuzz >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked </dev/null
	@for target in $(FUZZ_TARGETS); do \
	  dict=fuzz/dicts/import.dict; \
	  if [ "$$target" = scene_time ]; then dict=fuzz/dicts/scene_time.dict; fi; \
	  mkdir -p fuzz/work/$$target fuzz/corpus/$$target fuzz/regressions/$$target; \
	  echo "fuzz: $$target for $(FUZZ_SECONDS) s"; \
	  cargo +$(FUZZ_TOOLCHAIN) fuzz run $$target fuzz/work/$$target \
	    fuzz/seeds/$$target fuzz/corpus/$$target fuzz/regressions/$$target -- \
	    -max_total_time=$(FUZZ_SECONDS) -dict=$$dict -print_final_stats=1 </dev/null; \
	done
