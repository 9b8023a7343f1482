#!/usr/bin/env bash
# Peak memory of `replay ingest` against input size (issue 8: under 256 MB, and not
# growing with the input): the benchmark's kind of lines at ~1, ~2 and ~4.3 GB.
#
#   bench/memory.sh               # builds release, generates the corpora once (~2 min)
#   SKIP_BUILD=1 bench/memory.sh
#
# The 4.3 GB corpus is 32 two-day copies of the simulator's reference incident
# (`make_corpus.py --files 32`, 300 MB of gzip in .bench/big); the smaller ones are its
# first 8 and 16 files. Prints each run's wall time, inflated size and peak RSS
# (`/usr/bin/time -v`), and the growth per GB between the smallest and the largest.
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH=${SCRATCH:-.build-perf-release}
BENCH=.bench
REPLAY=$SCRATCH/release/replay
BIG=$BENCH/big
BIG_VERSION=v1-reference-32x2days-requests10

if [ -z "${SKIP_BUILD:-}" ]; then
  swift build -c release --scratch-path "$SCRATCH" --product replay >&2
fi
if [ "$(cat "$BIG/all/.version" 2>/dev/null)" != "$BIG_VERSION" ]; then
  echo "memory: generating the 4.3 GB corpus in $BIG (once; about two minutes)" >&2
  rm -rf "$BIG" "$BENCH/seed-big"
  "$REPLAY" simulate --scenario reference --seed 1 --out "$BENCH/seed-big" >&2
  python3 bench/make_corpus.py "$BENCH/seed-big" "$BIG/all" --files 32 >&2
  for n in 8 16; do
    mkdir -p "$BIG/first$n"
    for f in $(ls "$BIG/all"/*.jsonl.gz | head -n $n); do ln -s "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" "$BIG/first$n/"; done
  done
  echo "$BIG_VERSION" > "$BIG/all/.version"
fi

results=()
for corpus in first8 first16 all; do
  rm -rf "$BENCH/db-memory" && mkdir -p "$BENCH/db-memory"
  /usr/bin/time -v -o "$BENCH/memory-time.txt" "$REPLAY" ingest "$BIG/$corpus" --db "$BENCH/db-memory/m.sqlite" \
    > "$BENCH/memory-ingest.out" 2>&1 || { cat "$BENCH/memory-ingest.out"; exit 1; }
  mb=$(awk '/^read / {print $2}' "$BENCH/memory-ingest.out")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$BENCH/memory-time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$BENCH/memory-time.txt")
  printf 'memory: %-8s %8.0f MB inflated  %8s wall  peak RSS %4d MB\n' "$corpus" "$mb" "$wall" "$rss"
  results+=("$mb $rss")
done
read -r mb1 rss1 <<< "${results[0]}"
read -r mb3 rss3 <<< "${results[2]}"
awk -v a="$mb1" -v b="$mb3" -v r1="$rss1" -v r3="$rss3" \
  'BEGIN { printf "memory: %.1f MB more peak RSS per GB of input (limit 256 MB)\n", (r3 - r1) / ((b - a) / 1024) }'
