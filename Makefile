# Drakor developer entry points. Works non-interactively (CI, no stdin).
#
#   make deps     install the system packages, tauri-driver and tauri-cli (only what is missing)
#   make run      build and start the desktop app
#   make test     fmt check, clippy, build the app and its .deb, all tests (end-to-end included)
#   make e2e      build the app and its .deb, run only the end-to-end tests
#   make package  build the release .deb: target/release/bundle/deb/Drakor_<version>_amd64.deb
#   make fuzz   run the fuzz targets on nightly, FUZZ_SECONDS each (not part of test)

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := test

CARGO ?= cargo
export DEBIAN_FRONTEND := noninteractive
# tauri-driver and tauri-cli (`cargo tauri`) are installed by `cargo install`;
# make sure they are found.
export PATH := $(PATH):$(or $(CARGO_HOME),$(HOME)/.cargo)/bin

APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential curl wget file libssl-dev \
	librsvg2-dev libayatana-appindicator3-dev libxdo-dev fonts-noto-cjk xvfb \
	webkit2gtk-driver xauth mpv mpv-mpris ffmpeg dbus xdotool
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# Tauri's bundler, pinned: `make deps` installs this version when
# `cargo tauri` is missing or another version.
TAURI_CLI_VERSION := 2.12.4
# The bundles `make package` builds. Only the .deb builds offline; add
# appimage (BUNDLES=deb,appimage) on a machine that may download its tools.
BUNDLES ?= deb

.PHONY: deps run test e2e package deb-debug

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
	@if [ "$$(cargo-tauri --version 2>/dev/null)" = "tauri-cli $(TAURI_CLI_VERSION)" ]; then \
	  echo "deps: tauri-cli present ($$(command -v cargo-tauri))"; \
	else \
	  echo "deps: installing tauri-cli $(TAURI_CLI_VERSION)"; \
	  $(CARGO) install tauri-cli --locked --version =$(TAURI_CLI_VERSION) </dev/null; \
	fi

run: deps
	$(CARGO) run -p drakor-app

# The end-to-end tests drive target/debug/drakor-app, and the package test
# (tests/e2e/tests/package.rs) unpacks target/debug/bundle/deb/*.deb, so both
# are built before `cargo test` runs them (`make deb-debug`).
test: deps
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	@$(MAKE) --no-print-directory deb-debug
	$(CARGO) test --workspace

e2e: deps
	@$(MAKE) --no-print-directory deb-debug
	$(CARGO) test -p drakor-e2e

# The app and the `drakor` command line go into the .deb with the manual
# pages, which `drakor man-pages` writes from the command line's own
# definition; $(1) is target/release or target/debug.
define bundle_extras
	rm -rf $(1)/man
	$(1)/drakor --quiet man-pages $(1)/man
	gzip -9n $(1)/man/*.1
endef

# The release .deb for users: Drakor, its desktop entry and icons, and
# /usr/bin/drakor with its manual pages. `tauri build` compiles drakor-app
# itself (release, with the custom-protocol feature src-tauri/Cargo.toml
# already sets) and bundles it.
package: deps
	$(CARGO) build --release -p drakor-cli
	$(call bundle_extras,target/release)
	$(CARGO) tauri build --ci --bundles $(BUNDLES)
	@ls target/release/bundle/deb/*.deb

# The same .deb from the debug build, for the package test. Built as part of
# the whole workspace (all targets): `cargo build -p drakor-app` alone (or
# `tauri build`, which does that) resolves dependency features differently
# (tokio, syn, ...) and would compile the Tauri stack a second time for the
# tests, minutes on a small machine. `tauri bundle` compiles nothing: it
# packs the binaries cargo built, taking the CLI's from target/debug
# (src-tauri/packaging/debug-deb.conf.json), and leaves cargo's drakor-app
# as it is (no bundle type written into it: nothing here reads it).
deb-debug:
	$(CARGO) build --workspace --all-targets
	$(call bundle_extras,target/debug)
	$(CARGO) tauri bundle --ci --debug --bundles deb --no-binary-patching \
	  --config src-tauri/packaging/debug-deb.conf.json

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
