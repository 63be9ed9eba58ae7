#!/bin/sh
# Run by the Maven build (generate-resources): installs the pinned npm tools of this module and
# compiles the contracts into $1. Without Node.js and npm it says so and does nothing: the Java code
# still builds, and the chain tests skip themselves with a message.
set -eu
cd "$(dirname "$0")/.."
out="$1"
evm="${2:-cancun}"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "[settlement] Node.js/npm not found: contracts not compiled, chain tests will be skipped"
  exit 0
fi
# npm ci only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if ! npm ci --no-audit --no-fund --ignore-scripts --loglevel=error; then
    echo "[settlement] npm ci failed (no registry?): contracts not compiled, chain tests will be skipped"
    exit 0
  fi
fi
node scripts/compile.js "$out" "$evm"
