#!/usr/bin/env bash
# Builds the release binary and prints README's "Performance" figures for the real binary:
# the time to the first question and the peak memory of `recall review --limit 1` with its
# input ended, with the cache of the logs up to date (every start but the first) and
# without it, and the time per answer of a piped session, on synthetic collections of
# 1k to 20k facts (2.5 cards a fact) and 10k to 1M reviews, and of 50k facts of one card
# each and 1M reviews (examples/synthetic.rs). `cargo bench` gives the in-process figures;
# scripts/bench-anki.sh compares with Anki. Needs /usr/bin/time (Debian package `time`).
#   scripts/bench.sh            # every size
#   scripts/bench.sh heavy      # only 20k facts and 1M reviews
#   scripts/bench.sh one-card   # only 50k facts of one card each and 1M reviews
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin recall --example synthetic
bin=$PWD/target/release/recall
gen=$PWD/target/release/examples/synthetic
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: RECALL_NOW=2026-11-21T10:00:00Z recall review --limit 1 < /dev/null (best of 3; no cache: RECALL_CACHE_DIR=)"

# Times one run: prints "wall-seconds cpu-seconds peak-KB".
timed() {
  local input=$1
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" < "$input" > /dev/null 2> /dev/null || true
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time"
}

# Sets the environment of the collection in $1 (a fresh copy of its progress each run),
# with the cache folder $2 (empty for none).
use() {
  rm -rf "$work/data"
  cp -r "$1/data" "$work/data"
  # Written out before timing: the copy's writeback would take a core from the run.
  sync
  export RECALL_DECKS=$1/decks RECALL_DATA_DIR=$work/data RECALL_USER=heavy RECALL_DEVICE=bench
  export RECALL_NOW=2026-11-21T10:00:00+00:00 RECALL_SEED=7 TZ=UTC NO_COLOR=1
  export RECALL_CACHE_DIR=$2
}

# Best of 3 of the first question on the collection in $1 with the cache folder $2.
best_of_3() {
  local best="" t
  for _ in 1 2 3; do
    use "$1" "$2"
    t=$(timed /dev/null "$bin" review --limit 1)
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { split(a, x, " "); split(b, y, " "); exit !(x[1] < y[1]) }'; then
      best=$t
    fi
  done
  echo "$best"
}

sizes="1000:1000000 5000:1000000 20000:1000000 20000:10000 20000:100000 50000:1000000:one-card"
[ "${1:-}" = heavy ] && sizes="20000:1000000"
[ "${1:-}" = one-card ] && sizes="50000:1000000:one-card"
printf '%7s %9s  %8s %8s %9s  %13s %8s %9s\n' facts reviews cached-s cpu-s peak-MB no-cache-s cpu-s peak-MB
for size in $sizes; do
  IFS=: read -r facts reviews kind <<< "$size"
  dir=$work/c-$facts-$reviews$kind
  # shellcheck disable=SC2086 # $kind is empty or one word
  "$gen" "$dir" "$facts" "$reviews" $kind > /dev/null
  sync
  # A first run writes the cache.
  use "$dir" "$work/cache"
  timed /dev/null "$bin" review --limit 1 > /dev/null
  read -r wall cpu kb <<< "$(best_of_3 "$dir" "$work/cache")"
  read -r cold_wall cold_cpu cold_kb <<< "$(best_of_3 "$dir" "")"
  printf '%7s %9s  %8s %8s %9s  %13s %8s %9s  %s\n' "$facts" "$reviews" "$wall" "$cpu" "$((kb / 1024))" \
    "$cold_wall" "$cold_cpu" "$((cold_kb / 1024))" "${kind:+(one card a fact)}"
  rm -rf "$work/cache"
  last=$dir
done

# Per answer: a session of 200 piped answers against one of none, on the largest collection.
answers=200
for _ in $(seq "$answers"); do echo 'the armistice 1953'; done > "$work/answers"
use "$last" "$work/cache"
timed /dev/null "$bin" review --limit 1 > /dev/null
use "$last" "$work/cache"
none=$(timed /dev/null "$bin" review --limit 1)
use "$last" "$work/cache"
many=$(timed "$work/answers" "$bin" review)
echo "per answer (check, schedule, append, flush; $answers piped answers):" \
  "$(awk -v a="$many" -v b="$none" -v n="$answers" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%.2f ms wall, %.2f ms cpu", (x[1] - y[1]) * 1000 / n, (x[2] - y[2]) * 1000 / n }')"
