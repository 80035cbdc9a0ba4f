#!/usr/bin/env bash
# Installs Signalboard, builds it and starts it on its embedded defaults (SQLite under ./data, the
# in-process broker) with the simulators feeding every panel. Ctrl-C stops it cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
if [ ! -f dist/server.js ] || [ ! -f .next/BUILD_ID ] || [ -n "$(find app lib broker simulators server.ts -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  npm run build
fi

export PORT="${PORT:-3000}" DATA_DIR="${DATA_DIR:-./data}" SIMULATORS="${SIMULATORS:-on}"
echo "Starting Signalboard on http://localhost:${PORT} (data in ${DATA_DIR})."
echo "On the first start it prints the admin password once; set SIGNALBOARD_ADMIN_PASSWORD to choose it."
exec env NODE_ENV=production node dist/server.js
