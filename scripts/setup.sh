#!/usr/bin/env bash
# Installs what `replay` needs beyond Swift on a Debian machine: the system SQLite,
# zlib (deflate, for the simulator) and Intel ISA-L (inflate, for reading gzip)
# headers, and python3 for the scoring tool the tests run. Idempotent: does
# nothing when everything is there.
set -euo pipefail

missing=()
dpkg -s libsqlite3-dev >/dev/null 2>&1 || missing+=(libsqlite3-dev)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
dpkg -s libisal-dev >/dev/null 2>&1 || missing+=(libisal-dev)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
