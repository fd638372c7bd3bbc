#!/usr/bin/env bash
# Runs each fuzz target for a while (default 120 s each; FUZZ_SECONDS changes it).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); nightly is not needed: RUSTC_BOOTSTRAP=1
# lets the stable toolchain build with the sanitizer flags. Not part of CI.
#   scripts/fuzz.sh            # every target
#   scripts/fuzz.sh log 600    # one target, ten minutes
#   FUZZ_BUILD=0 scripts/fuzz.sh 'import_csv show' 600   # as built before, not rebuilt
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
export RUSTC_BOOTSTRAP=1
# The bundled SQLite (rusqlite) trips AddressSanitizer's ODR check at start-up.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_odr_violation=0}
seconds=${2:-${FUZZ_SECONDS:-120}}
# Every [[bin]] of fuzz/Cargo.toml, so that a new target is run without a change here.
all=$(cargo fuzz list)
targets=${1:-$all}
# Built once, then run as built: every target fuzzes the code of this one moment, even if
# the sources change during a long run. Said first, so that a run can be recorded.
# FUZZ_BUILD=0 runs what was built before, as it was built.
if [ "${FUZZ_BUILD:-1}" != 0 ]; then
  echo "== fuzzing $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- ../src . || echo ' (with uncommitted changes)')"
  for target in $targets; do cargo fuzz build "$target"; done
fi
bin=target/$(rustc -vV | sed -n 's/^host: //p')/release
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
  mkdir -p artifacts/"$target"
  "$bin/$target" -artifact_prefix=artifacts/"$target"/ -max_total_time="$seconds" -max_len=65536 \
    -print_final_stats=1 "$corpus"
done
