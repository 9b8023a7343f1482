#!/usr/bin/env bash
# Quick start, part 2: set up and run the whole test suite (debug build, Swift Testing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test
