#!/usr/bin/env bash
# Quick start, part 1: set up, build, and replay the sample incident in samples/logs
# into reports/postmortem-2026-03-22.md and reports/incidents-2026-03-22.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --product replay
rm -f .replay/samples.sqlite .replay/samples.sqlite-wal .replay/samples.sqlite-shm .replay/samples.sqlite.last-report.json
.build/debug/replay analyze samples/logs --db .replay/samples.sqlite \
  --report reports/postmortem-2026-03-22.md --json reports/incidents-2026-03-22.json "$@"
