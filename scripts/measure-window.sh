#!/usr/bin/env bash
# The window at scale: launch to first screen, and memory (PSS of the app
# and all its WebKit processes), for the Drakor app on the heavy user's
# library (2,000 dramas, 100,000 scenes) and on an empty library, against
# an empty Tauri window built the same way (tests/window-floor), in one run.
# Then one more launch looks at the screens at scale: DOM size, scrolling,
# paging, the Scenes screen, where the Library's time goes; screenshots.
#
#   bash scripts/measure-window.sh [--runs N] [--db LIBRARY] [--out DIR]
#
#   --runs N      timed launches of each window (default 5), after one
#                 warm-up launch each; medians are reported
#   --db LIBRARY  the large library; generated and imported if missing
#                 (default: $TMPDIR/drakor-window/big.sqlite3)
#   --out DIR     where window.json and the screenshots go
#                 (default: target/measure-window)
#
# Needs Xvfb, tauri-driver, WebKitWebDriver and ImageMagick (`make deps`,
# `apt-get install imagemagick`). Release builds: the first run compiles
# the app (10-15 minutes on 2 cores); the empty window reuses its compiled
# Tauri stack (same Cargo.lock, same target directory).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

runs=5
db="${TMPDIR:-/tmp}/drakor-window/big.sqlite3"
out="$root/target/measure-window"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "measure-window: unknown argument $1" >&2; exit 2 ;;
  esac
done

export PATH="$PATH:${CARGO_HOME:-$HOME/.cargo}/bin"
for tool in Xvfb tauri-driver WebKitWebDriver import; do
  command -v "$tool" >/dev/null || {
    echo "measure-window: $tool not found (make deps; apt-get install imagemagick)" >&2
    exit 1
  }
done

target="${CARGO_TARGET_DIR:-$root/target}"
release="$target/release"

echo "== release builds"
# The app and the CLI as CI builds them; the measuring client on its own
# (built with the app, its tokio features would change the app's build).
cargo build --release -p drakor-app -p drakor-cli -p drakor-testkit
cargo build --release -p drakor-e2e --bin measure_window
# The empty window: its own workspace, the root's lock file (the same tauri,
# wry and WebKit bindings as the app) and the root's target directory.
cp Cargo.lock tests/window-floor/Cargo.lock
CARGO_TARGET_DIR="$target" cargo build --release --manifest-path tests/window-floor/Cargo.toml
for crate in tauri wry webkit2gtk; do
  app_version="$(grep -A1 "^name = \"$crate\"\$" Cargo.lock | sed -n 's/^version = //p')"
  floor_version="$(grep -A1 "^name = \"$crate\"\$" tests/window-floor/Cargo.lock | sed -n 's/^version = //p')"
  if [[ "$app_version" != "$floor_version" ]]; then
    echo "measure-window: $crate differs: app $app_version, empty window $floor_version" >&2
    exit 1
  fi
  echo "$crate $app_version in both"
done

if [[ ! -s "$db" ]]; then
  echo "== generating and importing the large library into $db"
  mkdir -p "$(dirname "$db")"
  "$release/drakor-dev" generate -o "$db.json"
  "$release/drakor" --db "$db" import "$db.json"
  rm -f "$db.json"
fi

echo "== measuring ($runs runs each, plus one warm-up)"
mkdir -p "$out"
rm -f "$out"/shots/*.png
# A private Xvfb for every launch, even when a display is set.
DRAKOR_E2E_XVFB=1 "$release/measure_window" \
  --app "$release/drakor-app" \
  --floor "$release/drakor-window-floor" \
  --db "$db" \
  --runs "$runs" \
  --shots "$out/shots" \
  --json "$out/window.json"
echo "Screenshots: $out/shots"
