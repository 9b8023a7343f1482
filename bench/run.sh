#!/usr/bin/env bash
# The ingest benchmark (issue 8): `replay ingest` and `replay analyze` against the
# single-core zlib floor, on ~1 GB of CloudWatch JSON lines in 8 gzip files.
#
#   bench/run.sh                  # 5 rounds, builds release first
#   RUNS=7 bench/run.sh           # more rounds on a noisy machine
#   SKIP_BUILD=1 bench/run.sh     # measure the binary already built
#
# `ingest1` ingests the same lines as one file (the 8 gzip members back to back).
# Every round runs each command once, in a rotated order so no command always
# runs first (cold) or last (after the others heated the machine); the summary
# is the median of the rounds. Ratios are against the floor: `zlib_floor`
# inflating the same files and counting newlines on one core. Two references are
# printed beside it, never used as the floor: `isal` (`isal_floor`, the same job
# with Intel ISA-L, the inflater `replay` uses: ~0.35x the floor) and zcat (~2.5x
# slower than zlib itself). Peak memory
# is `/usr/bin/time -v`'s maximum resident set size. DuckDB runs too when the
# `duckdb` command is installed. Outputs go to .bench/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
SCRATCH=${SCRATCH:-.build-perf-release}
BENCH=.bench
CORPUS=$BENCH/corpus
CORPUS_VERSION=v2-reference-8x2days-requests10
mkdir -p "$BENCH"
REPLAY=$SCRATCH/release/replay
DB=$BENCH/db/bench.sqlite

COMMANDS=(floor isal zcat ingest analyze ingest1)
command -v duckdb >/dev/null 2>&1 && COMMANDS+=(duckdb)

# One measured command (run under /usr/bin/time by the loop below).
run_one() {
  case "$1" in
    floor) "$BENCH/zlib_floor" "${FILES[@]}" ;;
    isal) "$BENCH/isal_floor" "${FILES[@]}" ;;
    zcat) zcat "${FILES[@]}" | wc -l ;;
    ingest) "$REPLAY" ingest "$CORPUS" --db "$DB" ;;
    analyze) "$REPLAY" analyze "$CORPUS" --db "$DB" --out "$BENCH/out" ;;
    ingest1) "$REPLAY" ingest "$BENCH/one" --db "$DB" ;;
    duckdb) duckdb "$BENCH/db/duck.db" -c \
      "CREATE TABLE event AS SELECT * FROM read_ndjson_auto('$CORPUS/*.jsonl.gz'); SELECT count(*) FROM event;" ;;
  esac
}
if [ "${1:-}" = "--one" ]; then FILES=("$CORPUS"/*.jsonl.gz); run_one "$2"; exit; fi

if [ -z "${SKIP_BUILD:-}" ]; then
  swift build -c release --scratch-path "$SCRATCH" --product replay >&2
fi
gcc -O2 bench/zlib_floor.c -lz -o "$BENCH/zlib_floor"
gcc -O2 bench/isal_floor.c -lisal -o "$BENCH/isal_floor"

# The corpus: the simulator's reference incident, 8 two-day copies laid end to end, requests x10 (bench/make_corpus.py).
if [ "$(cat "$CORPUS/.version" 2>/dev/null)" != "$CORPUS_VERSION" ]; then
  echo "bench: generating the corpus in $CORPUS (once; about a minute)" >&2
  rm -rf "$CORPUS" "$BENCH/seed"
  "$REPLAY" simulate --scenario reference --seed 1 --out "$BENCH/seed" >&2
  python3 bench/make_corpus.py "$BENCH/seed" "$CORPUS" --files 8 >&2
  echo "$CORPUS_VERSION" > "$CORPUS/.version"
fi
FILES=("$CORPUS"/*.jsonl.gz)
# The same lines as one file (the 8 gzip members back to back): a single export read by every core.
if [ "$(cat "$BENCH/one/.version" 2>/dev/null)" != "$CORPUS_VERSION" ]; then
  rm -rf "$BENCH/one" && mkdir -p "$BENCH/one"
  cat "${FILES[@]}" > "$BENCH/one/all.jsonl.gz"
  echo "$CORPUS_VERSION" > "$BENCH/one/.version"
fi
GZ_BYTES=$(du -cb "${FILES[@]}" | tail -1 | cut -f1)
fresh_db() { rm -rf "$BENCH/db" "$BENCH/out"; mkdir -p "$BENCH/db" "$BENCH/out"; }
LINES_AND_BYTES=$("$BENCH/zlib_floor" "${FILES[@]}")

RESULTS=$BENCH/results.tsv
: > "$RESULTS"
n=${#COMMANDS[@]}
for ((round = 0; round < RUNS; round++)); do
  for ((k = 0; k < n; k++)); do
    name=${COMMANDS[$(((k + round) % n))]}
    fresh_db
    start=$(date +%s%N)
    SKIP_BUILD=1 /usr/bin/time -v -o "$BENCH/time.txt" "$0" --one "$name" \
      > "$BENCH/$name.out" 2> "$BENCH/$name.err" || { echo "bench: $name failed:"; cat "$BENCH/$name.err"; exit 1; }
    end=$(date +%s%N)
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$BENCH/time.txt")
    printf '%s\t%d\t%s\t%s\n' "$name" "$round" "$(( (end - start) / 1000 ))" "$rss" >> "$RESULTS"
    awk -v r="$((round + 1))" -v n="$name" -v us="$(( (end - start) / 1000 ))" -v kb="$rss" \
      'BEGIN { printf "bench: round %d %-8s %6.2f s %7.1f MB\n", r, n, us / 1e6, kb / 1024 }' >&2
  done
done

echo "corpus: ${#FILES[@]} gzip files, $((GZ_BYTES / 1000000)) MB gzipped, $LINES_AND_BYTES"
echo "machine: $(nproc) cores; $RUNS rounds, medians; replay $(git rev-parse --short HEAD)$(git diff --quiet -- Sources || echo '+changes')"
echo "ingest says: $(grep -E '^(events|read)' "$BENCH/ingest.out" | tr '\n' ' ')"
echo "analyze says: $(grep -E '^crashes' "$BENCH/analyze.out")"
python3 - "$RESULTS" "$LINES_AND_BYTES" <<'EOF'
import statistics, sys
from collections import defaultdict
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
inflated = int(sys.argv[2].split(",")[1].split()[0])
secs, rss, by_round = defaultdict(list), defaultdict(list), defaultdict(dict)
for name, rnd, us, kb in rows:
    secs[name].append(int(us) / 1e6); rss[name].append(int(kb) / 1024); by_round[rnd][name] = int(us) / 1e6
floor = statistics.median(secs["floor"])
print("%-8s %9s %9s %10s %9s %14s %11s" % ("", "median s", "min s", "MB/s", "vs floor", "paired ratio", "peak RSS"))
for name in secs:
    med = statistics.median(secs[name])
    paired = statistics.median(r[name] / r["floor"] for r in by_round.values() if name in r and "floor" in r)
    print("%-8s %9.2f %9.2f %10.0f %8.2fx %13.2fx %8.0f MB" % (
        name, med, min(secs[name]), inflated / 1e6 / med, med / floor, paired, max(rss[name])))
EOF
