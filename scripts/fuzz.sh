#!/usr/bin/env bash
# Runs each fuzz target for a while (default 120 s each; FUZZ_SECONDS changes it).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); nightly is not needed: RUSTC_BOOTSTRAP=1
# lets the stable toolchain build with the sanitizer flags. Not part of CI.
#   scripts/fuzz.sh            # every target
#   scripts/fuzz.sh log 600    # one target, ten minutes
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
export RUSTC_BOOTSTRAP=1
# The bundled SQLite (rusqlite) trips AddressSanitizer's ODR check at start-up.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_odr_violation=0}
seconds=${2:-${FUZZ_SECONDS:-120}}
# Every [[bin]] of fuzz/Cargo.toml, so that a new target is run without a change here.
all=$(cargo fuzz list)
targets=${1:-$all}
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
    # Import: the fixture exports (Quizlet's seeds gain a leading byte, the separator).
    import_quizlet) for f in ../tests/fixtures/anki/quizlet-*.txt; do
        { printf '\x00'; cat "$f"; } > "$corpus/$(basename "$f")"
      done ;;
    import_csv) cp ../tests/fixtures/anki/*.csv "$corpus"/ ;;
    import_anki_text) cp ../tests/fixtures/anki/notes-*.txt "$corpus"/ ;;
    import_apkg) cp ../tests/fixtures/anki/*.apkg ../tests/fixtures/anki/*.colpkg "$corpus"/ ;;
    *) cp seeds/"$target"/* "$corpus"/ ;;
  esac
  echo "== $target for ${seconds}s"
  cargo fuzz run "$target" "$corpus" -- -max_total_time="$seconds" -max_len=65536 -print_final_stats=1
done
