#!/usr/bin/env bash
# The whole test suite from a fresh clone: system packages, npm dependencies, then every check
# (types, lint, unit, build, integration against the real server, end-to-end in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/install-system-deps.sh
npm ci --no-audit --no-fund
npm test
