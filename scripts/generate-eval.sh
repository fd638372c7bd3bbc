#!/usr/bin/env bash
# Precision and recall of `recall decks generate` against the hand-checked lists in
# tests/fixtures/generate/, one row per text. `-v` lists what was missed and what is wrong;
# `--tuned` leaves out the held-out texts.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run -q --example generate-eval -- "$@"
