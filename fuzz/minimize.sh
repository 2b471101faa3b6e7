#!/usr/bin/env bash
# Rebuilds fuzz/corpus/TARGET from the committed corpus and what fuzzing
# found (fuzz/work/TARGET): `cargo fuzz cmin` keeps the fewest inputs that
# reach all the code they reach (edges, not hit counts), read up to
# FUZZ_MAX_LEN bytes each (4096: a longer input is kept cut to that, which
# keeps the corpus small for about 2% of the edges); then inputs equal to
# a seed or regression are left out (those folders are replayed anyway).
#
#   fuzz/minimize.sh import_json
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/minimize.sh TARGET}
toolchain=${FUZZ_TOOLCHAIN:-nightly}
all=work/cmin-$target
rm -rf "$all" && mkdir -p "$all" "corpus/$target" "work/$target"
cp seeds/"$target"/* corpus/"$target"/* work/"$target"/* "$all"/ 2>/dev/null || true
[ -d "regressions/$target" ] && cp regressions/"$target"/* "$all"/ 2>/dev/null || true
cargo "+$toolchain" fuzz cmin "$target" "$all" -- -use_counters=0 \
  -max_len="${FUZZ_MAX_LEN:-4096}"
# libFuzzer names what it keeps by the SHA-1 of the content.
known=$(cat <(sha1sum seeds/"$target"/* 2>/dev/null) \
  <(sha1sum regressions/"$target"/* 2>/dev/null) | cut -d' ' -f1)
rm -rf "corpus/$target" && mkdir -p "corpus/$target"
for file in "$all"/*; do
  sum=$(sha1sum "$file" | cut -d' ' -f1)
  grep -qxF "$sum" <<<"$known" || cp "$file" "corpus/$target/$sum"
done
rm -rf "$all"
echo "corpus/$target: $(ls "corpus/$target" | wc -l) files, $(du -sh "corpus/$target" | cut -f1)"
