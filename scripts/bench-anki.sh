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
# and prints each run's wall time, CPU time (user + system) and peak RSS, then the medians
# and recall's ratios to Anki.
# Needs the peers venv (PyPI `anki`; PEERS_PYTHON, default /tmp/peers-venv/bin/python) and
# /usr/bin/time (Debian package `time`).
#   scripts/bench-anki.sh [ROUNDS]                         # default 5, in a temporary folder; 0 only builds
#   BENCH_DIR=/work/perfdata scripts/bench-anki.sh [ROUNDS]
# BENCH_DIR keeps the collections there and reuses them while the generator and the Anki
# builder are unchanged (its `key` file says from what they were built).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PEERS_PYTHON:-/tmp/peers-venv/bin/python}
rounds=${1:-5}
cargo build --release --quiet --bin recall --example synthetic
bin=$PWD/target/release/recall
if [ -n "${BENCH_DIR:-}" ]; then
  work=$BENCH_DIR
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

export RECALL_DECKS=$work/c/decks RECALL_DATA_DIR=$work/c/data RECALL_USER=heavy RECALL_DEVICE=bench
export RECALL_NOW=2026-11-21T10:00:00+00:00 RECALL_SEED=7 TZ=UTC NO_COLOR=1
export RECALL_CACHE_DIR=$work/cache
key="50000 1000000 one-card $(cat benches/support/synthetic.rs examples/synthetic.rs scripts/anki_peer.py | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$work/key" 2> /dev/null)" != "$key" ]; then
  rm -rf "$work/c" "$work/anki" "$work/cache" "$work/key"
  target/release/examples/synthetic "$work/c" 50000 1000000 one-card > /dev/null
  "$bin" progress --json > "$work/progress.json"
  mkdir "$work/anki"
  "$python" scripts/anki_peer.py build "$work/progress.json" "$work/c/data/heavy" "$work/anki/collection.anki2"
  echo "$key" > "$work/key"
fi
echo "decks $(du -sh "$work/c/decks" | cut -f1), logs $(du -sh "$work/c/data" | cut -f1), Anki collection $(du -sh "$work/anki" | cut -f1)"
sync

[ "$rounds" = 0 ] && exit 0

# Prints "wall-seconds cpu-seconds peak-MB" of one run of the command (cpu: user + system).
timed() {
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" < /dev/null > /dev/null 2> /dev/null
  awk '{ printf "%s %.2f %d\n", $1, $2 + $3, $4 / 1024 }' "$work/time"
}
recall_cached() { timed "$bin" review --limit 1; }
recall_cold() { RECALL_CACHE_DIR='' timed "$bin" review --limit 1; }
anki() { timed "$python" scripts/anki_peer.py first "$work/anki/collection.anki2"; }

# Warm-up: the first run writes recall's caches, and each run reads its files once.
recall_cached > /dev/null
recall_cold > /dev/null
anki > /dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%5s  %-16s %8s %8s %8s\n' round program wall-s cpu-s peak-MB
: > "$work/runs"
for round in $(seq "$rounds"); do
  for program in recall_cached anki recall_cold anki; do
    read -r wall cpu mb <<< "$($program)"
    printf '%5s  %-16s %8s %8s %8s\n' "$round" "$program" "$wall" "$cpu" "$mb"
    echo "$program $wall $cpu $mb" >> "$work/runs"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '
  { wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " $3; mb[$1] = mb[$1] " " $4 }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    aw = median(wall["anki"]); ac = median(cpu["anki"]); am = median(mb["anki"])
    printf "medians: Anki %.2f s wall, %.2f s cpu, %d MB\n", aw, ac, am
    n = split("recall_cached recall_cold", p, " ")
    for (i = 1; i <= n; i++) {
      w = median(wall[p[i]]); c = median(cpu[p[i]]); m = median(mb[p[i]])
      printf "%-13s %.2f s wall (%.2fx Anki), %.2f s cpu (%.2fx), %d MB (%.2fx)\n", p[i], w, w / aw, c, c / ac, m, m / am
    }
  }' "$work/runs"
