#!/usr/bin/env bash
# The whole test suite from a fresh clone: system packages, npm dependencies, a private Docker engine
# for the container-log tests, then every check (types, lint, unit, build, integration against the
# real server, end-to-end in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/install-system-deps.sh
npm ci --no-audit --no-fund

# The container-log tests run against a real dockerd: DOCKER_HOST when it is set, else a private
# engine (scripts/docker-start.sh) stopped again on exit. Wherever one can be set up (root, or CI)
# those tests are required: an engine that does not start makes them fail, never skip.
if [ -n "${CI:-}" ] || [ "$(id -u)" -eq 0 ]; then export SIGNALBOARD_REQUIRE_DOCKER=1; fi
# Likewise the several-instances tests start their own redis-server (installed above).
if [ -n "${CI:-}" ] || [ "$(id -u)" -eq 0 ]; then export SIGNALBOARD_REQUIRE_REDIS=1; fi
engine_dir="${SIGNALBOARD_DOCKER_DIR:-/tmp/signalboard-docker}"
stop_engine=""
cleanup() {
  if [ -n "$stop_engine" ]; then bash scripts/docker-stop.sh || true; fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM
if [ -z "${DOCKER_HOST:-}" ]; then
  curl -sf --max-time 2 --unix-socket "$engine_dir/docker.sock" http://localhost/_ping >/dev/null 2>&1 || stop_engine=1
  if engine="$(bash scripts/docker-start.sh)"; then
    eval "$engine"
  else
    stop_engine=""
    echo "[test-all] *** no Docker engine: the container-log tests will $([ -n "${SIGNALBOARD_REQUIRE_DOCKER:-}" ] && echo FAIL || echo 'be skipped') ***" >&2
  fi
fi
if [ -n "${DOCKER_HOST:-}" ]; then
  bash scripts/docker-image.sh || echo "[test-all] *** could not build localhost/busybox:latest ***" >&2
fi

npm test
