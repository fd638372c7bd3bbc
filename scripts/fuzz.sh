#!/usr/bin/env bash
# Runs each fuzz target for a while (default 120 s each; FUZZ_SECONDS changes it).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); nightly is not needed: RUSTC_BOOTSTRAP=1
# lets the stable toolchain build with the sanitizer flags. Not part of CI.
#   scripts/fuzz.sh            # every target
#   scripts/fuzz.sh log 600    # one target, ten minutes
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
export RUSTC_BOOTSTRAP=1
seconds=${2:-${FUZZ_SECONDS:-120}}
targets=${1:-deck answer log generate show}
for target in $targets; do
  corpus=corpus/$target
  mkdir -p "$corpus"
  # Seeds: the shipped and fixture decks, sample answers, a sample log and texts.
  case $target in
    deck) cp ../decks/*.toml ../tests/fixtures/decks/*.toml "$corpus"/ ;;
    # Texts: the generator's fixtures and test corpus (each gains two leading bytes, the date).
    generate) for f in ../tests/fixtures/generate/*.txt ../tests/generate/texts/*.txt; do
        if [ -e "$f" ]; then { printf '\x05\x07'; cat "$f"; } > "$corpus/$(basename "$f")"; fi
      done ;;
    *) cp seeds/"$target"/* "$corpus"/ ;;
  esac
  echo "== $target for ${seconds}s"
  cargo fuzz run "$target" "$corpus" -- -max_total_time="$seconds" -max_len=65536 -print_final_stats=1
done
