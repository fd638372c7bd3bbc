#!/usr/bin/env bash
# Issue 16: recall against Anki at the size of a heavy user, side by side in one run.
# Builds 50,000 facts of one card each in 20 decks with 1,000,000 reviews over five years
# (examples/synthetic.rs), and the same collection for Anki (scripts/anki_peer.py: one Basic
# note a card, every review in the revlog, each card's FSRS state and due day as recall
# replays them). Then times, in turn, round after round:
#   recall, cached:   RECALL_NOW=2026-11-21T10:00:00Z recall review --limit 1 < /dev/null
#   Anki:             open the collection, build the queue, render the first card, close
#   recall, no cache: the same with RECALL_CACHE_DIR= (no log cache, no deck snapshot)
#   Anki again
# and prints each run's wall time and peak RSS, then the medians and recall's ratios to Anki.
# Needs the peers venv (PyPI `anki`; PEERS_PYTHON, default /tmp/peers-venv/bin/python) and
# /usr/bin/time (Debian package `time`).
#   scripts/bench-anki.sh [ROUNDS]     # default 5
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PEERS_PYTHON:-/tmp/peers-venv/bin/python}
rounds=${1:-5}
cargo build --release --quiet --bin recall --example synthetic
bin=$PWD/target/release/recall
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

target/release/examples/synthetic "$work/c" 50000 1000000 one-card > /dev/null
export RECALL_DECKS=$work/c/decks RECALL_DATA_DIR=$work/c/data RECALL_USER=heavy RECALL_DEVICE=bench
export RECALL_NOW=2026-11-21T10:00:00+00:00 RECALL_SEED=7 TZ=UTC NO_COLOR=1
export RECALL_CACHE_DIR=$work/cache
"$bin" progress --json > "$work/progress.json"
mkdir "$work/anki"
"$python" scripts/anki_peer.py build "$work/progress.json" "$work/c/data/heavy" "$work/anki/collection.anki2"
echo "decks $(du -sh "$work/c/decks" | cut -f1), logs $(du -sh "$work/c/data" | cut -f1), Anki collection $(du -sh "$work/anki" | cut -f1)"
sync

# Prints "wall-seconds peak-MB" of one run of the command.
timed() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" < /dev/null > /dev/null 2> /dev/null
  awk '{ printf "%s %d\n", $1, $2 / 1024 }' "$work/time"
}
recall_cached() { timed "$bin" review --limit 1; }
recall_cold() { RECALL_CACHE_DIR='' timed "$bin" review --limit 1; }
anki() { timed "$python" scripts/anki_peer.py first "$work/anki/collection.anki2"; }

# Warm-up: the first run writes recall's caches, and each run reads its files once.
recall_cached > /dev/null
recall_cold > /dev/null
anki > /dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%5s  %-16s %8s %8s\n' round program wall-s peak-MB
: > "$work/runs"
for round in $(seq "$rounds"); do
  for program in recall_cached anki recall_cold anki; do
    read -r wall mb <<< "$($program)"
    printf '%5s  %-16s %8s %8s\n' "$round" "$program" "$wall" "$mb"
    echo "$program $wall $mb" >> "$work/runs"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '
  { wall[$1] = wall[$1] " " $2; mb[$1] = mb[$1] " " $3 }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    aw = median(wall["anki"]); am = median(mb["anki"])
    printf "medians: Anki %.2f s %d MB", aw, am
    n = split("recall_cached recall_cold", p, " ")
    for (i = 1; i <= n; i++) {
      w = median(wall[p[i]]); m = median(mb[p[i]])
      printf "; %s %.2f s (%.2fx Anki) %d MB (%.2fx)", p[i], w, w / aw, m, m / am
    }
    printf "\n"
  }' "$work/runs"
