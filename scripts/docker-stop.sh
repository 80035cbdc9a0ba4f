#!/usr/bin/env bash
# Stops the private Docker engine started by scripts/docker-start.sh (same SIGNALBOARD_DOCKER_DIR):
# SIGTERM to the pid in its pid file, then SIGKILL after a grace period. Never touches another engine.
# Idempotent: nothing to do when it is not running.
set -euo pipefail

DIR="${SIGNALBOARD_DOCKER_DIR:-/tmp/signalboard-docker}"
PIDFILE="$DIR/dockerd.pid"
GRACE_SECONDS="${SIGNALBOARD_DOCKER_STOP_GRACE:-15}"

say() { echo "[docker-stop] $*" >&2; }

pid="$(cat "$PIDFILE" 2>/dev/null || true)"
if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
  say "no engine running for $DIR"
  rm -f "$PIDFILE"
  exit 0
fi

kill -TERM "$pid"
deadline=$((SECONDS + GRACE_SECONDS))
while kill -0 "$pid" 2>/dev/null; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    say "dockerd $pid still running after ${GRACE_SECONDS}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    break
  fi
  sleep 0.3
done
say "engine $pid stopped"
